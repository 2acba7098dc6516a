import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, createTestOrganisation, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
let email = '';
/** An account of its own for the test that locks it. */
let lockedEmail = '';

beforeAll(async () => {
	server = await startServer({
		seed: async (db) => {
			const organisation = createTestOrganisation(db);
			email = (await createMember(db, organisation.id, 'admin')).email;
			lockedEmail = (await createMember(db, organisation.id, 'moderator')).email;
		}
	});
});

afterAll(() => server.stop());

describe('login', () => {
	it('sets an httpOnly, SameSite=Lax session cookie', async () => {
		const response = await fetch(`${server.url}/login`, {
			method: 'POST',
			body: new URLSearchParams({ email, password: testPassword }),
			headers: { origin: server.url, accept: 'text/html' },
			redirect: 'manual'
		});
		expect(response.status).toBe(303);
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('mitwirken_session='));
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Path=\//);
		expect(cookie).toMatch(/Expires=/);
	});

	it('goes back to where the visitor was sent from, but never off the site', async () => {
		const visitor = new Visitor(server.url);
		const reply = await visitor.post('/login?redirectTo=%2Faccount', {
			email,
			password: testPassword
		});
		expect(reply.location).toBe('/account');
		const offsite = await new Visitor(server.url).post('/login?redirectTo=%2F%2Fevil.example', {
			email,
			password: testPassword
		});
		expect(offsite.location).toBe('/');
	});

	it('throttles an account after five failures, even for the right password', async () => {
		const attacker = new Visitor(server.url);
		for (let i = 0; i < 5; i++) {
			const reply = await attacker.login(lockedEmail, `falsch-${i}`);
			expect(reply.status).toBe(400);
			expect(reply.body).toContain('E-Mail-Adresse oder Passwort stimmen nicht.');
		}
		const locked = await new Visitor(server.url).login(lockedEmail.toUpperCase(), testPassword);
		expect(locked.status).toBe(429);
		expect(locked.body).toContain('Zu viele Anmeldeversuche');
	});

	it('throttles one address trying many accounts', async ({ onTestFinished }) => {
		// A server of its own: all tests here come from 127.0.0.1, and this one spends the budget.
		const own = await startServer({
			seed: (db) => createMember(db, createTestOrganisation(db).id, 'admin')
		});
		onTestFinished(() => own.stop());
		const visitor = new Visitor(own.url, 'en');
		const startedAt = Date.now();
		let status = 0;
		let attempts = 0;
		while (status !== 429 && attempts < 60) {
			attempts += 1;
			status = (await visitor.login(`guess${attempts}@kreis.example`, 'irgendwas')).status;
		}
		expect(status).toBe(429);
		// 30 attempts, then one more every 10 s: on a slow machine the bucket refills meanwhile.
		const refilled = Math.floor((Date.now() - startedAt) / 10_000);
		expect(attempts).toBeGreaterThanOrEqual(31);
		expect(attempts).toBeLessThanOrEqual(31 + refilled);
	});
});
