import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { createActivity, moveToStage } from '../../src/lib/server/workshop/activities';
import { submitIdea } from '../../src/lib/server/workshop/ideas';
import {
	ensureJoinCode,
	joinEvent,
	participantCookieName
} from '../../src/lib/server/workshop/participants';
import { placeDot } from '../../src/lib/server/workshop/votes';
import { createMember, createTestEvent, createTestOrganisation, testPassword } from '../factories';
import { connectLive, send } from './live-client';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
const seeded = {
	code: '',
	eventId: 0,
	activityId: 0,
	orgSlug: '',
	processSlug: '',
	moderator: '',
	stranger: ''
};

async function seed(db: Db) {
	const org = createTestOrganisation(db, 'Stadt Landau');
	seeded.orgSlug = org.slug;
	seeded.moderator = (await createMember(db, org.id, 'moderator')).email;
	seeded.stranger = (
		await createMember(db, createTestOrganisation(db, 'Anderswo').id, 'admin')
	).email;
	const { process, event } = createTestEvent(db, org.id);
	seeded.processSlug = process.slug;
	seeded.eventId = event.id;
	seeded.code = ensureJoinCode(db, event.id);

	// A finished vote whose results the CSV exports, with an idea that looks like a formula.
	let activity = createActivity(db, event.id, {
		question: 'Was hilft beim Einstieg in Arbeit?',
		fieldOfActionId: null,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 3,
		namedIdeas: false
	});
	seeded.activityId = activity.id;
	const voter = joinEvent(db, event.id, { displayName: null, category: 'business', locale: 'tr' });
	const idea = (text: string) => {
		const result = submitIdea(db, activity, {
			participantId: voter.participant.id,
			clientId: text,
			text,
			language: 'de'
		});
		if (!result.ok) throw new Error(result.error);
		return result.value.idea;
	};
	const formula = idea('=HYPERLINK("http://example.com";"Klick")');
	idea('Sprachkurse mit "Kinderbetreuung"; abends');
	for (const stage of ['clustering', 'voting'] as const) {
		const moved = moveToStage(db, activity, stage);
		if (!moved.ok) throw new Error(moved.error);
		activity = moved.value;
	}
	placeDot(db, activity, voter.participant.id, 'd1', { kind: 'idea', id: formula.id });
	const revealed = moveToStage(db, activity, 'revealed');
	if (!revealed.ok) throw new Error(revealed.error);
}

beforeAll(async () => {
	server = await startServer({ seed });
});

afterAll(() => server.stop());

const htmlTag = (body: string) => body.match(/<html[^>]*>/)?.[0];

describe('joining a workshop', () => {
	it('leads typed codes to the event, and says so in the phone’s language when there is none', async () => {
		const phone = new Visitor(server.url, 'tr-TR,tr;q=0.9');
		const typed = await phone.get(`/mitmachen?code=${seeded.code.toLowerCase()}`);
		expect(typed).toMatchObject({ status: 303, location: `/${seeded.code}` });
		expect(await phone.get(`/${seeded.code.toLowerCase()}`)).toMatchObject({
			status: 308,
			location: `/${seeded.code}`
		});

		const unknown = await phone.get('/mitmachen?code=ZZZZZZ');
		expect(unknown.status).toBe(200);
		expect(unknown.body).toContain('Bu koda ait bir etkinlik yok');
		const missing = await phone.get('/ZZZZZZ');
		expect(missing.status).toBe(404);
		expect(missing.body).toContain('Bu koda ait bir etkinlik yok');
	});

	it('gives a phone an httpOnly device token that the live connection accepts', async () => {
		const phone = new Visitor(server.url, 'fa-IR,fa;q=0.9,en;q=0.5');
		const page = await phone.get(`/${seeded.code}`);
		expect(htmlTag(page.body)).toBe('<html lang="fa" dir="rtl">');
		expect(page.body).toContain('بدون حساب کاربری می‌توانید شرکت کنید');

		const refused = await phone.post(`/${seeded.code}?/join`, {
			displayName: 'Reza',
			category: 'king'
		});
		expect(refused.status).toBe(400);
		expect(refused.body).toContain('لطفاً یکی از گزینه‌های پیشنهادی را انتخاب کنید');

		const joined = await phone.post(`/${seeded.code}?/join`, {
			displayName: 'Reza',
			category: 'migrant_organisation'
		});
		expect(joined).toMatchObject({ status: 303, location: `/${seeded.code}` });
		const cookie = joined.setCookies.find((c) => c.startsWith(`${participantCookieName}=`));
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);

		const stored = server
			.db()
			.select()
			.from(table.participant)
			.where(eq(table.participant.displayName, 'Reza'))
			.get();
		expect(stored).toMatchObject({ category: 'migrant_organisation', locale: 'fa' });

		const socket = await connectLive(server.url, {
			cookie: `${participantCookieName}=${phone.cookie(participantCookieName)}`
		});
		const event = await send(socket, 'event:sync', {});
		expect(event.ok && event.value.activities.map((a) => a.id)).toEqual([seeded.activityId]);
		socket.close();

		// Switching language on the phone is remembered with the participation.
		await phone.post('/language', { locale: 'ar', redirectTo: `/${seeded.code}` });
		expect(htmlTag((await phone.get(`/${seeded.code}`)).body)).toBe('<html lang="ar" dir="rtl">');
		expect(
			server.db().select().from(table.participant).where(eq(table.participant.id, stored!.id)).get()
				?.locale
		).toBe('ar');
	});

	it('keeps staff pages in German or English whatever language the phone chose', async () => {
		const phone = new Visitor(server.url, 'ar');
		expect(htmlTag((await phone.get(`/${seeded.code}`)).body)).toBe('<html lang="ar" dir="rtl">');
		expect(htmlTag((await phone.get('/login')).body)).toBe('<html lang="de" dir="ltr">');
		await phone.post('/language', { locale: 'ar', redirectTo: '/login' });
		expect(htmlTag((await phone.get('/login')).body)).toBe('<html lang="de" dir="ltr">');
		const english = new Visitor(server.url, 'uk,en;q=0.8');
		expect(htmlTag((await english.get('/login')).body)).toBe('<html lang="en" dir="ltr">');
	});
});

describe('results export', () => {
	const csvPath = () =>
		`/o/${seeded.orgSlug}/p/${seeded.processSlug}/events/${seeded.eventId}/activities/${seeded.activityId}/results.csv`;

	it('gives members the ranked results as CSV, with formulas defused', async () => {
		const moderator = new Visitor(server.url);
		await moderator.login(seeded.moderator, testPassword);
		const reply = await moderator.get(csvPath());
		expect(reply.status).toBe(200);
		const [header, first, second] = reply.body.replace('\uFEFF', '').split('\r\n');
		expect(header).toMatch(/^Rang;Art;Idee oder Cluster;Ideen im Cluster;Punkte;Abstimmende;/);
		expect(header).toContain('Punkte: Wirtschaft;Abstimmende: Wirtschaft');
		expect(first).toMatch(/^1;Idee;"'=HYPERLINK\(""http:\/\/example.com"";""Klick""\)";;1;1;/);
		expect(second).toMatch(/^2;Idee;"Sprachkurse mit ""Kinderbetreuung""; abends";;0;0;/);

		// The console's live page and the projector load for the moderator.
		const live = csvPath().replace(/\/activities\/.*$/, '/live');
		expect((await moderator.get(live)).body).toContain(seeded.code);
		expect((await moderator.get(live.replace(/live$/, 'projector'))).body).toContain(seeded.code);
	});

	it('refuses people of other organisations and phones', async () => {
		const stranger = new Visitor(server.url);
		await stranger.login(seeded.stranger, testPassword);
		expect((await stranger.get(csvPath())).status).toBe(404);
		expect((await new Visitor(server.url).get(csvPath())).status).toBe(303);

		// A moderator session cannot be used by a phone for another organisation's event either.
		await expect(
			connectLive(server.url, {
				cookie: `${sessionCookieName}=${stranger.cookie(sessionCookieName)}`,
				eventId: seeded.eventId
			})
		).rejects.toThrow('unauthorised');
	});
});
