import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as table from '../../src/lib/server/db/schema';
import { createMember, createTestOrganisation, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
const people = { admin: '', moderator: '', steering: '', otherAdmin: '' };

beforeAll(async () => {
	server = await startServer({
		seed: async (db) => {
			const landau = createTestOrganisation(db, 'Stadt Landau');
			const wittmund = createTestOrganisation(db, 'Landkreis Wittmund');
			people.admin = (await createMember(db, landau.id, 'admin')).email;
			people.moderator = (await createMember(db, landau.id, 'moderator')).email;
			people.steering = (await createMember(db, landau.id, 'steering_member')).email;
			people.otherAdmin = (await createMember(db, wittmund.id, 'admin')).email;
		}
	});
});

afterAll(() => server.stop());

async function signedIn(email: string, language = 'de') {
	const visitor = new Visitor(server.url, language);
	const reply = await visitor.login(email, testPassword);
	expect(reply.status, reply.body).toBe(303);
	return visitor;
}

function invitationCount() {
	return server.db().select({ n: count() }).from(table.invitation).get()!.n;
}

describe('protected pages', () => {
	it('send visitors without a session to the login', async () => {
		const reply = await new Visitor(server.url).get('/o/stadt-landau/members');
		expect(reply.status).toBe(303);
		expect(reply.location).toBe('/login?redirectTo=%2Fo%2Fstadt-landau%2Fmembers');
	});

	it('refuse members whose role does not allow the page', async () => {
		for (const email of [people.moderator, people.steering]) {
			const reply = await (await signedIn(email)).get('/o/stadt-landau/members');
			expect(reply.status).toBe(403);
			expect(reply.body).toContain('Dafür fehlt Ihnen die Berechtigung.');
		}
	});

	it('show the page to an administrator', async () => {
		const reply = await (await signedIn(people.admin)).get('/o/stadt-landau/members');
		expect(reply.status).toBe(200);
		expect(reply.body).toContain(people.moderator);
	});

	it('hide another organisation entirely', async () => {
		const visitor = await signedIn(people.otherAdmin);
		expect((await visitor.get('/o/stadt-landau')).status).toBe(404);
		expect((await visitor.get('/o/stadt-landau/members')).status).toBe(404);
		expect((await visitor.get('/o/landkreis-wittmund/members')).status).toBe(200);
	});

	it('let steering group members read the organisation', async () => {
		const reply = await (await signedIn(people.steering)).get('/o/stadt-landau');
		expect(reply.status).toBe(200);
		expect(reply.body).not.toContain('/o/stadt-landau/members');
	});
});

describe('protected form actions', () => {
	it('refuse an unauthorised member and store nothing', async () => {
		const before = invitationCount();
		const moderator = await signedIn(people.moderator);
		const reply = await moderator.post('/o/stadt-landau/members?/invite', { role: 'admin' });
		expect(reply.status).toBe(403);
		expect(invitationCount()).toBe(before);
	});

	it('refuse a visitor without a session', async () => {
		const reply = await new Visitor(server.url).post('/o/stadt-landau/members?/invite', {
			role: 'admin'
		});
		expect(reply.status).toBe(303);
		expect(reply.location).toMatch(/^\/login/);
	});

	it('refuse a cross-site post', async () => {
		const admin = await signedIn(people.admin);
		const response = await fetch(`${server.url}/o/stadt-landau/members?/invite`, {
			method: 'POST',
			body: 'role=admin',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: 'https://evil.example',
				cookie: `mitwirken_session=${admin.cookie('mitwirken_session')}`
			}
		});
		expect(response.status).toBe(403);
	});

	it('answer bad input with a translated message', async () => {
		const admin = await signedIn(people.admin, 'en');
		const reply = await admin.post('/o/stadt-landau/members?/invite', { role: 'king' });
		expect(reply.status).toBe(400);
		expect(reply.body).toContain('Please choose one of the options offered.');
	});
});

describe('invitations over HTTP', () => {
	it('can be accepted once', async () => {
		const admin = await signedIn(people.admin);
		const created = await admin.post('/o/stadt-landau/members?/invite', {
			role: 'moderator',
			note: 'Fachkonferenz Wohnen'
		});
		expect(created.status).toBe(200);
		const link = created.body.match(/\/invite\/[a-z2-7]+\.[a-z2-7]+/)?.[0];
		expect(link).toBeDefined();

		const invited = new Visitor(server.url);
		expect((await invited.get(link!)).body).toContain('Einladung zu Stadt Landau');
		const accepted = await invited.post(`${link}?/register`, {
			name: 'Neue Moderatorin',
			email: 'neu@landau.example',
			password: 'ein-langes-passwort'
		});
		expect(accepted.status).toBe(303);
		expect(accepted.location).toBe('/o/stadt-landau');
		expect((await invited.get('/o/stadt-landau')).status).toBe(200);

		const latecomer = new Visitor(server.url);
		expect((await latecomer.get(link!)).body).toContain('bereits angenommen');
		const second = await latecomer.post(`${link}?/register`, {
			name: 'Zu spät',
			email: 'spaet@landau.example',
			password: 'ein-langes-passwort'
		});
		expect(second.status).toBe(410);
		expect((await latecomer.login('spaet@landau.example', 'ein-langes-passwort')).status).toBe(400);
	});
});

describe('logout', () => {
	it('deletes the session', async () => {
		const visitor = await signedIn(people.steering);
		const token = visitor.cookie('mitwirken_session')!;
		expect((await visitor.post('/logout')).status).toBe(303);
		expect(visitor.cookie('mitwirken_session')).toBeUndefined();

		const replay = new Visitor(server.url);
		const response = await fetch(`${server.url}/o/stadt-landau`, {
			headers: { cookie: `mitwirken_session=${token}` },
			redirect: 'manual'
		});
		expect(response.status).toBe(303);
		expect(replay.cookie('mitwirken_session')).toBeUndefined();
	});
});
