import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { addMember } from '../../src/lib/server/organisations/organisations';
import { createMember, createTestOrganisation, createTestUser, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './smtp-sink';

let sink: SmtpSink;
/** With SMTP: people ask for their link by mail. */
let mailing: TestServer;
/** Without SMTP: an administrator hands out the link. */
let handing: TestServer;
let organisationSlug = '';

let addressCounter = 0;
function visitorOf(server: TestServer, address = `198.51.100.${++addressCounter}`) {
	return new Visitor(server.url, 'de', { 'x-forwarded-for': address });
}

/** An account of its own in the server's database, for one test. */
async function newAccount(server: TestServer, role: 'admin' | 'moderator' = 'moderator') {
	const db = server.db();
	const organisation = db
		.select()
		.from(table.organisation)
		.where(eq(table.organisation.slug, organisationSlug))
		.get()!;
	return createMember(db, organisation.id, role);
}

function resetLinkIn(text: string): string {
	const link = /https?:\/\/\S+\/password-reset\/[a-z2-7]+\.[a-z2-7]+/.exec(text)?.[0];
	if (!link) throw new Error(`no reset link in:\n${text}`);
	return link;
}

const pathOf = (link: string) => new URL(link).pathname;

/** What the page shows, without the per-request script nonce around it. */
function mainOf(html: string): string {
	return html.slice(html.indexOf('<main'), html.indexOf('</main>'));
}

beforeAll(async () => {
	sink = await startSmtpSink();
	const seed = async (db: Db) => {
		organisationSlug = createTestOrganisation(db, 'Landkreis Ravensburg').slug;
		// An installed server: without any account, every page leads to the first-run set-up.
		await createTestUser(db);
	};
	[mailing, handing] = await Promise.all([
		startServer({
			env: {
				ADDRESS_HEADER: 'x-forwarded-for',
				SMTP_URL: sink.url,
				MAIL_FROM: 'Mitwirken <mitwirken@kreis.example>'
			},
			seed
		}),
		startServer({ env: { ADDRESS_HEADER: 'x-forwarded-for' }, seed })
	]);
});

afterAll(async () => {
	await Promise.all([mailing?.stop(), handing?.stop()]);
	await sink?.close();
});

describe('asking for a reset link by e-mail', () => {
	it('answers the same whether or not the account exists, and mails only real ones', async () => {
		const user = await newAccount(mailing);
		const page = await visitorOf(mailing).get('/password-reset');
		expect(page.status).toBe(200);
		expect(page.body).toContain('Link schicken');

		const unknown = await visitorOf(mailing).post('/password-reset', {
			email: 'niemand@kreis.example'
		});
		const known = await visitorOf(mailing).post('/password-reset', {
			email: user.email.toUpperCase()
		});
		expect(unknown.status).toBe(200);
		expect(known.status).toBe(200);
		expect(unknown.body).toContain('Wenn es ein Konto für niemand@kreis.example gibt');
		expect(mainOf(known.body).replaceAll(user.email, 'X')).toBe(
			mainOf(unknown.body).replaceAll('niemand@kreis.example', 'X')
		);

		const mail = await mailFor(user.email);
		expect(mail.from).toBe('mitwirken@kreis.example');
		expect(mail.subject).toBe('Mitwirken: neues Passwort wählen');
		expect(mail.text).toContain(`Guten Tag ${user.name}`);
		expect(new URL(resetLinkIn(mail.text)).origin).toBe(new URL(mailing.url).origin);
		expect(sink.received.some((m) => m.to.includes('niemand@kreis.example'))).toBe(false);
	});

	it('lets the link set a new password once, by the policy, and ends every session', async () => {
		const user = await newAccount(mailing);
		const elsewhere = visitorOf(mailing);
		expect((await elsewhere.login(user.email, testPassword)).status).toBe(303);

		const mail = await requestMail(user.email);
		const path = pathOf(resetLinkIn(mail.text));
		const visitor = visitorOf(mailing);
		const form = await visitor.get(path);
		expect(form.status).toBe(200);
		expect(form.body).toContain(`Neues Passwort für das Konto ${user.email}`);
		expect(form.body).toContain('autocomplete="new-password"');

		const common = await visitor.post(path, { password: 'password123' });
		expect(common.status).toBe(400);
		expect(common.body).toContain('Dieses Passwort gehört zu den am häufigsten verwendeten');
		const personal = await visitor.post(path, { password: `${user.email}-neu` });
		expect(personal.body).toContain('Das Passwort darf Ihren Namen oder Ihre E-Mail-Adresse');
		const short = await visitor.post(path, { password: 'kurz' });
		expect(short.body).toContain('Bitte geben Sie mindestens 10 Zeichen ein.');

		const done = await visitor.post(path, { password: 'Sprachcafe-Donnerstag' });
		expect(done.status).toBe(303);
		expect(done.location).toBe('/password-reset/done');
		expect((await visitor.get(done.location!)).body).toContain('Ihr Passwort wurde geändert.');

		expect((await elsewhere.get('/account')).location).toMatch(/^\/login/);
		expect((await visitorOf(mailing).login(user.email, testPassword)).status).toBe(400);
		expect((await visitorOf(mailing).login(user.email, 'Sprachcafe-Donnerstag')).status).toBe(303);

		expect((await visitor.get(path)).status).toBe(404);
		expect((await visitor.post(path, { password: 'noch-ein-passwort' })).status).toBe(404);
	});

	it('refuses made-up and malformed links with a 404', async () => {
		const visitor = visitorOf(mailing);
		for (const token of ['abc', 'abc.def', 'a.b.c', '%00', 'x'.repeat(500)]) {
			expect((await visitor.get(`/password-reset/${token}`)).status).toBe(404);
		}
	});

	it('throttles requests per address, and mails per e-mail address without saying so', async () => {
		const user = await newAccount(mailing);
		const before = sink.received.length;
		const answers: number[] = [];
		for (let i = 0; i < 5; i++) {
			answers.push(
				(await visitorOf(mailing).post('/password-reset', { email: user.email })).status
			);
		}
		expect(answers).toEqual([200, 200, 200, 200, 200]);
		for (let i = 0; i < 3; i++) await mailFor(user.email);
		// Give a fourth mail, if one were on its way, time to arrive.
		await new Promise((wait) => setTimeout(wait, 1500));
		expect(sink.received.slice(before).filter((m) => m.to.includes(user.email))).toHaveLength(3);

		const script = visitorOf(mailing);
		for (let i = 0; i < 10; i++) {
			const reply = await script.post('/password-reset', { email: `probe${i}@kreis.example` });
			expect(reply.status).toBe(200);
		}
		const refused = await script.post('/password-reset', { email: 'probe@kreis.example' });
		expect(refused.status).toBe(429);
		expect(refused.body).toContain('Zu viele Anfragen von diesem Anschluss.');
	});

	it('answers bad input with a message, not a crash', async () => {
		const reply = await visitorOf(mailing).post('/password-reset', { email: 'kein at zeichen' });
		expect(reply.status).toBe(400);
		expect(reply.body).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein.');
	});
});

/** The next mail to `email`, waiting for it; mails to others are passed over. */
async function mailFor(email: string): Promise<ReceivedMail> {
	for (;;) {
		const mail = await sink.nextMail();
		if (mail.to.includes(email)) return mail;
	}
}

/** Asks for a link for `email` and waits for the mail that brings it. */
async function requestMail(email: string): Promise<ReceivedMail> {
	expect((await visitorOf(mailing).post('/password-reset', { email })).status).toBe(200);
	return mailFor(email);
}

describe('without mail', () => {
	it('says whom to ask, and takes no requests', async () => {
		const page = await visitorOf(handing).get('/password-reset');
		expect(page.status).toBe(200);
		expect(page.body).toContain('Diese Installation verschickt keine E-Mails.');
		expect(page.body).not.toContain('Link schicken');
		const login = await visitorOf(handing).get('/login');
		expect(login.body).toMatch(/<a href="[./]*password-reset">Passwort vergessen\?<\/a>/);
		expect(login.body).toContain('Passwort vergessen?');
		const post = await visitorOf(handing).post('/password-reset', { email: 'a@kreis.example' });
		expect(post.status).toBe(404);
	});

	it('lets an administrator make a one-time link for a member, and it works', async () => {
		const admin = await newAccount(handing, 'admin');
		const member = await newAccount(handing);
		const visitor = visitorOf(handing);
		expect((await visitor.login(admin.email, testPassword)).status).toBe(303);
		const members = await visitor.get(`/o/${organisationSlug}/members`);
		expect(members.body).toContain(`Link für neues Passwort: ${member.name}`);

		const made = await visitor.post(`/o/${organisationSlug}/members?/resetLink`, {
			userId: String(member.id)
		});
		expect(made.status).toBe(200);
		const path = pathOf(resetLinkIn(made.body));
		const phone = visitorOf(handing);
		expect((await phone.post(path, { password: 'Elterncafe-Mittwoch' })).location).toBe(
			'/password-reset/done'
		);
		expect((await visitorOf(handing).login(member.email, 'Elterncafe-Mittwoch')).status).toBe(303);
		expect((await phone.get(path)).status).toBe(404);
	});

	it('refuses links for people outside the organisation, or beyond it, and for non-administrators', async () => {
		const db = handing.db();
		const admin = await newAccount(handing, 'admin');
		const moderator = await newAccount(handing);
		const otherOrganisation = createTestOrganisation(db, 'Landkreis Sigmaringen');
		const stranger = await createMember(db, otherOrganisation.id, 'moderator');
		const both = await newAccount(handing);
		addMember(db, otherOrganisation.id, both.id, 'moderator');
		const loner = await createTestUser(db);

		const visitor = visitorOf(handing);
		await visitor.login(admin.email, testPassword);
		const action = `/o/${organisationSlug}/members?/resetLink`;
		expect((await visitor.post(action, { userId: String(stranger.id) })).status).toBe(404);
		expect((await visitor.post(action, { userId: String(loner.id) })).status).toBe(404);
		expect((await visitor.post(action, { userId: '99999999' })).status).toBe(404);
		const beyond = await visitor.post(action, { userId: String(both.id) });
		expect(beyond.status).toBe(403);
		expect(beyond.body).toContain('Für diese Person können Sie keinen Link erstellen');
		expect((await visitor.post(action, { userId: 'x; drop' })).status).toBe(400);

		const notAdmin = visitorOf(handing);
		await notAdmin.login(moderator.email, testPassword);
		expect((await notAdmin.post(action, { userId: String(admin.id) })).status).toBe(403);
	});
});
