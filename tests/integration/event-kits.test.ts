/**
 * Event kits through the real server and a real SQLite file: the poster and table cards print
 * the event's join code, address and QR code; the attendance list checks people in at the
 * door, adds walk-ins, refuses double check-ins, hostile input and other organisations' ids,
 * feeds the turnout and the minutes, and exports a CSV whose cells cannot run as formulas.
 */
import QRCode from 'qrcode';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/lib/server/attendance/attendance';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { createEvent } from '../../src/lib/server/events/events';
import { listRevisions } from '../../src/lib/server/minutes/minutes';
import { participationByGroup } from '../../src/lib/server/review/participation';
import { createMember, createTestEvent, createTestOrganisation, testPassword } from '../factories';
import { parseCsv } from '../parsers';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
let slug = '';
let adminEmail = '';
let moderatorEmail = '';
let steeringEmail = '';
let processSlug = '';
let processId = 0;
/** Each test gets events of its own, so the tests pass alone and in any order. */
let newEvent: () => number;
let foreignAttendeeId = 0;

beforeAll(async () => {
	server = await startServer({
		seed: async (db: Db) => {
			const organisation = createTestOrganisation(db, 'Landkreis Kitheim');
			slug = organisation.slug;
			adminEmail = (await createMember(db, organisation.id, 'admin')).email;
			moderatorEmail = (await createMember(db, organisation.id, 'moderator')).email;
			steeringEmail = (await createMember(db, organisation.id, 'steering_member')).email;
			const { process } = createTestEvent(db, organisation.id);
			processSlug = process.slug;
			processId = process.id;
			const other = createTestOrganisation(db, 'Stadt Anderswo');
			const foreign = createTestEvent(db, other.id, 'Fremde Konferenz');
			foreignAttendeeId = register(db, foreign.event.id, {
				name: 'Fremde Person',
				affiliation: '',
				category: null
			}).id;
		}
	});
	let counter = 0;
	newEvent = () => {
		counter += 1;
		return createEvent(server.db(), processId, {
			title: `Fachkonferenz Wohnen ${counter}`,
			description: '',
			place: 'Landratsamt, Großer Saal',
			startsAt: '2030-05-04T17:00',
			endsAt: '2030-05-04T20:00',
			isPublic: true,
			status: 'planned',
			bodyId: null,
			phaseId: null
		}).id;
	};
});

afterAll(() => server?.stop());

async function signedIn(email = adminEmail) {
	const visitor = new Visitor(server.url);
	const reply = await visitor.login(email, testPassword);
	expect(reply.status, reply.body).toBe(303);
	return visitor;
}

const eventPath = (eventId: number) => `/o/${slug}/p/${processSlug}/events/${eventId}`;

function attendees(eventId: number) {
	return server
		.db()
		.select()
		.from(table.eventAttendee)
		.where(eq(table.eventAttendee.eventId, eventId))
		.all();
}

function attendeeNamed(eventId: number, name: string) {
	const found = attendees(eventId).find((a) => a.name === name);
	if (!found) throw new Error(`no attendee ${name}`);
	return found;
}

/** The img's data URI on the page, decoded back to the SVG it carries. */
function qrSvgs(html: string): string[] {
	return [...html.matchAll(/src="data:image\/svg\+xml;charset=utf-8,([^"]+)"/g)].map((match) =>
		decodeURIComponent(match[1]!.replaceAll('&amp;', '&'))
	);
}

describe('the kit', () => {
	it('prints the live code, its address and its QR code on the poster and four table cards', async () => {
		const eventId = newEvent();
		const admin = await signedIn();
		const poster = await admin.get(`${eventPath(eventId)}/poster`);
		expect(poster.status, poster.body).toBe(200);
		const code = server.db().select().from(table.event).where(eq(table.event.id, eventId)).get()!
			.joinCode!;
		expect(code).toMatch(/^[A-Z2-9]{6}$/);
		const url = `${server.url}/${code}`;
		expect(poster.body).toContain(`data-testid="join-code">${code}<`);
		expect(poster.body).toContain(`data-testid="join-url">${url}<`);
		// The QR code is the one qrcode draws for the address, made on the server: no CDN.
		const expected = await QRCode.toString(url, {
			type: 'svg',
			margin: 1,
			errorCorrectionLevel: 'M'
		});
		expect(qrSvgs(poster.body)).toEqual([expected]);
		expect(poster.body).not.toMatch(/src="https?:/);
		// The three steps in the seven languages, Arabic and Farsi right to left.
		for (const locale of ['de', 'en', 'tr', 'uk', 'ru']) {
			expect(poster.body).toContain(`lang="${locale}" dir="ltr"`);
		}
		expect(poster.body).toMatch(/lang="ar" dir="rtl"[^>]*>\s*امسح الرمز أو اكتب العنوان/);
		expect(poster.body).toMatch(/lang="fa" dir="rtl"[^>]*>\s*کد را اسکن کنید یا نشانی را بنویسید/);
		expect(poster.body).toMatch(/lang="tr" dir="ltr"[^>]*>\s*Fikirlerinizi yazın ve oy verin/);
		expect(poster.body).toMatch(
			/<svg class="pictogram[^"]*" viewBox="0 0 48 48" role="img" aria-label="[^"]+"/
		);

		const cards = await admin.get(`${eventPath(eventId)}/table-cards`);
		expect(cards.status, cards.body).toBe(200);
		expect(qrSvgs(cards.body)).toEqual([expected, expected, expected, expected]);
		expect(cards.body.split(`>${code}<`).length - 1).toBe(4);

		// The event page links staff to both.
		const page = await admin.get(eventPath(eventId));
		expect(page.body).toContain(`${eventPath(eventId)}/poster"`);
		expect(page.body).toContain(`${eventPath(eventId)}/table-cards"`);
		expect(page.body).toContain(`${eventPath(eventId)}/attendance"`);
	});

	it('is refused for an event dated only to months, which has no live workshop', async () => {
		const eventId = createEvent(server.db(), processId, {
			title: 'Frühere Konferenz',
			description: '',
			place: '',
			startsAt: '2020-03-01T00:00',
			endsAt: '2020-04-30T23:59',
			datePrecision: 'month',
			isPublic: true,
			status: 'closed',
			bodyId: null,
			phaseId: null
		}).id;
		const admin = await signedIn();
		for (const kit of ['poster', 'table-cards']) {
			const reply = await admin.get(`${eventPath(eventId)}/${kit}`);
			expect(reply.status).toBe(409);
		}
		expect(
			server.db().select().from(table.event).where(eq(table.event.id, eventId)).get()!.joinCode
		).toBeNull();
	});

	it('is for those who run events: a steering member reads the event but prints no kit', async () => {
		const eventId = newEvent();
		const steering = await signedIn(steeringEmail);
		expect((await steering.get(`${eventPath(eventId)}/poster`)).status).toBe(403);
		expect((await steering.get(`${eventPath(eventId)}/attendance`)).status).toBe(403);
		const moderator = await signedIn(moderatorEmail);
		expect((await moderator.get(`${eventPath(eventId)}/poster`)).status).toBe(200);
	});
});

describe('the door', () => {
	it('checks registered people in once, adds walk-ins, and counts them in the turnout', async () => {
		const eventId = newEvent();
		const door = `${eventPath(eventId)}/attendance`;
		const admin = await signedIn(moderatorEmail);
		const registrations: [string, string][] = [
			['Vertretung Caritasverband', 'civil_society'],
			['Vertretung Jobcenter', 'administration'],
			['Vertretung Kreistag', 'politics']
		];
		for (const [name, category] of registrations) {
			const reply = await admin.post(`${door}?/register`, { name, affiliation: '', category });
			expect(reply.status, reply.body).toBe(200);
		}
		const caritas = attendeeNamed(eventId, 'Vertretung Caritasverband');
		expect(caritas).toMatchObject({ registered: true, present: false, checkedInAt: null });

		const before = Date.now();
		const first = await admin.post(`${door}?/checkIn`, { id: String(caritas.id) });
		expect(first.status, first.body).toBe(200);
		expect(first.body).toContain('Vertretung Caritasverband ist eingecheckt.');
		const checked = attendeeNamed(eventId, 'Vertretung Caritasverband');
		expect(checked.present).toBe(true);
		expect(checked.checkedInAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);

		// A second tap, or a second volunteer, keeps the first time and says so.
		const again = await admin.post(`${door}?/checkIn`, { id: String(caritas.id) });
		expect(again.status).toBe(409);
		expect(again.body).toContain('ist schon seit');
		expect(attendeeNamed(eventId, 'Vertretung Caritasverband').checkedInAt).toEqual(
			checked.checkedInAt
		);

		const walkIn = await admin.post(`${door}?/walkIn`, {
			name: 'Vertretung Migrantenbeirat',
			affiliation: 'Integrationsbeirat',
			category: 'migrant_organisation'
		});
		expect(walkIn.status, walkIn.body).toBe(200);
		expect(attendeeNamed(eventId, 'Vertretung Migrantenbeirat')).toMatchObject({
			registered: false,
			present: true
		});
		const jobcenter = attendeeNamed(eventId, 'Vertretung Jobcenter');
		await admin.post(`${door}?/checkIn`, { id: String(jobcenter.id) });
		const undo = await admin.post(`${door}?/undoCheckIn`, { id: String(jobcenter.id) });
		expect(undo.status, undo.body).toBe(200);
		expect(attendeeNamed(eventId, 'Vertretung Jobcenter')).toMatchObject({
			present: false,
			checkedInAt: null
		});

		// The page: counts, the list filtered by name without JavaScript, the table by group.
		const page = await admin.get(`${door}?q=caritas`);
		expect(page.status).toBe(200);
		expect(page.body).toContain('Anwesend: 2 · Angemeldet: 3');
		expect(page.body).toContain('Vertretung Caritasverband');
		expect(page.body).not.toContain('>Vertretung Jobcenter<');
		expect(page.body).toMatch(
			/Zivilgesellschaft<\/th>\s*<td class="num[^"]*">1<\/td>\s*<td class="num[^"]*">1<\/td>\s*<td class="num[^"]*">0<\/td>\s*<td class="num[^"]*">1<\/td>/
		);

		// The turnout counts those present, not those who only registered.
		const groups = participationByGroup(server.db(), processId);
		const ofGroup = (category: string) => groups.find((g) => g.category === category);
		expect(ofGroup('politics')?.attendees ?? 0).toBe(0);
		const eventPage = await admin.get(eventPath(eventId));
		expect(eventPage.body).toContain('Vertretung Migrantenbeirat');
		expect(eventPage.body).not.toContain('Vertretung Kreistag');
	});

	it('puts those present into the minutes, and not into approved ones', async () => {
		const eventId = newEvent();
		const door = `${eventPath(eventId)}/attendance`;
		const admin = await signedIn();
		await admin.post(`${door}?/register`, { name: 'Vertretung VHS', category: 'education' });
		await admin.post(`${door}?/register`, { name: 'Vertretung IHK', category: 'business' });
		await admin.post(`${door}?/checkIn`, {
			id: String(attendeeNamed(eventId, 'Vertretung VHS').id)
		});
		const reply = await admin.post(`${door}?/toMinutes`);
		expect(reply.status, reply.body).toBe(200);
		const [minutes] = listRevisions(server.db(), eventId);
		expect(minutes!.attendees.map((a) => a.name)).toEqual(['Vertretung VHS']);

		await admin.post(`${door}?/walkIn`, { name: 'Vertretung Kirchengemeinde' });
		await admin.post(`${door}?/toMinutes`);
		expect(listRevisions(server.db(), eventId)[0]!.attendees.map((a) => a.name)).toEqual([
			'Vertretung Kirchengemeinde',
			'Vertretung VHS'
		]);

		server
			.db()
			.update(table.minutes)
			.set({ status: 'approved' })
			.where(eq(table.minutes.id, minutes!.id))
			.run();
		await admin.post(`${door}?/walkIn`, { name: 'Spät gekommen' });
		const locked = await admin.post(`${door}?/toMinutes`);
		expect(locked.status).toBe(409);
		expect(listRevisions(server.db(), eventId)[0]!.attendees).toHaveLength(2);
	});

	it('refuses hostile input, other events’ and other organisations’ ids', async () => {
		const eventId = newEvent();
		const otherEventId = newEvent();
		const door = `${eventPath(eventId)}/attendance`;
		const admin = await signedIn();
		const neighbour = register(server.db(), otherEventId, {
			name: 'Nebenan',
			affiliation: '',
			category: null
		});
		for (const id of ['', 'abc', '-1', '1.5', 'x1']) {
			const reply = await admin.post(`${door}?/checkIn`, { id });
			expect(reply.status, `id ${id}`).toBe(400);
		}
		for (const id of [neighbour.id, foreignAttendeeId, 999_999, '9'.repeat(40)]) {
			expect((await admin.post(`${door}?/checkIn`, { id: String(id) })).status).toBe(404);
			expect((await admin.post(`${door}?/undoCheckIn`, { id: String(id) })).status).toBe(404);
		}
		expect(
			server
				.db()
				.select()
				.from(table.eventAttendee)
				.where(eq(table.eventAttendee.id, foreignAttendeeId))
				.get()
		).toMatchObject({ present: false, checkedInAt: null });
		expect(attendees(otherEventId)[0]).toMatchObject({ present: false });

		expect((await admin.post(`${door}?/walkIn`, { name: '   ' })).status).toBe(400);
		expect((await admin.post(`${door}?/walkIn`, { name: 'x'.repeat(161) })).status).toBe(400);
		const badGroup = await admin.post(`${door}?/register`, { name: 'Jemand', category: 'kings' });
		expect(badGroup.status).toBe(400);
		expect(attendees(eventId)).toEqual([]);

		const hostile = '=HYPERLINK("http://x";"y")\u0000\u202e <script>alert(1)</script>';
		const stored = await admin.post(`${door}?/walkIn`, { name: hostile });
		expect(stored.status, stored.body).toBe(200);
		const [row] = attendees(eventId);
		expect(row!.name).not.toContain('\u0000');
		expect(row!.name).not.toContain('\u202e');
		expect(row!.name.startsWith('=HYPERLINK')).toBe(true);
		const page = await admin.get(`${door}?q=${encodeURIComponent('<script>'.repeat(50))}`);
		expect(page.status).toBe(200);
		expect(page.body).not.toContain('<script>alert(1)</script>');
	});

	it('exports the list as CSV with formula-looking names defused', async () => {
		const eventId = newEvent();
		const db = server.db();
		// Stored as a row from before the edge cleaned text could be.
		db.insert(table.eventAttendee)
			.values({ eventId, name: '=1+2', affiliation: '@SUM(A1)', category: 'volunteers' })
			.run();
		const waiting = register(db, eventId, {
			name: 'Vertretung Tafel',
			affiliation: 'Tafel e. V.; Ort',
			category: null
		});
		db.update(table.eventAttendee)
			.set({ checkedInAt: new Date('2030-05-04T15:04:00Z') })
			.where(and(eq(table.eventAttendee.id, waiting.id), eq(table.eventAttendee.eventId, eventId)))
			.run();
		const admin = await signedIn(steeringEmail);
		const response = await fetch(`${server.url}${eventPath(eventId)}/attendance/anwesenheit.csv`, {
			headers: { cookie: `mitwirken_session=${admin.cookie('mitwirken_session')}` }
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/csv');
		const rows = parseCsv(
			new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
				await response.arrayBuffer()
			)
		);
		expect(rows[0]).toEqual([
			'Name',
			'Organisation oder Funktion',
			'Stakeholder-Gruppe',
			'Angemeldet',
			'Anwesend',
			'Eingecheckt um'
		]);
		expect(rows).toContainEqual(["'=1+2", "'@SUM(A1)", 'Ehrenamt', 'nein', 'ja', '']);
		expect(rows).toContainEqual([
			'Vertretung Tafel',
			'Tafel e. V.; Ort',
			'Ohne Gruppenangabe',
			'ja',
			'nein',
			'2030-05-04 17:04'
		]);
	});
});
