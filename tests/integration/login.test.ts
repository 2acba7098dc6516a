import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, createTestOrganisation, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
let email = '';
/** An account of its own for the test that locks it. */
let lockedEmail = '';
/** Colleagues in one town hall, behind one address. */
const officeEmails: string[] = [];
const officeSize = 40;

let addressCounter = 0;
/** A visitor from an address of its own, as a proxy in front of the app would report it. */
function visitorFrom(address = `198.51.100.${++addressCounter}`) {
	return new Visitor(server.url, 'de', { 'x-forwarded-for': address });
}

beforeAll(async () => {
	server = await startServer({
		env: { ADDRESS_HEADER: 'x-forwarded-for' },
		seed: async (db) => {
			const organisation = createTestOrganisation(db);
			email = (await createMember(db, organisation.id, 'admin')).email;
			lockedEmail = (await createMember(db, organisation.id, 'moderator')).email;
			for (let i = 0; i < officeSize; i++) {
				officeEmails.push((await createMember(db, organisation.id, 'steering_member')).email);
			}
		}
	});
});

afterAll(() => server.stop());

describe('login', () => {
	it('sets an httpOnly, SameSite=Lax session cookie', async () => {
		const response = await fetch(`${server.url}/login`, {
			method: 'POST',
			body: new URLSearchParams({ email, password: testPassword }),
			headers: { origin: server.url, accept: 'text/html', 'x-forwarded-for': '192.0.2.200' },
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
		const visitor = visitorFrom();
		const reply = await visitor.post('/login?redirectTo=%2Faccount', {
			email,
			password: testPassword
		});
		expect(reply.location).toBe('/account');
		const offsite = await visitorFrom().post('/login?redirectTo=%2F%2Fevil.example', {
			email,
			password: testPassword
		});
		expect(offsite.location).toBe('/');
	});

	it.each([
		['a tab after the slash', '/\t/evil.example'],
		['a newline after the slash', '/\n/evil.example'],
		['a carriage return and newline', '/\r\n/evil.example'],
		['a NUL byte', '/\u0000/evil.example'],
		['a backslash', '/\\evil.example'],
		['two backslashes', '\\\\evil.example'],
		['a slash and a backslash', '/\\/evil.example'],
		['two slashes', '//evil.example'],
		['three slashes', '///evil.example'],
		['a dot segment', '/.//evil.example'],
		['a parent segment', '/account/..//evil.example'],
		['an absolute URL', 'https://evil.example/login'],
		['an absolute URL in capitals', 'HTTPS://EVIL.EXAMPLE'],
		['a scheme without slashes', 'http:evil.example'],
		['a javascript: URL', 'javascript:alert(document.cookie)'],
		['a data: URL', 'data:text/html,<script>alert(1)</script>'],
		['a leading space', ' /account'],
		['an encoded target, encoded again', '%2F%2Fevil.example']
	])('never sends anyone off the site: %s', async (_, target) => {
		const query = `redirectTo=${encodeURIComponent(target)}`;
		const visitor = visitorFrom();
		const loggedIn = await visitor.post(`/login?${query}`, { email, password: testPassword });
		expect(loggedIn.status).toBe(303);
		expect(loggedIn.location).toBe('/');
		// Signed in already, the login page sends people on at once: the same rule applies.
		const again = await visitor.get(`/login?${query}`);
		expect(again.status).toBe(303);
		expect(again.location).toBe('/');
	});

	it('keeps paths on the site, normalised, with their query', async () => {
		const visitor = visitorFrom();
		expect((await visitor.login(email, testPassword)).status).toBe(303);
		for (const [target, expected] of [
			['/account', '/account'],
			['/o/landkreis-konstanz/members?tab=1#invite', '/o/landkreis-konstanz/members?tab=1#invite'],
			['/account/../o/x', '/o/x'],
			['/%2F%2Fevil.example', '/%2F%2Fevil.example']
		] as const) {
			const reply = await visitor.get(`/login?redirectTo=${encodeURIComponent(target)}`);
			expect(reply.status).toBe(303);
			expect(reply.location).toBe(expected);
			expect(new URL(reply.location!, server.url).origin).toBe(new URL(server.url).origin);
		}
	});

	it('delays an attacker’s address while the owner logs in from elsewhere', async () => {
		const attacker = visitorFrom();
		for (let i = 0; i < 5; i++) {
			const reply = await attacker.login(lockedEmail, `falsch-${i}`);
			expect(reply.status).toBe(400);
			expect(reply.body).toContain('E-Mail-Adresse oder Passwort stimmen nicht.');
		}
		const delayed = await attacker.login(lockedEmail.toUpperCase(), testPassword);
		expect(delayed.status).toBe(429);
		expect(delayed.body).toContain(
			'Zu viele Anmeldeversuche. Bitte versuchen Sie es in 30 Sekunden erneut.'
		);

		const owner = visitorFrom();
		expect((await owner.login(lockedEmail, testPassword)).status).toBe(303);
		expect((await owner.get('/account')).status).toBe(200);
		// The attacker's address is still delayed on that account, and only on that one.
		expect((await attacker.login(lockedEmail, testPassword)).status).toBe(429);
		expect((await attacker.login(email, 'falsch')).status).toBe(400);
	});

	it('lets a whole office behind one address log in, typos included', async () => {
		const office = '203.0.113.77';
		const statuses: number[] = [];
		for (const colleague of officeEmails) {
			statuses.push((await visitorFrom(office).login(colleague, 'vertippt-1234')).status);
			statuses.push((await visitorFrom(office).login(colleague, testPassword)).status);
		}
		expect(statuses.filter((status) => status === 303)).toHaveLength(officeSize);
		expect(statuses.filter((status) => status === 400)).toHaveLength(officeSize);
	});
});
