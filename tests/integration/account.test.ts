import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addComment } from '../../src/lib/server/concept/comments';
import * as table from '../../src/lib/server/db/schema';
import { createInvitation } from '../../src/lib/server/organisations/invitations';
import { addMember } from '../../src/lib/server/organisations/organisations';
import { createMember, createTestEvent, createTestOrganisation, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;

const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const phone =
	'Mozilla/5.0 (Linux; Android 14; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

beforeAll(async () => {
	server = await startServer();
});

afterAll(() => server.stop());

/** An organisation of its own with an administrator and a member, for one test. */
async function organisationWithMember(name: string) {
	const db = server.db();
	const organisation = createTestOrganisation(db, name);
	const admin = await createMember(db, organisation.id, 'admin');
	const member = await createMember(db, organisation.id, 'process_owner');
	return { db, organisation, admin, member };
}

async function loggedIn(email: string, userAgent: string) {
	const visitor = new Visitor(server.url, 'de', { 'user-agent': userAgent });
	expect((await visitor.login(email, testPassword)).status).toBe(303);
	return visitor;
}

describe('the sessions on /account', () => {
	it('are listed with browser and "this device", and can be ended one by one or all others', async () => {
		const { member } = await organisationWithMember('Landkreis Biberach');
		const office = await loggedIn(member.email, firefox);
		const mobile = await loggedIn(member.email, phone);
		const third = await loggedIn(member.email, 'curl/8.5.0');

		const page = await office.get('/account');
		expect(page.status).toBe(200);
		expect(page.body).toContain('Firefox auf Windows');
		expect(page.body).toContain('Chrome auf Android');
		expect(page.body).toContain('Unbekannter Browser');
		expect(page.body).toContain('(dieses Gerät)');
		expect(page.body).toContain('Alle anderen Anmeldungen beenden (2)');

		const sessionIds = [...page.body.matchAll(/name="sessionId" value="([^"]+)"/g)].map(
			(m) => m[1]!
		);
		expect(sessionIds).toHaveLength(2);
		const mobileId = server
			.db()
			.select({ id: table.session.id })
			.from(table.session)
			.where(eq(table.session.userAgent, phone))
			.all()
			.map((row) => row.id)
			.find((id) => sessionIds.includes(id))!;
		const ended = await office.post('/account?/endSession', { sessionId: mobileId });
		expect(ended.body).toContain('Beendete Anmeldungen: 1.');
		expect((await mobile.get('/account')).location).toMatch(/^\/login/);
		expect((await third.get('/account')).status).toBe(200);

		const others = await office.post('/account?/endOtherSessions');
		expect(others.body).toContain('Beendete Anmeldungen: 1.');
		expect((await third.get('/account')).location).toMatch(/^\/login/);
		expect((await office.get('/account')).status).toBe(200);
	});

	it('cannot end someone else’s session', async () => {
		const { admin, member } = await organisationWithMember('Landkreis Tuttlingen');
		const owner = await loggedIn(member.email, firefox);
		const other = await loggedIn(admin.email, firefox);
		const ownerSession = decodeURIComponent(owner.cookie('mitwirken_session')!).split('.')[0]!;
		await other.post('/account?/endSession', { sessionId: ownerSession });
		expect((await owner.get('/account')).status).toBe(200);
		expect((await other.post('/account?/endSession', { sessionId: '' })).status).toBe(400);
	});
});

describe('own data', () => {
	it('downloads as JSON with memberships, sessions and what the person wrote', async () => {
		const { db, organisation, member } = await organisationWithMember('Landkreis Zollernalb');
		const { process } = createTestEvent(db, organisation.id);
		addComment(db, process.id, member, 'introduction', 'Mehr Angebote für Frauen.');
		const visitor = await loggedIn(member.email, firefox);

		const download = await visitor.get('/account/data.json');
		expect(download.status).toBe(200);
		const data = JSON.parse(download.body);
		expect(data.profile).toMatchObject({ email: member.email, name: member.name });
		expect(data.memberships).toEqual([
			expect.objectContaining({ organisation: 'Landkreis Zollernalb', role: 'process_owner' })
		]);
		expect(data.sessions).toEqual([expect.objectContaining({ userAgent: firefox })]);
		expect(data.conceptComments).toEqual([
			expect.objectContaining({ body: 'Mehr Angebote für Frauen.', target: 'introduction' })
		]);
		expect(download.body).not.toContain('argon2');
		expect(data.notifications).toEqual({
			locale: 'de',
			digest: false,
			switchedOff: [],
			messages: []
		});

		expect((await new Visitor(server.url).get('/account/data.json')).location).toMatch(/^\/login/);
	});
});

describe('deleting one’s account', () => {
	it('needs the password, keeps the content as "ehemaliges Mitglied", and ends the sessions', async () => {
		const { db, organisation, member } = await organisationWithMember('Landkreis Sigmaringen');
		const { process } = createTestEvent(db, organisation.id);
		const comment = addComment(db, process.id, member, 'introduction', 'Sprachkurse am Abend.')!;
		const visitor = await loggedIn(member.email, firefox);
		const elsewhere = await loggedIn(member.email, phone);

		const page = await visitor.get('/account');
		expect(page.body).toContain(`Konto ${member.email} endgültig löschen`);
		expect(page.body).toContain('Landkreis Sigmaringen');

		const wrong = await visitor.post('/account?/deleteAccount', { password: 'falsches-passwort' });
		expect(wrong.status).toBe(400);
		expect(wrong.body).toContain('Das aktuelle Passwort stimmt nicht.');
		const empty = await visitor.post('/account?/deleteAccount', {});
		expect(empty.status).toBe(400);

		const deleted = await visitor.post('/account?/deleteAccount', { password: testPassword });
		expect(deleted.status).toBe(303);
		expect(deleted.location).toBe('/account/deleted');
		expect((await visitor.get('/account/deleted')).body).toContain('Konto gelöscht');
		expect((await elsewhere.get('/account')).location).toMatch(/^\/login/);
		expect((await new Visitor(server.url).login(member.email, testPassword)).status).toBe(400);

		const kept = db
			.select()
			.from(table.conceptComment)
			.where(eq(table.conceptComment.id, comment.id))
			.get()!;
		expect(kept).toMatchObject({
			body: 'Sprachkurse am Abend.',
			authorId: null,
			authorName: 'ehemaliges Mitglied'
		});
	});

	it('is refused for the last administrator, with what to do', async () => {
		const { db, organisation, admin, member } = await organisationWithMember('Landkreis Ostalb');
		const visitor = await loggedIn(admin.email, firefox);
		const page = await visitor.get('/account');
		expect(page.body).toContain('Sie sind die einzige Administration von: Landkreis Ostalb.');
		expect(page.body).not.toContain('endgültig löschen');

		const refused = await visitor.post('/account?/deleteAccount', { password: testPassword });
		expect(refused.status).toBe(409);
		expect((await visitor.get('/account')).status).toBe(200);

		addMember(db, organisation.id, member.id, 'admin');
		const deleted = await visitor.post('/account?/deleteAccount', { password: testPassword });
		expect(deleted.location).toBe('/account/deleted');
	});
});

describe('new passwords', () => {
	it('are held to the policy when accepting an invitation, against the name and address typed', async () => {
		const { db, organisation, admin } = await organisationWithMember('Landkreis Heilbronn');
		const { token } = createInvitation(db, {
			organisationId: organisation.id,
			role: 'moderator',
			note: '',
			createdByUserId: admin.id
		});
		const visitor = new Visitor(server.url);
		const register = (password: string) =>
			visitor.post(`/invite/${token}?/register`, {
				name: 'Jugendmigrationsdienst',
				email: 'jmd@heilbronn.example',
				password
			});
		const personal = await register('Jugendmigrationsdienst2026');
		expect(personal.status).toBe(400);
		expect(personal.body).toContain(
			'Das Passwort darf Ihren Namen oder Ihre E-Mail-Adresse nicht enthalten.'
		);
		expect(personal.body).toContain('value="jmd@heilbronn.example"');
		expect(personal.body).not.toContain('Jugendmigrationsdienst2026');
		const common = await register('1234567890');
		expect(common.body).toContain('Dieses Passwort gehört zu den am häufigsten verwendeten');
		expect((await register('Treffpunkt-Sprachcafe')).status).toBe(303);
	});

	it('are held to the policy when changing one’s password', async () => {
		const { member } = await organisationWithMember('Landkreis Reutlingen');
		const visitor = await loggedIn(member.email, firefox);
		const personal = await visitor.post('/account?/changePassword', {
			currentPassword: testPassword,
			newPassword: `${member.name}-neu`
		});
		expect(personal.status).toBe(400);
		expect(personal.body).toContain('Das Passwort darf Ihren Namen oder Ihre E-Mail-Adresse');
		const changed = await visitor.post('/account?/changePassword', {
			currentPassword: testPassword,
			newPassword: 'Integrationsrat-tagt-heute'
		});
		expect(changed.status).toBe(200);
		expect(changed.body).toContain('Ihr Passwort wurde geändert.');
	});
});
