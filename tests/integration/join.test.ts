import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { createActivity, moveToStage } from '../../src/lib/server/workshop/activities';
import { submitIdea } from '../../src/lib/server/workshop/ideas';
import { joinBudget, missedCodeBudget } from '../../src/lib/server/workshop/join-throttle';
import {
	ensureJoinCode,
	joinEvent,
	participantCookieName,
	setJoinClosed
} from '../../src/lib/server/workshop/participants';
import { todayIn } from '../../src/lib/server/time';
import { placeDot } from '../../src/lib/server/workshop/votes';
import { createMember, createTestEvent, createTestOrganisation, testPassword } from '../factories';
import { connectLive, send } from './live-client';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;

/** An event that ends tomorrow evening (Berlin time), so its code lets phones in. */
function createUpcomingEvent(db: Db, organisationId: number, title?: string) {
	const created = createTestEvent(db, organisationId, title);
	const tomorrow = todayIn(undefined, new Date(Date.now() + 86_400_000));
	const event = db
		.update(table.event)
		.set({ startsAt: `${tomorrow}T17:00`, endsAt: `${tomorrow}T20:00` })
		.where(eq(table.event.id, created.event.id))
		.returning()
		.get();
	return { process: created.process, event };
}

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
	const { process, event } = createUpcomingEvent(db, org.id);
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
		// Not "Hata 404": the phone's language and a field to type the code again.
		expect(missing.body).toContain('<h1>Kod bulunamadı</h1>');
		expect(missing.body).not.toContain('Hata 404');
		expect(missing.body).toMatch(/<form[^>]*action="[./]*mitmachen"/);
		expect(missing.body).toMatch(/<input[^>]*name="code"[^>]*value="ZZZZZZ"/);
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

		expect(page.body).toContain('از طرف خودم اینجا هستم');
		const joined = await phone.post(`/${seeded.code}?/join`, {
			displayName: 'Reza',
			category: 'individual'
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
		expect(stored).toMatchObject({ category: 'individual', locale: 'fa' });

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

		// Leichte Sprache is German to screen readers and in the minutes.
		await phone.post('/language', { locale: 'de-x-ls', redirectTo: `/${seeded.code}` });
		const easyRead = (await phone.get(`/${seeded.code}`)).body;
		expect(htmlTag(easyRead)).toBe('<html lang="de" dir="ltr">');
		expect(easyRead).toContain('Wir verbinden Ihr Telefon');
		expect(
			server.db().select().from(table.participant).where(eq(table.participant.id, stored!.id)).get()
				?.locale
		).toBe('de');
	});

	it('renders a joined phone’s workshop with the page, before its connection is up', async () => {
		const phone = new Visitor(server.url, 'de-DE');
		const before = (await phone.get(`/${seeded.code}`)).body;
		expect(before).not.toContain('Was hilft beim Einstieg in Arbeit?');
		await phone.post(`/${seeded.code}?/join`, { displayName: '', category: '' });
		const page = (await phone.get(`/${seeded.code}`)).body;
		expect(page).toContain(
			'<h2 id="question" lang="de" dir="auto">Was hilft beim Einstieg in Arbeit?</h2>'
		);
		// The revealed results, ranked as the connection would show them.
		expect(page.indexOf('=HYPERLINK')).toBeLessThan(page.indexOf('Sprachkurse mit'));
		expect(page).toContain('Verbindung wird aufgebaut');

		// Another event's phone gets that event's join form, not this workshop.
		const other = new Visitor(server.url, 'de-DE');
		const { event } = createUpcomingEvent(
			server.db(),
			server.db().select().from(table.organisation).get()!.id,
			'Andere Konferenz'
		);
		const otherCode = ensureJoinCode(server.db(), event.id);
		await other.post(`/${otherCode}?/join`, { displayName: '', category: '' });
		const foreign = await other.get(`/${seeded.code}`);
		expect(foreign.body).not.toContain('Was hilft beim Einstieg in Arbeit?');
		expect(foreign.body).toContain('name="displayName"');
	});

	it('keeps staff pages in German or English whatever language the phone chose', async () => {
		const phone = new Visitor(server.url, 'ar');
		expect(htmlTag((await phone.get(`/${seeded.code}`)).body)).toBe('<html lang="ar" dir="rtl">');
		expect(htmlTag((await phone.get('/login')).body)).toBe('<html lang="de" dir="ltr">');
		await phone.post('/language', { locale: 'ar', redirectTo: '/login' });
		expect(htmlTag((await phone.get('/login')).body)).toBe('<html lang="de" dir="ltr">');
		await phone.post('/language', { locale: 'de-x-ls', redirectTo: '/login' });
		const login = (await phone.get('/login')).body;
		expect(htmlTag(login)).toBe('<html lang="de" dir="ltr">');
		expect(login).not.toMatch(/\blogin_\w+/);
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

/** A Berlin wall-clock time `hours` from now, as events store it. */
function berlinTime(hours: number): string {
	const at = new Date(Date.now() + hours * 3_600_000);
	const time = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/Berlin',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(at);
	return `${todayIn(undefined, at)}T${time}`;
}

function endEventAt(db: Db, eventId: number, hoursFromNow: number) {
	db.update(table.event)
		.set({ startsAt: berlinTime(hoursFromNow - 3), endsAt: berlinTime(hoursFromNow) })
		.where(eq(table.event.id, eventId))
		.run();
}

function participantsOf(db: Db, eventId: number) {
	return db.select().from(table.participant).where(eq(table.participant.eventId, eventId)).all();
}

const joinClosedText = 'Der Beitritt zu dieser Veranstaltung ist geschlossen';

describe('joining again and closed joining', () => {
	it('gives a phone that joins again its participant back, with name and group updated', async () => {
		const db = server.db();
		const { event } = createUpcomingEvent(db, createTestOrganisation(db, 'Wiederkehr').id);
		const code = ensureJoinCode(db, event.id);
		const phone = new Visitor(server.url);
		await phone.post(`/${code}?/join`, { displayName: 'Olena', category: '' });
		const token = phone.cookie(participantCookieName);
		expect(token).toBeTruthy();
		for (let i = 0; i < 14; i++) {
			const again = await phone.post(`/${code}?/join`, { displayName: '', category: '' });
			expect(again).toMatchObject({ status: 303, location: `/${code}` });
		}
		await phone.post(`/${code}?/join`, { displayName: 'Olena K.', category: 'volunteers' });

		const participants = participantsOf(db, event.id);
		expect(participants).toHaveLength(1);
		expect(participants[0]).toMatchObject({ displayName: 'Olena K.', category: 'volunteers' });
		expect(phone.cookie(participantCookieName)).toBe(token);

		// The token of another event is no ticket here: that phone joins as someone new.
		const other = createUpcomingEvent(db, createTestOrganisation(db, 'Nebenan').id).event;
		const otherCode = ensureJoinCode(db, other.id);
		await phone.post(`/${otherCode}?/join`, { displayName: '', category: '' });
		expect(participantsOf(db, other.id)).toHaveLength(1);
		expect(participantsOf(db, event.id)).toHaveLength(1);
	});

	it('refuses new phones when the event is closed, joining is closed or it ended long ago', async () => {
		const db = server.db();
		const org = createTestOrganisation(db, 'Geschlossen').id;
		const closed = createUpcomingEvent(db, org, 'Abgeschlossen').event;
		db.update(table.event).set({ status: 'closed' }).where(eq(table.event.id, closed.id)).run();
		const joinStopped = createUpcomingEvent(db, org, 'Beitritt zu').event;
		setJoinClosed(db, joinStopped.id, true);
		const endedYesterday = createUpcomingEvent(db, org, 'Gestern').event;
		endEventAt(db, endedYesterday.id, -24);
		const endedJustNow = createUpcomingEvent(db, org, 'Eben vorbei').event;
		endEventAt(db, endedJustNow.id, -2);

		for (const event of [closed, joinStopped, endedYesterday]) {
			const code = ensureJoinCode(db, event.id);
			const phone = new Visitor(server.url, 'uk');
			const page = await phone.get(`/${code}`);
			expect(page.status).toBe(200);
			expect(page.body).toContain('Приєднатися до цього заходу вже не можна');
			expect(page.body).not.toContain('?/join');
			const refused = await phone.post(`/${code}?/join`, { displayName: 'Late', category: '' });
			expect(refused.status).toBe(403);
			expect(refused.body).toContain('Приєднатися до цього заходу вже не можна');
			expect(participantsOf(db, event.id)).toHaveLength(0);
		}

		// Within the grace period after the end (12 hours unless JOIN_GRACE_HOURS says otherwise).
		const late = new Visitor(server.url);
		const code = ensureJoinCode(db, endedJustNow.id);
		expect((await late.post(`/${code}?/join`, {})).status).toBe(303);
		expect(participantsOf(db, endedJustNow.id)).toHaveLength(1);
	});

	it('keeps the page of phones already in when joining closes', async () => {
		const db = server.db();
		const { event } = createUpcomingEvent(db, createTestOrganisation(db, 'Drinnen').id);
		const code = ensureJoinCode(db, event.id);
		const inside = new Visitor(server.url);
		await inside.post(`/${code}?/join`, { displayName: 'Jonas', category: '' });
		setJoinClosed(db, event.id, true);

		const page = await inside.get(`/${code}`);
		expect(page.status).toBe(200);
		expect(page.body).not.toContain(joinClosedText);
		expect(page.body).not.toContain('?/join');
		expect((await new Visitor(server.url).get(`/${code}`)).body).toContain(joinClosedText);
	});
});

describe('the console’s join controls', () => {
	async function consoleSetup() {
		const db = server.db();
		const org = createTestOrganisation(db, 'Konsole');
		const moderator = await createMember(db, org.id, 'moderator');
		const steering = await createMember(db, org.id, 'steering_member');
		const stranger = await createMember(db, createTestOrganisation(db, 'Fremd').id, 'admin');
		const { process, event } = createUpcomingEvent(db, org.id);
		const code = ensureJoinCode(db, event.id);
		const live = `/o/${org.slug}/p/${process.slug}/events/${event.id}/live`;
		const joinClosed = () =>
			db.select().from(table.event).where(eq(table.event.id, event.id)).get()?.joinClosed;
		return { db, moderator, steering, stranger, event, code, live, joinClosed };
	}

	it('closes and reopens joining, and shows how fast phones join', async () => {
		const { moderator, code, live, joinClosed } = await consoleSetup();
		await new Visitor(server.url).post(`/${code}?/join`, {});
		await new Visitor(server.url).post(`/${code}?/join`, {});

		const staff = new Visitor(server.url);
		await staff.login(moderator.email, testPassword);
		const page = await staff.get(live);
		expect(page.body).toContain('Beigetreten in der letzten Minute: 2, insgesamt: 2');
		expect(page.body).toContain('Beitritt schließen');

		const closed = await staff.post(`${live}?/closeJoining`);
		expect(closed.status).toBe(200);
		expect(closed.body).toContain('Beitritt wieder öffnen');
		expect(joinClosed()).toBe(true);
		const phone = new Visitor(server.url);
		expect((await phone.get(`/${code}`)).body).toContain(joinClosedText);
		expect((await phone.post(`/${code}?/join`, {})).status).toBe(403);

		expect((await staff.post(`${live}?/reopenJoining`)).status).toBe(200);
		expect(joinClosed()).toBe(false);
		expect((await phone.post(`/${code}?/join`, {})).status).toBe(303);
	});

	it('refuses people of other organisations, the steering group and strangers', async () => {
		const { stranger, steering, live, joinClosed } = await consoleSetup();
		const outsider = new Visitor(server.url);
		await outsider.login(stranger.email, testPassword);
		expect((await outsider.post(`${live}?/closeJoining`)).status).toBe(404);

		const member = new Visitor(server.url);
		await member.login(steering.email, testPassword);
		expect((await member.post(`${live}?/closeJoining`)).status).toBe(403);
		expect((await member.get(live)).status).toBe(403);

		const anonymous = await new Visitor(server.url).post(`${live}?/closeJoining`);
		expect(anonymous.status).toBe(303);
		expect(anonymous.location).toMatch(/^\/login/);
		expect(joinClosed()).toBe(false);
	});
});

describe('throttling per client address', () => {
	let addressed: TestServer;
	let lastAddress = 0;
	/** A fresh client address for each test, so tests do not share budgets. */
	const newAddress = () => `198.51.${Math.floor(++lastAddress / 250)}.${lastAddress % 250}`;

	beforeAll(async () => {
		addressed = await startServer({
			seed: (db) => createMember(db, createTestOrganisation(db, 'Erster Start').id, 'admin'),
			env: { ADDRESS_HEADER: 'x-forwarded-for', JOIN_GRACE_HOURS: '48' }
		});
	});

	afterAll(() => addressed.stop());

	/** A request as a phone behind `address` sends it, in Turkish. */
	async function fromAddress(
		address: string,
		path: string,
		options: { form?: Record<string, string>; cookie?: string } = {}
	) {
		const response = await fetch(addressed.url + path, {
			method: options.form ? 'POST' : 'GET',
			redirect: 'manual',
			headers: {
				'x-forwarded-for': address,
				accept: 'text/html',
				'accept-language': 'tr',
				...(options.cookie ? { cookie: options.cookie } : {}),
				...(options.form
					? { 'content-type': 'application/x-www-form-urlencoded', origin: addressed.url }
					: {})
			},
			body: options.form ? new URLSearchParams(options.form).toString() : undefined
		});
		const participant = response.headers
			.getSetCookie()
			.find((c) => c.startsWith(`${participantCookieName}=`));
		return {
			status: response.status,
			retryAfter: response.headers.get('retry-after'),
			cookie: participant?.split(';')[0],
			body: await response.text()
		};
	}

	/** `count` requests, `parallel` at a time, as a room full of phones sends them. */
	async function burst<T>(count: number, parallel: number, send: (index: number) => Promise<T>) {
		const replies: T[] = [];
		for (let start = 0; start < count; start += parallel) {
			const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, i) =>
				send(start + i)
			);
			replies.push(...(await Promise.all(batch)));
		}
		return replies;
	}

	function randomCode(avoid: string): string {
		const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
		for (;;) {
			const code = Array.from(
				{ length: 6 },
				() => alphabet[Math.floor(Math.random() * alphabet.length)]
			).join('');
			if (code !== avoid) return code;
		}
	}

	it(
		'lets 300 phones behind one address join within two minutes',
		{ timeout: 150_000 },
		async () => {
			const db = addressed.db();
			const { event } = createUpcomingEvent(db, createTestOrganisation(db, 'Stadthalle').id);
			const code = ensureJoinCode(db, event.id);
			const venue = newAddress();

			const started = Date.now();
			const joins = await burst(300, 10, () => fromAddress(venue, `/${code}?/join`, { form: {} }));
			const elapsed = Date.now() - started;
			expect(joins.filter((reply) => reply.status === 303)).toHaveLength(300);
			expect(new Set(joins.map((reply) => reply.cookie)).size).toBe(300);
			expect(elapsed).toBeLessThan(120_000);
			expect(participantsOf(db, event.id)).toHaveLength(300);

			// Past the budget the next phone is told, in its language, how long to wait.
			const extra = await burst(joinBudget.points - 300 + 1, 10, () =>
				fromAddress(venue, `/${code}?/join`, { form: {} })
			);
			const over = extra.at(-1)!;
			expect(over.status).toBe(429);
			expect(Number(over.retryAfter)).toBeGreaterThan(0);
			expect(over.body).toContain('Bu ağdan çok fazla deneme yapıldı');
			// A phone already in still rejoins, and another address still joins.
			expect(
				(await fromAddress(venue, `/${code}?/join`, { form: {}, cookie: joins[0]!.cookie })).status
			).toBe(303);
			expect((await fromAddress(newAddress(), `/${code}?/join`, { form: {} })).status).toBe(303);
		}
	);

	it('refuses scripted code guessing from one address, and only from that one', async () => {
		const db = addressed.db();
		const { event } = createUpcomingEvent(db, createTestOrganisation(db, 'Rathaus').id);
		const code = ensureJoinCode(db, event.id);
		const guesser = newAddress();
		const alreadyIn = await fromAddress(guesser, `/${code}?/join`, { form: {} });
		expect(alreadyIn.status).toBe(303);

		const guesses = await burst(300, 20, (i) =>
			fromAddress(guesser, i % 2 ? `/mitmachen?code=${randomCode(code)}` : `/${randomCode(code)}`)
		);
		const refused = guesses.filter((reply) => reply.status === 429);
		// Exactly the budget is answered, however many guesses arrive at once.
		expect(guesses.length - refused.length).toBe(missedCodeBudget.points);
		expect(Number(refused[0]!.retryAfter)).toBeGreaterThan(0);
		expect(refused[0]!.body).toContain('Bu ağdan çok fazla deneme yapıldı');

		// The right code is refused to the guesser too, or a refusal would tell a hit apart.
		expect((await fromAddress(guesser, `/mitmachen?code=${code}`)).status).toBe(429);
		expect((await fromAddress(guesser, `/${code}`)).status).toBe(429);
		// The phone that joined before keeps its page; another address is not affected.
		expect((await fromAddress(guesser, `/${code}`, { cookie: alreadyIn.cookie })).status).toBe(200);
		const neighbour = newAddress();
		expect((await fromAddress(neighbour, `/mitmachen?code=${code}`)).status).toBe(303);
		expect((await fromAddress(neighbour, `/${randomCode(code)}`)).status).toBe(404);
	});

	it('keeps codes open for JOIN_GRACE_HOURS after the end', async () => {
		const db = addressed.db();
		const org = createTestOrganisation(db, 'Nachzügler').id;
		const yesterday = createUpcomingEvent(db, org).event;
		endEventAt(db, yesterday.id, -24);
		const lastWeek = createUpcomingEvent(db, org).event;
		endEventAt(db, lastWeek.id, -72);
		const phone = newAddress();
		const join = (eventId: number) =>
			fromAddress(phone, `/${ensureJoinCode(db, eventId)}?/join`, { form: {} });
		expect((await join(yesterday.id)).status).toBe(303);
		expect((await join(lastWeek.id)).status).toBe(403);
	});
});
