/**
 * Reads one step of a Beratungsfolge from a council information system's OParl 1.1 interface
 * (https://oparl.org): from a Consultation, or from a Paper and its consultations, the meeting
 * day (Meeting.start), the result (AgendaItem.result), whether it was public, and the paper's
 * reference (Drucksache). The only outbound request the app makes besides SMTP, and only when
 * staff ask for it: https only, one host outside the own network, a deadline, a size cap and few
 * requests.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import * as v from 'valibot';
import type { AdoptionResult } from '../../domain';
import { cleanLine } from '../../text/clean';
import { todayIn } from '../time';

export type OparlProblem =
	| 'scheme'
	| 'unreachable'
	| 'status'
	| 'too_large'
	| 'not_oparl'
	| 'redirect'
	| 'other_body'
	| 'internal';

export interface OparlStep {
	meetingOn: string | null;
	paperNumber: string;
	isPublic: boolean | null;
	result: AdoptionResult | null;
	/** Votes the result's words name ("Ja 30, Nein 5, Enthaltungen 2"); OParl has no field for them. */
	votes: OparlVotes | null;
	/** What could not be mapped (a result in other words), to keep as the step's note. */
	note: string;
}

export interface OparlVotes {
	yes: number;
	no: number;
	abstained: number | null;
}

export type OparlImport = { ok: true; found: OparlStep } | { ok: false; problem: OparlProblem };

export interface OparlOptions {
	/** The name of the step's body, to pick the paper's consultation in it. */
	bodyName?: string;
	/** Tests serve fixtures over plain http on localhost; nothing else ever may. */
	allowLocalHttp?: boolean;
	/** Hosts IT allows although they resolve into the own network (`OPARL_HOSTS`). */
	trustedHosts?: readonly string[];
	timeoutMs?: number;
	maxBytes?: number;
}

const maxRequests = 16;
const maxRedirects = 3;
const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The machine's and the own network's addresses, where no request may go unless IT allows it. */
const internal = new BlockList();
for (const [network, prefix] of [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['224.0.0.0', 3]
] as const) {
	internal.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
	['::', 127],
	['::ffff:0:0', 96],
	['64:ff9b::', 96],
	['fc00::', 7],
	['fe80::', 10],
	['ff00::', 8]
] as const) {
	internal.addSubnet(network, prefix, 'ipv6');
}

const typed = (kind: string) =>
	v.pipe(
		v.string(),
		v.check((type) => type.startsWith('https://schema.oparl.org/1.') && type.endsWith(`/${kind}`))
	);
const text = v.pipe(v.string(), v.maxLength(10_000));
const link = v.pipe(v.string(), v.maxLength(2_000));

const consultationSchema = v.object({
	id: link,
	type: typed('Consultation'),
	paper: v.optional(link),
	agendaItem: v.optional(link),
	meeting: v.optional(link),
	organization: v.optional(v.pipe(v.array(link), v.maxLength(50))),
	authoritative: v.optional(v.boolean())
});
const paperSchema = v.object({
	id: link,
	type: typed('Paper'),
	reference: v.optional(text),
	consultation: v.optional(v.pipe(v.array(consultationSchema), v.maxLength(100)))
});
const agendaItemSchema = v.object({
	id: link,
	type: typed('AgendaItem'),
	public: v.optional(v.boolean()),
	result: v.optional(text)
});
const meetingSchema = v.object({
	id: link,
	type: typed('Meeting'),
	start: v.optional(v.pipe(v.string(), v.isoTimestamp()))
});
const organizationSchema = v.object({
	id: link,
	type: typed('Organization'),
	name: text,
	shortName: v.optional(text)
});

type Consultation = v.InferOutput<typeof consultationSchema>;

class Refusal extends Error {
	constructor(readonly problem: OparlProblem) {
		super(problem);
	}
}

/** How council information systems word results, mapped to ours; anything else is kept as text. */
export function resultOf(wording: string): AdoptionResult | null {
	const said = wording.toLowerCase();
	if (/\bnicht\b|\bkein\b/.test(said)) return null;
	if (/abgelehnt/.test(said)) return 'rejected';
	if (/vertagt|zurückgestellt|abgesetzt|zurückgezogen/.test(said)) return 'deferred';
	// „Beschlussempfehlung angenommen“ is a committee's recommendation, not the decision.
	if (/empfohlen|empfehlung/.test(said)) return 'recommended';
	// „ungeändert beschlossen“ contains „geändert“.
	if (/ungeändert|unverändert|ohne änderung/.test(said)) return 'adopted';
	if (/geändert|mit änderung/.test(said)) return 'adopted_amended';
	if (/beschlossen|zugestimmt|angenommen/.test(said)) return 'adopted';
	return null;
}

const voteWords = {
	yes: 'ja(?:-stimmen)?',
	no: 'nein(?:-stimmen)?',
	abstained: 'enthaltung(?:en)?'
} as const;

/**
 * The votes a result's words name, as council systems write them into AgendaItem.result: „Ja: 30,
 * Nein: 5, Enthaltungen: 2“ or „30 Ja-Stimmen, 5 Nein-Stimmen, 2 Enthaltungen“. Yes and no must
 * both be named; „einstimmig“ names no numbers, so it gives none. At most 999 each, as on the form.
 */
export function votesOf(wording: string): OparlVotes | null {
	const said = wording.toLowerCase();
	// One way of writing per text: in „30 Ja 5 Nein“ the 5 is the no, not a yes after „Ja“.
	const numberFirst = new RegExp(`\\b\\d{1,3}\\s*${voteWords.yes}\\b`).test(said);
	const count = (word: string) => {
		const pattern = numberFirst
			? `\\b(\\d{1,3})\\s*${word}\\b`
			: `\\b${word}\\s*[:=]?\\s*(\\d{1,3})\\b`;
		const found = new RegExp(pattern).exec(said);
		return found ? Number(found[1]) : null;
	};
	const yes = count(voteWords.yes);
	const no = count(voteWords.no);
	if (yes === null || no === null) return null;
	return { yes, no, abstained: count(voteWords.abstained) };
}

class Reader {
	private requests = 0;
	private hostChecked = false;
	private readonly host: string;
	private readonly deadline: number;

	constructor(
		start: URL,
		private readonly options: Required<
			Pick<OparlOptions, 'allowLocalHttp' | 'maxBytes' | 'trustedHosts'>
		> & {
			timeoutMs: number;
		}
	) {
		this.host = start.host;
		this.deadline = Date.now() + options.timeoutMs;
	}

	private allowed(url: URL): boolean {
		if (url.username || url.password) return false;
		if (url.protocol === 'https:') return true;
		return url.protocol === 'http:' && this.options.allowLocalHttp && localHosts.has(url.hostname);
	}

	/**
	 * Whether the host may be asked: every address it resolves to lies outside the own network,
	 * or IT listed it. (A name server that answers differently a moment later could still point
	 * the request inside; it then still needs https with a valid certificate for that name.)
	 */
	private async outside(url: URL): Promise<boolean> {
		const name = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
		if (this.options.trustedHosts.includes(name)) return true;
		if (this.options.allowLocalHttp && localHosts.has(url.hostname)) return true;
		const addresses = isIP(name)
			? [{ address: name, family: isIP(name) }]
			: await lookup(name, { all: true, verbatim: true }).catch(() => {
					throw new Refusal('unreachable');
				});
		return addresses.every(
			({ address, family }) => !internal.check(address, family === 6 ? 'ipv6' : 'ipv4')
		);
	}

	/** One object: same host, redirects only within it, within the deadline and size cap. */
	async object<S extends v.GenericSchema>(address: string, schema: S): Promise<v.InferOutput<S>> {
		if (!URL.canParse(address)) throw new Refusal('scheme');
		let url = new URL(address);
		if (!this.allowed(url)) throw new Refusal('scheme');
		if (url.host !== this.host) throw new Refusal('not_oparl');
		if (!this.hostChecked) {
			if (!(await this.outside(url))) throw new Refusal('internal');
			this.hostChecked = true;
		}
		for (let redirects = 0; ; redirects += 1) {
			this.requests += 1;
			if (this.requests > maxRequests) throw new Refusal('not_oparl');
			const remaining = this.deadline - Date.now();
			if (remaining <= 0) throw new Refusal('unreachable');
			const signal = AbortSignal.timeout(remaining);
			let response: Response;
			try {
				response = await fetch(url, {
					redirect: 'manual',
					signal,
					headers: { accept: 'application/json' }
				});
			} catch {
				throw new Refusal('unreachable');
			}
			if (response.status >= 300 && response.status < 400) {
				await response.body?.cancel();
				const location = response.headers.get('location');
				const next: URL | null =
					location && URL.canParse(location, url) ? new URL(location, url) : null;
				if (!next || next.host !== this.host || !this.allowed(next) || redirects >= maxRedirects) {
					throw new Refusal('redirect');
				}
				url = next;
				continue;
			}
			if (!response.ok) {
				await response.body?.cancel();
				throw new Refusal('status');
			}
			const body = await this.read(response);
			let json: unknown;
			try {
				json = JSON.parse(body);
			} catch {
				throw new Refusal('not_oparl');
			}
			const parsed = v.safeParse(schema, json);
			if (!parsed.success) throw new Refusal('not_oparl');
			return parsed.output;
		}
	}

	private async read(response: Response): Promise<string> {
		const { maxBytes } = this.options;
		if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
			await response.body?.cancel();
			throw new Refusal('too_large');
		}
		if (!response.body) return '';
		const chunks: Uint8Array[] = [];
		let size = 0;
		try {
			for await (const chunk of response.body) {
				size += chunk.byteLength;
				if (size > maxBytes) {
					await response.body.cancel().catch(() => undefined);
					throw new Refusal('too_large');
				}
				chunks.push(chunk);
			}
		} catch (thrown) {
			if (thrown instanceof Refusal) throw thrown;
			throw new Refusal('unreachable');
		}
		return new TextDecoder().decode(Buffer.concat(chunks));
	}
}

const bodyKey = (name: string) => cleanLine(name).toLocaleLowerCase('de').replace(/\s+/g, ' ');

/**
 * Whether the consultation is the step's body's, by the exact name or short name of its
 * organisation (a part of a name is not enough: „Kreistag“ is not „Kreistagsausschuss“). One
 * without an organisation is only taken when the step names no body.
 */
async function inBody(
	reader: Reader,
	consultation: Consultation,
	bodyName: string
): Promise<boolean> {
	const wanted = bodyKey(bodyName);
	const address = consultation.organization?.[0];
	if (!wanted || !address) return !wanted;
	const organization = await reader.object(address, organizationSchema);
	return [organization.name, organization.shortName ?? ''].some((n) => bodyKey(n) === wanted);
}

/**
 * The paper's consultation in the step's body. Another body's result must never land in the
 * step: a final step's result adopts the concept and cannot be corrected afterwards.
 */
async function pickConsultation(
	reader: Reader,
	consultations: Consultation[],
	bodyName: string
): Promise<Consultation> {
	if (!bodyKey(bodyName)) {
		if (consultations.length === 1) return consultations[0]!;
		throw new Refusal('other_body');
	}
	for (const consultation of consultations) {
		if (await inBody(reader, consultation, bodyName)) return consultation;
	}
	throw new Refusal('other_body');
}

/** Imports a step from an OParl Consultation or Paper URL. */
export async function importFromOparl(
	address: string,
	options: OparlOptions = {}
): Promise<OparlImport> {
	const start = URL.canParse(address) ? new URL(address) : null;
	if (!start) return { ok: false, problem: 'scheme' };
	const reader = new Reader(start, {
		allowLocalHttp: options.allowLocalHttp ?? false,
		trustedHosts: options.trustedHosts ?? [],
		timeoutMs: options.timeoutMs ?? 8_000,
		maxBytes: options.maxBytes ?? 2_000_000
	});
	try {
		const found: OparlStep = {
			meetingOn: null,
			paperNumber: '',
			isPublic: null,
			result: null,
			votes: null,
			note: ''
		};
		const first = await reader.object(address, v.union([paperSchema, consultationSchema]));
		let consultation: Consultation;
		if (v.is(paperSchema, first)) {
			const paper = first;
			found.paperNumber = cleanLine(paper.reference ?? '').slice(0, 60);
			consultation = await pickConsultation(
				reader,
				paper.consultation ?? [],
				options.bodyName ?? ''
			);
		} else {
			consultation = first;
			if (!(await inBody(reader, consultation, options.bodyName ?? ''))) {
				throw new Refusal('other_body');
			}
			if (consultation.paper) {
				const paper = await reader.object(consultation.paper, paperSchema);
				found.paperNumber = cleanLine(paper.reference ?? '').slice(0, 60);
			}
		}
		if (consultation.meeting) {
			const meeting = await reader.object(consultation.meeting, meetingSchema);
			if (meeting.start) found.meetingOn = todayIn(undefined, new Date(meeting.start));
		}
		if (consultation.agendaItem) {
			const item = await reader.object(consultation.agendaItem, agendaItemSchema);
			found.isPublic = item.public ?? null;
			const wording = cleanLine(item.result ?? '').slice(0, 500);
			found.result = wording ? resultOf(wording) : null;
			found.votes = found.result ? votesOf(wording) : null;
			if (wording && !found.result) found.note = `OParl: ${wording}`;
		}
		return { ok: true, found };
	} catch (thrown) {
		if (thrown instanceof Refusal) return { ok: false, problem: thrown.problem };
		throw thrown;
	}
}
