import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, createTestOrganisation, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
let email = '';

beforeAll(async () => {
	server = await startServer({
		seed: async (db) => {
			email = (await createMember(db, createTestOrganisation(db).id, 'admin')).email;
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
			const reply = await attacker.login(email, `falsch-${i}`);
			expect(reply.status).toBe(400);
			expect(reply.body).toContain('E-Mail-Adresse oder Passwort stimmen nicht.');
		}
		const locked = await new Visitor(server.url).login(email.toUpperCase(), testPassword);
		expect(locked.status).toBe(429);
		expect(locked.body).toContain('Zu viele Anmeldeversuche');
	});

	it('throttles one address trying many accounts', async () => {
		const visitor = new Visitor(server.url, 'en');
		let status = 0;
		let attempts = 0;
		while (status !== 429 && attempts < 40) {
			attempts += 1;
			status = (await visitor.login(`guess${attempts}@kreis.example`, 'irgendwas')).status;
		}
		expect(status).toBe(429);
		// The earlier tests in this file spent some of the same address's budget of 30.
		expect(attempts).toBeLessThanOrEqual(30);
		expect(attempts).toBeGreaterThan(20);
	});
});
