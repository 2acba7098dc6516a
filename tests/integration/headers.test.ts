import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db';
import { createMember, createTestEvent, createTestOrganisation, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';

let http: TestServer;
let https: TestServer;
const seeded = { email: '', docx: '' };

async function seed(db: Db) {
	const org = createTestOrganisation(db, 'Landkreis Tuttlingen');
	seeded.email = (await createMember(db, org.id, 'moderator')).email;
	const { process } = createTestEvent(db, org.id);
	seeded.docx = `/o/${org.slug}/p/${process.slug}/monitoring/bericht.docx`;
}

beforeAll(async () => {
	[http, https] = await Promise.all([
		startServer({ seed }),
		startServer({
			// An account, so that pages show instead of leading to the set-up page.
			seed: async (db) => createMember(db, createTestOrganisation(db).id, 'admin'),
			env: { ORIGIN: 'https://mitwirken.example' }
		})
	]);
});

afterAll(() => Promise.all([http?.stop(), https?.stop()]));

const get = (server: TestServer, path: string, cookie = '') =>
	fetch(server.url + path, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

/** A script of the built app, as the login page links it (served by adapter-node's static handler). */
async function staticAsset(server: TestServer) {
	const page = await (await get(server, '/login')).text();
	const script = page.match(/\/_app\/immutable\/[^"']+\.js/)?.[0];
	expect(script).toBeDefined();
	return script!;
}

function expectCommonHeaders(response: Response) {
	expect(response.headers.get('x-content-type-options')).toBe('nosniff');
	expect(response.headers.get('referrer-policy')).toBe('same-origin');
	expect(response.headers.get('x-frame-options')).toBe('DENY');
	expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
	expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
	const permissions = response.headers.get('permissions-policy') ?? '';
	for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
		expect(permissions).toContain(`${feature}=()`);
	}
}

const documentPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

describe('security headers', () => {
	it('pages carry a strict Content-Security-Policy with a nonce', async () => {
		const response = await get(http, '/login');
		expect(response.status).toBe(200);
		expectCommonHeaders(response);
		const csp = response.headers.get('content-security-policy') ?? '';
		for (const directive of [
			"default-src 'self'",
			"style-src 'self'",
			"style-src-attr 'unsafe-inline'",
			"object-src 'none'",
			"base-uri 'self'",
			"frame-ancestors 'none'",
			"form-action 'self'",
			"connect-src 'self'"
		]) {
			expect(csp).toContain(directive);
		}
		expect(csp).toMatch(/script-src 'self' 'nonce-[\w+/=]+'/);
		expect(csp).not.toContain('unsafe-eval');
		expect(response.headers.get('strict-transport-security')).toBeNull();
	});

	it('a Word download, a static file and socket.io answers carry them too', async () => {
		const visitor = new Visitor(http.url);
		expect((await visitor.login(seeded.email, testPassword)).status).toBe(303);
		const docx = await get(
			http,
			seeded.docx,
			`${sessionCookieName}=${visitor.cookie(sessionCookieName)}`
		);
		expect(docx.status).toBe(200);
		expect(docx.headers.get('content-type')).toContain('wordprocessingml');
		expectCommonHeaders(docx);
		expect(docx.headers.get('content-security-policy')).toBe(documentPolicy);

		for (const path of [await staticAsset(http), '/favicon.svg']) {
			const asset = await get(http, path);
			expect(asset.status, path).toBe(200);
			expectCommonHeaders(asset);
			expect(asset.headers.get('content-security-policy')).toBe(documentPolicy);
		}

		// The phone's service worker runs with a policy of its own: a sandbox would leave it
		// without an origin and so without a cache.
		const worker = await get(http, '/service-worker.js');
		expect(worker.status).toBe(200);
		expectCommonHeaders(worker);
		expect(worker.headers.get('content-security-policy')).toBe(
			"default-src 'none'; connect-src 'self'"
		);

		const polling = await get(http, '/socket.io/?EIO=4&transport=polling');
		expect(polling.status).toBe(200);
		expectCommonHeaders(polling);
		expect(polling.headers.get('content-security-policy')).toBe(documentPolicy);
	});

	it('HSTS only when the public origin is HTTPS, on pages and static files alike', async () => {
		for (const path of ['/login', await staticAsset(https), '/favicon.svg']) {
			const response = await get(https, path);
			expect(response.status, path).toBeLessThan(400);
			expect(response.headers.get('strict-transport-security'), path).toBe('max-age=31536000');
			expectCommonHeaders(response);
		}
		// A forged X-Forwarded-Proto does not turn it on for a plain-HTTP install.
		const forged = await fetch(`${http.url}/login`, { headers: { 'x-forwarded-proto': 'https' } });
		expect(forged.headers.get('strict-transport-security')).toBeNull();
	});
});
