/**
 * Hostile input at the HTTP edge, sent as raw bytes (fetch refuses most of it): every page a
 * stranger can reach answers with a page or a clean 4xx, never 500, and the server stays up.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db';
import { ensureJoinCode, participantCookieName } from '../../src/lib/server/workshop/participants';
import { updateProcess } from '../../src/lib/server/process/processes';
import { createMember, createTestEvent, createTestOrganisation } from '../factories';
import { connectLive } from './live-client';
import { startServer, type TestServer } from './server';

let server: TestServer;
const seeded = { code: '', publicPage: '' };

async function seed(db: Db) {
	const org = createTestOrganisation(db, 'Landkreis Randfall');
	await createMember(db, org.id, 'admin');
	const { process, event } = createTestEvent(db, org.id);
	updateProcess(db, process.id, {
		title: process.title,
		description: process.description,
		status: process.status,
		isPublic: true
	});
	seeded.code = ensureJoinCode(db, event.id);
	seeded.publicPage = `/beteiligung/${org.slug}/${process.slug}`;
}

beforeAll(async () => {
	server = await startServer({ seed });
});

afterAll(() => server.stop());

interface RawReply {
	status: number;
	head: string;
	body: string;
}

/** One request written byte for byte, as an attacker's script would. */
function rawRequest(
	method: string,
	path: string,
	headers: Record<string, string> = {},
	body = ''
): Promise<RawReply> {
	const { hostname, port } = new URL(server.url);
	const lines = [
		`${method} ${path} HTTP/1.1`,
		`Host: ${hostname}:${port}`,
		'Connection: close',
		'Accept: text/html',
		...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
		...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : [])
	];
	return new Promise((done, fail) => {
		const socket = connect(Number(port), hostname);
		const chunks: Buffer[] = [];
		socket.on('data', (chunk) => chunks.push(chunk));
		socket.on('error', fail);
		socket.on('close', () => {
			const text = Buffer.concat(chunks).toString('latin1');
			const [head = '', ...rest] = text.split('\r\n\r\n');
			done({ status: Number(head.split(' ')[1]), head, body: rest.join('\r\n\r\n') });
		});
		// Written without ending our side: a half-closed socket may lose its answer.
		socket.write(lines.join('\r\n') + '\r\n\r\n' + body, 'latin1');
	});
}

function strangerPages() {
	return ['/', '/login', '/mitmachen', `/${seeded.code}`, seeded.publicPage];
}

async function expectStillUp() {
	const home = await rawRequest('GET', '/login');
	expect(home.status).toBe(200);
	expect(home.body).toContain('<h1');
}

const badEscapes = ['%', 'abc%', '%E0%A4%A', '%ZZ', '%C3', '%00'];
const cookieNames = [sessionCookieName, participantCookieName, 'PARAGLIDE_LOCALE'];

function hostileCookieHeaders(): string[] {
	const big = 'A'.repeat(8192);
	return [
		...cookieNames.flatMap((name) => badEscapes.map((bad) => `${name}=${bad}`)),
		...cookieNames.map((name) => `${name}=${big}`),
		...cookieNames.map((name) => `${name}=a\u0001b\u007fc\u001b[31m`),
		...cookieNames.map((name) => `${name}=ar; ${name}=%; ${name}=${'%'.repeat(50)}`),
		`${participantCookieName}=${'x.'.repeat(100)}; ${sessionCookieName}=.`,
		';;;; =; ==; PARAGLIDE_LOCALE; =%',
		`PARAGLIDE_LOCALE=__proto__; ${sessionCookieName}=constructor`
	];
}

describe('hostile input at the edge', () => {
	it('answers every page with bad, huge, duplicate and control-character cookies', async () => {
		const failures: string[] = [];
		for (const cookie of hostileCookieHeaders()) {
			for (const path of strangerPages()) {
				const reply = await rawRequest('GET', path, { Cookie: cookie });
				if (!(reply.status >= 200 && reply.status < 500)) {
					failures.push(`${path} with ${cookie.slice(0, 60)}: ${reply.status}`);
				}
			}
		}
		expect(failures).toEqual([]);
		await expectStillUp();
	});

	it('falls back to a normal language when the locale cookie cannot be read', async () => {
		const reply = await rawRequest('GET', '/mitmachen', {
			Cookie: 'PARAGLIDE_LOCALE=%',
			'Accept-Language': 'tr'
		});
		expect(reply.status).toBe(200);
		expect(reply.body).toContain('<html lang="tr"');
	});

	it('refuses NUL bytes and raw control characters in headers with a clean 400', async () => {
		for (const cookie of ['a=\u0000', `${participantCookieName}=ab\u0000cd`, 'x=\r']) {
			const reply = await rawRequest('GET', '/mitmachen', { Cookie: cookie });
			expect(reply.status).toBeGreaterThanOrEqual(400);
			expect(reply.status).toBeLessThan(500);
		}
		await expectStillUp();
	});

	it('ignores a garbage Accept-Language', async () => {
		const garbage = [
			'*;q=abc',
			'tr;q=NaN, ar;q=-1, fa;q=1e999',
			`${';q=,'.repeat(1250)}`,
			'x'.repeat(5000),
			Array.from({ length: 1000 }, (_, i) => `l${i};q=0.${i}`).join(',')
		];
		for (const language of garbage) {
			for (const path of strangerPages()) {
				const reply = await rawRequest('GET', path, { 'Accept-Language': language });
				expect(reply.status, `${path} with ${language.slice(0, 40)}`).toBeLessThan(500);
			}
		}
		await expectStillUp();
	});

	it('answers bad escapes, overlong codes and NUL bytes in paths and queries without a 500', async () => {
		const paths = [
			'/mitmachen?code=%',
			'/mitmachen?code=%E0%A4%A',
			'/mitmachen?code=%00',
			`/mitmachen?code=${'A'.repeat(5000)}`,
			'/mitmachen?code=ABC%20DEF&code=%',
			'/%E0%A4%A',
			'/%',
			'/%ZZ',
			'/%00',
			'/o/%ZZ',
			'/o/%ZZ/p/%E0/events/%',
			'/beteiligung/%ZZ/%E0%A4%A',
			`${seeded.publicPage}/termine.ics?x=%`,
			'/ABCDEFGHJK',
			`/${seeded.code}X`,
			`/${seeded.code}%00`,
			`/${seeded.code}?/join=%`,
			`/${'A'.repeat(5000)}`,
			'/login?redirectTo=%',
			'/login?redirectTo=%2F%2Fevil.example',
			'/?%',
			'/language?locale=%'
		];
		const failures: string[] = [];
		for (const path of paths) {
			const reply = await rawRequest('GET', path);
			if (!(reply.status >= 200 && reply.status < 500)) {
				failures.push(`${path.slice(0, 60)}: ${reply.status}`);
			}
		}
		expect(failures).toEqual([]);
		await expectStillUp();
	});

	it('answers hostile form posts without a 500', async () => {
		const origin = server.url;
		const bodies = [
			'displayName=%&category=%',
			'displayName=%E0%A4%A',
			`displayName=${'%00'.repeat(100)}`,
			`displayName=${'x'.repeat(10_000)}`,
			'=&&&=%'
		];
		const failures: string[] = [];
		for (const body of bodies) {
			for (const [path, cookie] of [
				[`/${seeded.code}?/join`, `${participantCookieName}=abc%`],
				['/login', `${sessionCookieName}=%`],
				['/language', 'PARAGLIDE_LOCALE=%']
			] as const) {
				const reply = await rawRequest(
					'POST',
					path,
					{
						Origin: origin,
						Cookie: cookie,
						'Content-Type': 'application/x-www-form-urlencoded'
					},
					body
				);
				if (!(reply.status >= 200 && reply.status < 500)) {
					failures.push(`${path} ${body.slice(0, 30)}: ${reply.status}`);
				}
			}
		}
		expect(failures).toEqual([]);
		await expectStillUp();
	});

	it('refuses a socket handshake with an undecodable cookie and stays up', async () => {
		for (const cookie of [
			`${participantCookieName}=abc%`,
			`${participantCookieName}=%E0%A4%A; ${sessionCookieName}=%`,
			`${sessionCookieName}=%ZZ`
		]) {
			await expect(connectLive(server.url, { cookie })).rejects.toThrow();
		}
		await expect(
			connectLive(server.url, { cookie: `${sessionCookieName}=%`, eventId: 1 })
		).rejects.toThrow();
		await expectStillUp();
	});
});
