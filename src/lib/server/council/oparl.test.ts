import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFromOparl, resultOf, votesOf } from './oparl';

/** A county's OParl 1.1 endpoint, with a few hostile answers beside the real ones. */
const schema = (kind: string) => `https://schema.oparl.org/1.1/${kind}`;
let server: Server;
let base: string;
const at = (path: string) => `${base}${path}`;

function objects(): Record<string, unknown> {
	const consultation = (n: number, organization: string) => ({
		id: at(`/consultation/${n}`),
		type: schema('Consultation'),
		paper: at('/paper/117'),
		agendaItem: at(`/agendaitem/${n}`),
		meeting: at(`/meeting/${n}`),
		organization: [at(`/organization/${organization}`)],
		authoritative: n === 3
	});
	return {
		'/paper/117': {
			id: at('/paper/117'),
			type: schema('Paper'),
			name: 'Integrationskonzept des Landkreises',
			reference: '2026/117',
			consultation: [consultation(1, 'soz'), consultation(2, 'ka'), consultation(3, 'kt')]
		},
		'/consultation/3': consultation(3, 'kt'),
		'/consultation/4': { ...consultation(3, 'kt'), agendaItem: at('/agendaitem/4') },
		'/organization/soz': {
			id: at('/organization/soz'),
			type: schema('Organization'),
			name: 'Sozialausschuss'
		},
		'/organization/ka': {
			id: at('/organization/ka'),
			type: schema('Organization'),
			name: 'Kreisausschuss'
		},
		'/organization/kt': {
			id: at('/organization/kt'),
			type: schema('Organization'),
			name: 'Kreistag des Landkreises',
			shortName: 'KT'
		},
		'/meeting/1': {
			id: at('/meeting/1'),
			type: schema('Meeting'),
			start: '2026-10-05T16:00:00+02:00'
		},
		'/meeting/2': {
			id: at('/meeting/2'),
			type: schema('Meeting'),
			start: '2026-10-19T15:00:00+02:00'
		},
		// Late in the evening UTC is the next day in Berlin.
		'/meeting/3': { id: at('/meeting/3'), type: schema('Meeting'), start: '2026-11-19T23:30:00Z' },
		'/agendaitem/1': {
			id: at('/agendaitem/1'),
			type: schema('AgendaItem'),
			public: true,
			result: 'einstimmig empfohlen'
		},
		'/agendaitem/2': {
			id: at('/agendaitem/2'),
			type: schema('AgendaItem'),
			public: false,
			result: 'mehrheitlich empfohlen (Ja 9, Nein 2)'
		},
		'/agendaitem/3': {
			id: at('/agendaitem/3'),
			type: schema('AgendaItem'),
			public: true,
			result: 'mehrheitlich beschlossen'
		},
		'/agendaitem/4': {
			id: at('/agendaitem/4'),
			type: schema('AgendaItem'),
			result: 'zur Kenntnis genommen <script>x</script>\u202e'
		},
		'/wrong-types': { id: at('/wrong-types'), type: schema('Consultation'), meeting: 42 },
		'/wrong-kind': { id: at('/wrong-kind'), type: schema('Person'), name: 'Jemand' },
		'/foreign-link': { ...consultation(3, 'kt'), meeting: 'https://elsewhere.example/meeting/3' }
	};
}

function send(response: ServerResponse, status: number, body: string, headers = {}) {
	response.writeHead(status, { 'content-type': 'application/json', ...headers });
	response.end(body);
}

beforeAll(async () => {
	server = createServer((request, response) => {
		const path = request.url ?? '/';
		const found = objects()[path];
		if (found) return send(response, 200, JSON.stringify(found));
		switch (path) {
			case '/not-json':
				return send(response, 200, '<html>Wartungsarbeiten</html>');
			case '/huge':
				response.writeHead(200, { 'content-type': 'application/json' });
				// Streams well past the cap, without a content-length to trust.
				for (let i = 0; i < 64; i += 1) response.write(`${'x'.repeat(64 * 1024)}`);
				return response.end();
			case '/huge-declared':
				return send(response, 200, '{}', { 'content-length': '999999999' });
			case '/slow':
				setTimeout(() => send(response, 200, '{}'), 3_000).unref();
				return;
			case '/loop':
				return send(response, 302, '', { location: '/loop' });
			case '/moved':
				return send(response, 301, '', { location: '/consultation/3' });
			case '/away':
				return send(response, 302, '', { location: 'https://evil.example/paper/117' });
			default:
				return send(response, 404, '{}');
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
	server.closeAllConnections();
	server.close();
});

const local = { allowLocalHttp: true, timeoutMs: 1_500, maxBytes: 256 * 1024 };

describe('the OParl import', () => {
	it('reads a consultation: meeting day in Berlin, result, public, the paper reference', async () => {
		expect(await importFromOparl(at('/consultation/3'), local)).toEqual({
			ok: true,
			found: {
				meetingOn: '2026-11-20',
				paperNumber: '2026/117',
				isPublic: true,
				result: 'adopted',
				votes: null,
				note: ''
			}
		});
	});

	it('picks the consultation of the step’s body from a paper', async () => {
		const soz = await importFromOparl(at('/paper/117'), { ...local, bodyName: 'Sozialausschuss' });
		expect(soz).toMatchObject({
			ok: true,
			found: { meetingOn: '2026-10-05', result: 'recommended' }
		});
		const ka = await importFromOparl(at('/paper/117'), { ...local, bodyName: 'Kreisausschuss' });
		expect(ka).toMatchObject({
			ok: true,
			found: { meetingOn: '2026-10-19', isPublic: false, votes: { yes: 9, no: 2, abstained: null } }
		});
		const short = await importFromOparl(at('/paper/117'), { ...local, bodyName: ' kt ' });
		expect(short).toMatchObject({ ok: true, found: { meetingOn: '2026-11-20' } });
		// Another body's result never lands in the step: not the decision's, not a similar name's.
		for (const bodyName of ['Beirat', 'Kreistag', 'Sozialausschuss Nord', '']) {
			expect(await importFromOparl(at('/paper/117'), { ...local, bodyName })).toEqual({
				ok: false,
				problem: 'other_body'
			});
		}
		expect(
			await importFromOparl(at('/consultation/3'), { ...local, bodyName: 'Sozialausschuss' })
		).toEqual({ ok: false, problem: 'other_body' });
	});

	it('keeps a result in other words as a cleaned note', async () => {
		const found = await importFromOparl(at('/consultation/4'), local);
		expect(found).toMatchObject({
			ok: true,
			found: { result: null, note: 'OParl: zur Kenntnis genommen <script>x</script>' }
		});
	});

	it('follows a redirect on the same host only, and not in a loop', async () => {
		expect(await importFromOparl(at('/moved'), local)).toMatchObject({ ok: true });
		expect(await importFromOparl(at('/loop'), local)).toEqual({ ok: false, problem: 'redirect' });
		expect(await importFromOparl(at('/away'), local)).toEqual({ ok: false, problem: 'redirect' });
	});

	it('refuses hostile answers with a reason, never a crash', async () => {
		const problem = async (path: string, options = local) => {
			const outcome = await importFromOparl(at(path), options);
			return outcome.ok ? 'ok' : outcome.problem;
		};
		expect(await problem('/not-json')).toBe('not_oparl');
		expect(await problem('/wrong-types')).toBe('not_oparl');
		expect(await problem('/wrong-kind')).toBe('not_oparl');
		expect(await problem('/foreign-link')).toBe('not_oparl');
		expect(await problem('/huge')).toBe('too_large');
		expect(await problem('/huge-declared')).toBe('too_large');
		expect(await problem('/missing')).toBe('status');
		const started = Date.now();
		expect(await problem('/slow', { ...local, timeoutMs: 300 })).toBe('unreachable');
		expect(Date.now() - started).toBeLessThan(2_000);
	});

	it('speaks https only: plain http only to localhost, and only when tests allow it', async () => {
		expect(await importFromOparl(at('/consultation/3'))).toEqual({ ok: false, problem: 'scheme' });
		for (const address of [
			'http://example.org/oparl/paper/1',
			'ftp://example.org/paper',
			'javascript:alert(1)',
			'https://user:secret@example.org/paper',
			'kein Link'
		]) {
			expect(await importFromOparl(address, local)).toEqual({ ok: false, problem: 'scheme' });
		}
		expect(await importFromOparl('https://127.0.0.1:1/paper', local)).toEqual({
			ok: false,
			problem: 'unreachable'
		});
	});

	it('asks no host of the own network unless IT listed it', async () => {
		for (const address of [
			'https://127.0.0.1/paper',
			'https://localhost/paper',
			'https://10.0.0.5:8443/api',
			'https://192.168.1.10/oparl',
			'https://172.20.0.1/oparl',
			'https://169.254.169.254/latest/meta-data',
			'https://100.64.0.1/oparl',
			'https://[::1]/paper',
			'https://[fd00::1]/paper',
			'https://[fe80::1]/paper',
			'https://[::ffff:127.0.0.1]/paper',
			'https://0.0.0.0/paper'
		]) {
			expect(await importFromOparl(address, { timeoutMs: 1_500 }), address).toEqual({
				ok: false,
				problem: 'internal'
			});
		}
		// Listed by IT: asked (and here nobody answers).
		expect(
			await importFromOparl('https://10.255.255.1:1/oparl', {
				timeoutMs: 300,
				trustedHosts: ['10.255.255.1']
			})
		).toEqual({ ok: false, problem: 'unreachable' });
	});

	it('maps the words council systems use to our results', () => {
		expect(
			[
				'einstimmig beschlossen',
				'ungeändert beschlossen',
				'Beschlussempfehlung angenommen',
				'geändert beschlossen',
				'mit Änderungen angenommen',
				'empfohlen',
				'Beschlussempfehlung',
				'vertagt',
				'abgelehnt',
				'nicht beschlossen',
				'zur Kenntnis genommen'
			].map(resultOf)
		).toEqual([
			'adopted',
			'adopted',
			'recommended',
			'adopted_amended',
			'adopted_amended',
			'recommended',
			'recommended',
			'deferred',
			'rejected',
			null,
			null
		]);
	});

	it('reads the votes a result names, in either order of number and word', () => {
		expect(
			[
				'mehrheitlich beschlossen (Ja: 30, Nein: 5, Enthaltungen: 2)',
				'beschlossen mit 30 Ja-Stimmen, 5 Nein-Stimmen und 2 Enthaltungen',
				'beschlossen, Ja 30 Nein 5',
				'beschlossen 30 Ja 5 Nein 1 Enthaltung',
				'einstimmig beschlossen',
				'beschlossen, Ja: 30',
				'beschlossen, Ja: 3000, Nein: 5',
				'vertagt im Jahr 2026'
			].map(votesOf)
		).toEqual([
			{ yes: 30, no: 5, abstained: 2 },
			{ yes: 30, no: 5, abstained: 2 },
			{ yes: 30, no: 5, abstained: null },
			{ yes: 30, no: 5, abstained: 1 },
			null,
			null,
			null,
			null
		]);
	});
});
