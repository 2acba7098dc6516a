/**
 * One benchmark process holding many phones that behave like the phone page: they join over
 * HTTP (or bring a device token), connect websocket-first with polling as the fallback,
 * reconnect by themselves, and after every (re)connect re-sync the event and the current
 * activity. Talks to the orchestrator over IPC; see `PhoneCommand`.
 */
import { io, type Socket } from 'socket.io-client';
import type {
	ActivitySummary,
	ClientToServerEvents,
	Reply,
	ServerToClientEvents
} from '../src/lib/workshop/protocol';
import type { DotTarget } from '../src/lib/workshop/messages';

export interface PhoneSetup {
	url: string;
	/** The event's join code, for phones that join over HTTP. */
	joinCode?: string;
	reconnectionDelay: number;
	reconnectionDelayMax: number;
	randomizationFactor: number;
}

export type PhoneCommand =
	| { type: 'setup'; setup: PhoneSetup }
	/** Joins `count` new phones over HTTP, or connects phones with the given cookies. */
	| { type: 'join'; count?: number; cookies?: string[] }
	| { type: 'leave'; count: number }
	/** From now on, count who has reconnected and re-synced. */
	| { type: 'mark' }
	| { type: 'resynced'; timeoutMs: number }
	| { type: 'ideas'; activityId: number; share: number; withinMs: number }
	| { type: 'dots'; activityId: number; dots: number; targets: DotTarget[]; withinMs: number }
	| { type: 'report' }
	| { type: 'close' };

export type LatencyKind = 'idea' | 'dot' | 'sync';

export interface PhoneReport {
	type: 'report';
	latencies: Record<LatencyKind, number[]>;
	acked: Record<LatencyKind, number>;
	errors: Record<string, number>;
	connected: number;
	phones: number;
	joinFailures: number;
	abandoned: number;
}

export interface Resynced {
	type: 'resynced';
	/** When each phone had its event and activity again, for those that did. */
	syncedAt: number[];
	missing: number;
	transports: Record<string, number>;
}

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Phone {
	socket: LiveSocket;
	cookie: string;
	activity: ActivitySummary | null;
	/** Set once the phone has re-synced after the last `mark`. */
	syncedAt: number | null;
	/** Timers of the actions planned for it, cleared when it leaves. */
	timers: Set<NodeJS.Timeout>;
	left: boolean;
}

let setup: PhoneSetup;
const phones: Phone[] = [];
let sequence = 0;
let joinFailures = 0;
/** Requests still unanswered when their phone left. */
let abandoned = 0;
let latencies: Record<LatencyKind, number[]> = { idea: [], dot: [], sync: [] };
let acked: Record<LatencyKind, number> = { idea: 0, dot: 0, sync: 0 };
let errors: Record<string, number> = {};

const ackTimeoutMs = 30_000;

function countError(code: string) {
	errors[code] = (errors[code] ?? 0) + 1;
}

/** Sends with an ack, records the latency under `kind`, returns the value or null. */
async function request<T>(
	phone: Phone,
	kind: LatencyKind | null,
	event: keyof ClientToServerEvents,
	payload: object
): Promise<T | null> {
	if (!phone.socket.connected) return null;
	const sentAt = Date.now();
	try {
		const reply = (await (
			phone.socket.timeout(ackTimeoutMs) as unknown as {
				emitWithAck: (e: string, p: object) => Promise<Reply<T>>;
			}
		).emitWithAck(event, payload)) as Reply<T>;
		if (!reply.ok) {
			countError(reply.error);
			return null;
		}
		if (kind) {
			latencies[kind].push(Date.now() - sentAt);
			acked[kind] += 1;
		}
		return reply.value;
	} catch {
		// A phone that left on purpose does not wait for its answers.
		if (phone.left) abandoned += 1;
		else countError(phone.socket.connected ? 'timeout' : 'disconnected');
		return null;
	}
}

/** Like the phone page: the newest activity still open, else the newest. */
function current(activities: ActivitySummary[]): ActivitySummary | null {
	const open = activities.filter((a) => a.stage !== 'closed');
	return open.at(-1) ?? activities.at(-1) ?? null;
}

async function syncActivity(phone: Phone, activity: ActivitySummary | null) {
	phone.activity = activity;
	if (activity) await request(phone, 'sync', 'activity:sync', { activityId: activity.id });
}

async function resync(phone: Phone) {
	const event = await request<{ activities: ActivitySummary[] }>(phone, null, 'event:sync', {});
	if (!event) return;
	await syncActivity(phone, current(event.activities));
	if (phone.socket.connected) phone.syncedAt ??= Date.now();
}

function connect(cookie: string): Promise<Phone | null> {
	const socket: LiveSocket = io(setup.url, {
		transports: ['websocket', 'polling'],
		tryAllTransports: true,
		forceNew: true,
		reconnectionDelay: setup.reconnectionDelay,
		reconnectionDelayMax: setup.reconnectionDelayMax,
		randomizationFactor: setup.randomizationFactor,
		timeout: 60_000,
		extraHeaders: { cookie }
	});
	const phone: Phone = {
		socket,
		cookie,
		activity: null,
		syncedAt: null,
		timers: new Set(),
		left: false
	};
	socket.on('connect', () => void resync(phone));
	// Like the phone page: a stage move arrives whole, so the list that follows needs no sync.
	socket.on('activity:state', ({ id, question, questionTranslations, stage }) => {
		if (id === phone.activity?.id) phone.activity = { id, question, questionTranslations, stage };
	});
	socket.on('event:activities', (activities) => {
		const next = current(activities);
		if (next?.id !== phone.activity?.id || next?.stage !== phone.activity?.stage)
			void syncActivity(phone, next);
	});
	return new Promise((ready) => {
		const givingUp = setTimeout(() => fail('connect: timeout'), 60_000);
		const fail = (reason: string) => {
			clearTimeout(givingUp);
			countError(reason);
			socket.close();
			ready(null);
		};
		socket.once('connect', () => {
			clearTimeout(givingUp);
			ready(phone);
		});
		socket.once('connect_error', (error) => {
			// A refused handshake is final; anything else socket.io retries by itself.
			if (!socket.active) fail(`connect: ${error.message}`);
		});
	});
}

/** The join form, posted as a browser without JavaScript does; returns the device cookie. */
async function joinOverHttp(): Promise<string | null> {
	const categories = ['politics', 'administration', 'civil_society', 'business', ''];
	try {
		const response = await fetch(`${setup.url}/${setup.joinCode}?/join`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: setup.url,
				accept: 'text/html',
				'accept-language': 'de',
				// Each phone its own address (documentation range), as on mobile data: the server
				// throttles joins per address, and the bench is not a venue behind one router.
				'x-forwarded-for': `2001:db8::${process.pid.toString(16)}:${sequence.toString(16)}`
			},
			body: new URLSearchParams({
				displayName: '',
				category: categories[sequence++ % categories.length]!
			}).toString()
		});
		await response.arrayBuffer();
		const cookie = response.headers
			.getSetCookie()
			.map((header) => header.split(';')[0]!)
			.find((pair) => pair.startsWith('mitwirken_participant='));
		if (response.status !== 303 || !cookie) throw new Error(`join: ${response.status}`);
		return cookie;
	} catch {
		joinFailures += 1;
		return null;
	}
}

async function join(count: number | undefined, cookies: string[] | undefined) {
	const batch = 20;
	const total = cookies?.length ?? count ?? 0;
	for (let i = 0; i < total; i += batch) {
		const size = Math.min(batch, total - i);
		const joined = await Promise.all(
			Array.from({ length: size }, async (_, j) => {
				const cookie = cookies ? cookies[i + j]! : await joinOverHttp();
				return cookie ? connect(cookie) : null;
			})
		);
		for (const phone of joined) if (phone) phones.push(phone);
	}
}

function leave(count: number) {
	for (let i = 0; i < count && phones.length > 0; i++) {
		const [phone] = phones.splice(Math.floor(Math.random() * phones.length), 1);
		for (const timer of phone!.timers) clearTimeout(timer);
		phone!.left = true;
		phone!.socket.close();
	}
}

/** Runs `action` for the phone at a random moment within `withinMs`, unless it leaves first. */
function later(phone: Phone, withinMs: number, action: () => Promise<unknown>) {
	const timer = setTimeout(() => {
		phone.timers.delete(timer);
		void action();
	}, Math.random() * withinMs);
	phone.timers.add(timer);
}

function planIdeas(activityId: number, share: number, withinMs: number) {
	for (const phone of phones) {
		if (Math.random() >= share) continue;
		later(phone, withinMs, () =>
			request(phone, 'idea', 'idea:submit', {
				activityId,
				clientId: `${process.pid}-${++sequence}`,
				text: `Idee ${sequence}: mehr Sprachkurse am Abend, mit Kinderbetreuung`,
				language: 'de'
			})
		);
	}
}

function planDots(activityId: number, dots: number, targets: DotTarget[], withinMs: number) {
	if (targets.length === 0) return;
	for (const phone of phones) {
		for (let i = 0; i < dots; i++) {
			later(phone, withinMs, () =>
				request(phone, 'dot', 'dot:place', {
					activityId,
					clientId: `${process.pid}-${++sequence}`,
					target: targets[Math.floor(Math.random() * targets.length)]
				})
			);
		}
	}
}

async function resynced(timeoutMs: number): Promise<Resynced> {
	const deadline = Date.now() + timeoutMs;
	while (phones.some((p) => p.syncedAt === null) && Date.now() < deadline)
		await new Promise((wait) => setTimeout(wait, 20));
	const transports: Record<string, number> = {};
	for (const phone of phones) {
		const name = phone.socket.io.engine?.transport?.name ?? 'none';
		transports[name] = (transports[name] ?? 0) + 1;
	}
	return {
		type: 'resynced',
		syncedAt: phones.flatMap((p) => (p.syncedAt === null ? [] : [p.syncedAt])),
		missing: phones.filter((p) => p.syncedAt === null).length,
		transports
	};
}

process.on('unhandledRejection', (error) => {
	console.error(`phone worker ${process.pid}:`, error);
	process.exit(1);
});

process.on('message', async (command: PhoneCommand) => {
	switch (command.type) {
		case 'setup':
			setup = command.setup;
			return process.send!({ type: 'ready' });
		case 'join':
			await join(command.count, command.cookies);
			return process.send!({ type: 'joined', phones: phones.length });
		case 'leave':
			leave(command.count);
			return process.send!({ type: 'left', phones: phones.length });
		case 'mark':
			for (const phone of phones) phone.syncedAt = null;
			return process.send!({ type: 'marked' });
		case 'resynced':
			return process.send!(await resynced(command.timeoutMs));
		case 'ideas':
			planIdeas(command.activityId, command.share, command.withinMs);
			return process.send!({ type: 'planned' });
		case 'dots':
			planDots(command.activityId, command.dots, command.targets, command.withinMs);
			return process.send!({ type: 'planned' });
		case 'report': {
			const report: PhoneReport = {
				type: 'report',
				latencies,
				acked,
				errors,
				connected: phones.filter((p) => p.socket.connected).length,
				phones: phones.length,
				joinFailures,
				abandoned
			};
			latencies = { idea: [], dot: [], sync: [] };
			acked = { idea: 0, dot: 0, sync: 0 };
			errors = {};
			joinFailures = 0;
			abandoned = 0;
			return process.send!(report);
		}
		case 'close':
			leave(phones.length);
			process.exit(0);
	}
});
