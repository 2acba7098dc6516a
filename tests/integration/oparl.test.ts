/**
 * The OParl import end to end: the production server fills a step of the Beratungsfolge from a
 * county's OParl 1.1 endpoint, here a fixture server on this machine. The import speaks https
 * only and asks no host of the own network unless IT lists it in `OPARL_HOSTS`; the test runs
 * exactly that way: https with a certificate made for this run (trusted by the app through
 * `NODE_EXTRA_CA_CERTS`, as an IT department trusts its own certificate authority), and
 * `OPARL_HOSTS=localhost`. Nothing in the app is loosened for the test.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveVersion } from '../../src/lib/server/concept/versions';
import { addStep, type StepInput } from '../../src/lib/server/council/steps';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import {
	councilStep,
	createMember,
	createTestEvent,
	createTestOrganisation,
	createTestUser,
	testPassword
} from '../factories';
import { startServer, Visitor, type TestServer } from './server';

const certificates = mkdtempSync(join(tmpdir(), 'mitwirken-oparl-'));
const keyFile = join(certificates, 'key.pem');
const certificateFile = join(certificates, 'certificate.pem');
const fixtures: Server[] = [];
let fixturePort = 0;
let server: TestServer;

const seeded = { page: '', steps: {} as Record<string, number>, foreignStep: 0, owner: '' };

const schema = (kind: string) => `https://schema.oparl.org/1.1/${kind}`;
const at = (path: string) => `https://localhost:${fixturePort}${path}`;

/** The county's council information system: paper 2025/117 in Sozialausschuss and Kreistag. */
function objects(): Record<string, unknown> {
	const consultation = (n: number, organization: string) => ({
		id: at(`/consultation/${n}`),
		type: schema('Consultation'),
		paper: at('/paper/117'),
		agendaItem: at(`/agendaitem/${n}`),
		meeting: at(`/meeting/${n}`),
		organization: [at(`/organization/${organization}`)]
	});
	return {
		'/paper/117': {
			id: at('/paper/117'),
			type: schema('Paper'),
			name: 'Integrationskonzept der Stadt',
			reference: '2025/117',
			consultation: [consultation(1, 'soz'), consultation(2, 'kt')]
		},
		'/consultation/2': consultation(2, 'kt'),
		'/organization/soz': {
			id: at('/organization/soz'),
			type: schema('Organization'),
			name: 'Sozialausschuss'
		},
		'/organization/kt': {
			id: at('/organization/kt'),
			type: schema('Organization'),
			name: 'Kreistag'
		},
		'/meeting/1': {
			id: at('/meeting/1'),
			type: schema('Meeting'),
			start: '2025-10-06T16:00:00+02:00'
		},
		'/meeting/2': {
			id: at('/meeting/2'),
			type: schema('Meeting'),
			start: '2025-11-20T15:00:00+01:00'
		},
		'/agendaitem/1': {
			id: at('/agendaitem/1'),
			type: schema('AgendaItem'),
			public: true,
			result: 'einstimmig empfohlen'
		},
		'/agendaitem/2': {
			id: at('/agendaitem/2'),
			type: schema('AgendaItem'),
			public: true,
			result: 'mehrheitlich beschlossen (Ja: 30, Nein: 5, Enthaltungen: 2)'
		}
	};
}

function answer(request: IncomingMessage, response: ServerResponse) {
	const path = request.url ?? '/';
	const found = objects()[path];
	const json = (status: number, body: string) => {
		response.writeHead(status, { 'content-type': 'application/json' });
		response.end(body);
	};
	if (found) return json(200, JSON.stringify(found));
	if (path === '/broken') return json(200, '{"id": "https://localhost/paper/1", "type": ');
	if (path === '/huge') {
		// Well past the app's cap of 2 MB, without a content-length to trust.
		response.writeHead(200, { 'content-type': 'application/json' });
		for (let i = 0; i < 64; i += 1) response.write('x'.repeat(64 * 1024));
		return response.end();
	}
	return json(404, '{}');
}

/** A port nobody listens on, for a host that does not answer. */
function closedPort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = createNetServer();
		probe.once('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as AddressInfo;
			probe.close(() => done(port));
		});
	});
}

async function seed(db: Db) {
	const org = createTestOrganisation(db, 'Stadt Landau');
	seeded.owner = (await createMember(db, org.id, 'process_owner')).email;
	const { process } = createTestEvent(db, org.id);
	const author = await createTestUser(db);
	const version = saveVersion(db, process, org.name, { introduction: '', note: '' }, author);
	seeded.page = `/o/${org.slug}/p/${process.slug}/concept/${version.id}/beratungsfolge`;
	const step = (bodyName: string, input: Partial<StepInput>) => {
		const outcome = addStep(
			db,
			process.id,
			version.id,
			councilStep({ bodyName, result: 'pending', meetingOn: null, isFinal: false, ...input }),
			author
		);
		if (!outcome.ok) throw new Error(outcome.problem);
		return outcome.step.id;
	};
	seeded.steps = {
		decided: step('Hauptausschuss', { result: 'recommended', meetingOn: '2025-10-13' }),
		social: step('Sozialausschuss', {}),
		council: step('Kreistag', { isFinal: true }),
		refused: step('Kreistag', {})
	};
	// A pending step of another organisation's concept.
	const other = createTestOrganisation(db, 'Landkreis Anderswo');
	const foreign = createTestEvent(db, other.id).process;
	const foreignVersion = saveVersion(
		db,
		foreign,
		other.name,
		{ introduction: '', note: '' },
		author
	);
	const outcome = addStep(
		db,
		foreign.id,
		foreignVersion.id,
		councilStep({ bodyName: 'Kreistag', result: 'pending', meetingOn: null }),
		author
	);
	if (!outcome.ok) throw new Error(outcome.problem);
	seeded.foreignStep = outcome.step.id;
}

beforeAll(async () => {
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-days',
			'2',
			'-subj',
			'/CN=localhost',
			'-addext',
			'subjectAltName=DNS:localhost',
			'-keyout',
			keyFile,
			'-out',
			certificateFile
		],
		{ stdio: 'ignore' }
	);
	const tls = { key: readFileSync(keyFile), cert: readFileSync(certificateFile) };
	const first = createHttpsServer(tls, answer);
	fixtures.push(first);
	await new Promise<void>((ready) => first.listen(0, '127.0.0.1', ready));
	fixturePort = (first.address() as AddressInfo).port;
	// Where localhost also means ::1, answer there too (where there is no IPv6, nothing listens).
	const second = createHttpsServer(tls, answer);
	await new Promise<void>((ready) => {
		second.once('error', () => ready());
		second.listen(fixturePort, '::1', () => {
			fixtures.push(second);
			ready();
		});
	});
	server = await startServer({
		seed,
		env: { OPARL_HOSTS: 'ris.example, LOCALHOST', NODE_EXTRA_CA_CERTS: certificateFile }
	});
});

afterAll(async () => {
	await server?.stop();
	for (const fixture of fixtures) {
		fixture.closeAllConnections();
		fixture.close();
	}
	rmSync(certificates, { recursive: true, force: true });
});

async function owner() {
	const visitor = new Visitor(server.url);
	await visitor.login(seeded.owner, testPassword);
	return visitor;
}

const stepRow = (id: number) =>
	server.db().select().from(table.adoptionStep).where(eq(table.adoptionStep.id, id)).get()!;

const importInto = async (id: number, url: string) =>
	(await owner()).post(`${seeded.page}?/import`, { id: String(id), url });

describe('the OParl import through the Beratungsfolge page', () => {
	it('fills the committee’s step and the council’s decision, which adopts the version', async () => {
		const recommended = await importInto(seeded.steps.social!, at('/paper/117'));
		expect(recommended.status, recommended.body).toBe(200);
		expect(recommended.body).toContain('Aus OParl übernommen.');
		expect(stepRow(seeded.steps.social!)).toMatchObject({
			meetingOn: '2025-10-06',
			result: 'recommended',
			paperNumber: '2025/117',
			isPublic: true,
			votesYes: null,
			oparlUrl: at('/paper/117')
		});

		const decided = await importInto(seeded.steps.council!, at('/consultation/2'));
		expect(decided.status, decided.body).toBe(200);
		expect(decided.body).toContain('Die Fassung ist beschlossen');
		expect(stepRow(seeded.steps.council!)).toMatchObject({
			bodyName: 'Kreistag',
			meetingOn: '2025-11-20',
			result: 'adopted',
			votesYes: 30,
			votesNo: 5,
			votesAbstained: 2,
			paperNumber: '2025/117',
			oparlUrl: at('/consultation/2')
		});
		const page = await (await owner()).get(seeded.page);
		expect(page.body).toContain('30 Ja, 5 Nein, 2 Enthaltungen');
		expect(page.body).toContain('20.11.2025');
	});

	it('refuses a decided step, another organisation’s step and an unknown one', async () => {
		const decided = await importInto(seeded.steps.decided!, at('/paper/117'));
		expect(decided.status).toBe(409);
		expect(decided.body).toContain('Nur ein offener Schritt wird aus OParl übernommen');
		for (const id of [seeded.foreignStep, 999_999]) {
			const reply = await importInto(id, at('/paper/117'));
			expect(reply.status).toBe(404);
		}
		const foreign = server
			.db()
			.select()
			.from(table.adoptionStep)
			.where(eq(table.adoptionStep.id, seeded.foreignStep))
			.get()!;
		expect(foreign).toMatchObject({ result: 'pending', oparlUrl: '', meetingOn: null });
	});

	it('refuses what it cannot or may not read, with the reason, and stores nothing', async () => {
		const unreachable = `https://localhost:${await closedPort()}/paper/117`;
		const refusals: [string, string][] = [
			[unreachable, 'keine Antwort (Zeit überschritten oder keine Verbindung).'],
			// The same server by its address: not listed in OPARL_HOSTS, so never asked.
			[
				`https://127.0.0.1:${fixturePort}/paper/117`,
				'Die Adresse liegt im internen Netz. Die IT kann den Server mit OPARL_HOSTS freigeben.'
			],
			[at('/broken'), 'die Antwort ist kein OParl-1.1-Objekt (Paper oder Consultation).'],
			[at('/huge'), 'die Antwort ist zu groß.'],
			[at('/missing'), 'der Server antwortete mit einem Fehler.']
		];
		for (const [url, reason] of refusals) {
			const reply = await importInto(seeded.steps.refused!, url);
			expect(reply.status, url).toBe(409);
			expect(reply.body, url).toContain('Die OParl-Adresse ließ sich nicht lesen:');
			expect(reply.body, url).toContain(reason);
		}
		// Plain http is refused at the form, even for a listed host.
		const plain = await importInto(
			seeded.steps.refused!,
			`http://localhost:${fixturePort}/paper/117`
		);
		expect(plain.status).toBe(400);
		expect(plain.body).toContain('Bitte geben Sie eine https-Adresse an.');
		expect(stepRow(seeded.steps.refused!)).toMatchObject({
			result: 'pending',
			meetingOn: null,
			paperNumber: '',
			oparlUrl: '',
			note: ''
		});
	});
});
