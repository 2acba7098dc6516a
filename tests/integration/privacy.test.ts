import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../src/lib/server/auth/session';
import { adoptResult } from '../../src/lib/server/concept/adopt';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { draftMinutes } from '../../src/lib/server/minutes/minutes';
import { updateLegalDetails } from '../../src/lib/server/privacy/legal';
import { addField, listFields } from '../../src/lib/server/process/fields';
import { todayIn } from '../../src/lib/server/time';
import { ensureJoinCode, participantCookieName } from '../../src/lib/server/workshop/participants';
import { createMember, createTestEvent, createTestOrganisation, testPassword } from '../factories';
import { seedVotedWorkshop } from '../workshop-factory';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;

const seeded = {
	org: '',
	platform: '',
	admin: '',
	moderator: '',
	otherAdmin: '',
	joinCode: '',
	/** The workshop with groups of five and a group of one. */
	groups: { base: '', eventId: 0, activityId: 0, measureId: 0 },
	/** The workshop that ended long ago. */
	old: { base: '', eventId: 0, activityId: 0, code: '', token: '', participantIds: [] as string[] }
};

const tomorrow = () => todayIn(undefined, new Date(Date.now() + 86_400_000));

async function seed(db: Db) {
	const org = createTestOrganisation(db, 'Landkreis Lörrach');
	seeded.org = org.slug;
	updateLegalDetails(db, org.id, {
		postalAddress: 'Landratsamt Lörrach\nPalmstraße 3\n79539 Lörrach',
		email: 'integration@loerrach.example',
		phone: '07621 410-0',
		representative: 'Die Landrätin',
		dataProtectionOfficer: 'Datenschutzbeauftragte/r des Landratsamts',
		dataProtectionLaw: '§ 4 Landesdatenschutzgesetz Baden-Württemberg (LDSG)',
		supervisoryAuthority: 'Der Landesbeauftragte für den Datenschutz Baden-Württemberg',
		accessibilityEnforcement: 'Ombudsstelle für barrierefreie Informationstechnik',
		accessibilityReviewedOn: '2026-11-02'
	});
	const admin = await createMember(db, org.id, 'admin');
	seeded.admin = admin.email;
	seeded.moderator = (await createMember(db, org.id, 'moderator')).email;
	const platform = createTestOrganisation(db, 'Stadt Landau');
	seeded.platform = platform.slug;
	seeded.otherAdmin = (await createMember(db, platform.id, 'admin')).email;

	// An event phones can join: tomorrow evening.
	const upcoming = createTestEvent(db, org.id, 'Integrationskonferenz');
	db.update(table.event)
		.set({ startsAt: `${tomorrow()}T17:00`, endsAt: `${tomorrow()}T20:00` })
		.where(eq(table.event.id, upcoming.event.id))
		.run();
	seeded.joinCode = ensureJoinCode(db, upcoming.event.id);

	// Five from the administration, five from civil society, and one politician who voted alone.
	const groups = createTestEvent(db, org.id, 'Fachkonferenz Sprache');
	addField(db, groups.process.id, { code: '1', title: 'Sprache', description: '' });
	const [field] = listFields(db, groups.process.id);
	const workshop = seedVotedWorkshop(
		db,
		groups.event.id,
		[
			...Array<'administration'>(5).fill('administration'),
			...Array<'civil_society'>(5).fill('civil_society'),
			'politics'
		],
		[10]
	);
	draftMinutes(db, groups.event.id);
	const measure = adoptResult(
		db,
		groups.process.id,
		admin.id,
		{ activityId: workshop.activity.id, target: { kind: 'idea', id: workshop.ideas[1]!.id } },
		{
			create: {
				fieldOfActionId: field!.id,
				goalId: null,
				title: 'Jobcafé einrichten',
				description: '',
				lead: '',
				timeframe: 'short',
				costEstimate: '',
				funding: 'open',
				priority: 'medium',
				status: 'proposed'
			}
		}
	)!;
	seeded.groups = {
		base: `/o/${org.slug}/p/${groups.process.slug}`,
		eventId: groups.event.id,
		activityId: workshop.activity.id,
		measureId: measure.id
	};

	// A workshop that ended in March and is closed: past any retention period.
	const old = createTestEvent(db, org.id, 'Fachkonferenz Arbeit');
	const oldWorkshop = seedVotedWorkshop(db, old.event.id, ['politics', 'business', null], [2]);
	db.update(table.event).set({ status: 'closed' }).where(eq(table.event.id, old.event.id)).run();
	draftMinutes(db, old.event.id);
	seeded.old = {
		base: `/o/${org.slug}/p/${old.process.slug}`,
		eventId: old.event.id,
		activityId: oldWorkshop.activity.id,
		code: ensureJoinCode(db, old.event.id),
		token: oldWorkshop.phones[0]!.token,
		participantIds: oldWorkshop.phones.map((phone) => phone.participant.id)
	};
}

beforeAll(async () => {
	server = await startServer({
		seed,
		env: { PARTICIPANT_RETENTION_DAYS: '14', LEGAL_ORGANISATION: 'stadt-landau' }
	});
});

afterAll(async () => {
	await server?.stop();
});

async function signedIn(email: string) {
	const visitor = new Visitor(server.url);
	await visitor.login(email, testPassword);
	return visitor;
}

const legalPath = (org: string, page: string) => `/beteiligung/${org}/${page}`;
/** A link to a legal page; SvelteKit writes links relative to the page (`./`, `../`). */
const linkTo = (org: string, page: string) => new RegExp(`href="[./]*beteiligung/${org}/${page}"`);

describe('legal pages', () => {
	it('are public for each organisation, filled in from its details', async () => {
		const anyone = new Visitor(server.url);
		const imprint = await anyone.get(legalPath(seeded.org, 'impressum'));
		expect(imprint.status).toBe(200);
		expect(imprint.body).toContain('<h1>Impressum</h1>');
		expect(imprint.body).toContain('Palmstraße 3');
		expect(imprint.body).toContain('Vertreten durch: Die Landrätin');

		const privacy = await anyone.get(legalPath(seeded.org, 'datenschutz'));
		expect(privacy.body).toContain('Datenschutzerklärung');
		expect(privacy.body).toContain('Datenschutzbeauftragte/r des Landratsamts');
		expect(privacy.body).toContain('Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit § 4');
		expect(privacy.body).toContain('14 Tage nach dem Ende einer Veranstaltung');
		expect(privacy.body).toContain('Der Landesbeauftragte für den Datenschutz Baden-Württemberg');
		expect(privacy.body).toContain('href="mailto:integration@loerrach.example"');

		const accessibility = await anyone.get(legalPath(seeded.org, 'barrierefreiheit'));
		expect(accessibility.body).toContain('Erklärung zur Barrierefreiheit');
		expect(accessibility.body).toContain('am 02.11.2026 erstellt');
		expect(accessibility.body).toContain('Ombudsstelle für barrierefreie Informationstechnik');

		// An organisation without details shows the template with what is missing marked.
		const bare = await anyone.get(legalPath(seeded.platform, 'impressum'));
		expect(bare.status).toBe(200);
		expect(bare.body).toContain('[bitte ergänzen: Postanschrift]');

		expect((await anyone.get(legalPath('gibt-es-nicht', 'impressum'))).status).toBe(404);
		expect((await anyone.get(legalPath(seeded.org, 'agb'))).status).toBe(404);
	});

	it('are linked in every footer: the platform’s, the organisation’s, and on the phone', async () => {
		const login = await new Visitor(server.url).get('/login');
		expect(login.body).toMatch(linkTo(seeded.platform, 'impressum'));
		expect(login.body).toMatch(linkTo(seeded.platform, 'datenschutz'));
		expect(login.body).toMatch(linkTo(seeded.platform, 'barrierefreiheit'));

		const admin = await signedIn(seeded.admin);
		const overview = await admin.get(`/o/${seeded.org}`);
		expect(overview.body).toMatch(linkTo(seeded.org, 'impressum'));
		const legalPage = await new Visitor(server.url).get(legalPath(seeded.org, 'datenschutz'));
		expect(legalPage.body).toMatch(linkTo(seeded.org, 'barrierefreiheit'));

		const phone = await new Visitor(server.url).get(`/${seeded.joinCode}`);
		expect(phone.status).toBe(200);
		expect(phone.body).toMatch(linkTo(seeded.org, 'impressum'));
		expect(phone.body).toMatch(linkTo(seeded.org, 'barrierefreiheit'));
	});

	it('are told about on the phone before joining, in its language', async () => {
		const german = await new Visitor(server.url).get(`/${seeded.joinCode}`);
		expect(german.body).toContain('Ihre Daten');
		expect(german.body).toContain('Wir speichern Ihre Ideen und Ihre Punkte.');
		expect(german.body).toContain('Es gibt kein Tracking.');
		expect(german.body).toContain('Verantwortlich für die Daten: Landkreis Lörrach.');
		expect(german.body).toContain('14 Tage nach der Veranstaltung löschen wir');
		expect(german.body).toMatch(linkTo(seeded.org, 'datenschutz'));

		const english = await new Visitor(server.url, 'en').get(`/${seeded.joinCode}`);
		expect(english.body).toContain('Responsible for the data: Landkreis Lörrach.');
		expect(english.body).toContain('14 days after the event we delete which phone wrote what');

		const turkish = await new Visitor(server.url, 'tr').get(`/${seeded.joinCode}`);
		expect(turkish.body).toContain('Verilerden sorumlu: Landkreis Lörrach.');
	});
});

describe('legal settings', () => {
	const settings = () => `/o/${seeded.org}/legal`;

	it('are for the organisation’s administrators only', async () => {
		expect((await new Visitor(server.url).get(settings())).status).toBe(303);
		const moderator = await signedIn(seeded.moderator);
		expect((await moderator.get(settings())).status).toBe(403);
		expect((await moderator.post(`${settings()}?/details`, { email: 'x@y.example' })).status).toBe(
			403
		);
		const stranger = await signedIn(seeded.otherAdmin);
		expect((await stranger.get(settings())).status).toBe(404);
		expect(
			(await stranger.post(`${settings()}?/saveText`, { page: 'impressum', text: 'Fremd' })).status
		).toBe(404);
		const admin = await signedIn(seeded.admin);
		const page = await admin.get(settings());
		expect(page.status).toBe(200);
		expect(page.body).toContain('Palmstraße 3');
	});

	it('check the details and name each wrong field in a summary linked to it', async () => {
		const admin = await signedIn(seeded.admin);
		const reply = await admin.post(`${settings()}?/details`, {
			postalAddress: '  ',
			email: 'keine-adresse',
			phone: '0761 <b>',
			dataProtectionOfficer: 'DSB',
			supervisoryAuthority: 'LfDI',
			accessibilityEnforcement: 'Ombudsstelle',
			accessibilityReviewedOn: '2026-02-30'
		});
		expect(reply.status).toBe(400);
		expect(reply.body).toContain('Bitte prüfen Sie diese Angaben:');
		for (const field of ['postalAddress', 'email', 'phone', 'accessibilityReviewedOn']) {
			expect(reply.body).toContain(`href="#field-${field}"`);
			expect(reply.body).toMatch(new RegExp(`id="field-${field}"[^>]*aria-invalid="true"`));
		}
		expect(reply.body).toContain('Bitte nur Ziffern, Leerzeichen und + ( ) / - verwenden.');
		expect(reply.body).toContain('0761 &lt;b>');
		// Nothing was stored.
		expect((await new Visitor(server.url).get(legalPath(seeded.org, 'impressum'))).body).toContain(
			'Palmstraße 3'
		);
	});

	it('store an own text shown as text, and go back to the template only when confirmed', async () => {
		const admin = await signedIn(seeded.admin);
		const text = '<script>alert(1)</script>\n\n## Kontakt\nSchreiben Sie an post@loerrach.example';
		const saved = await admin.post(`${settings()}?/saveText`, { page: 'barrierefreiheit', text });
		expect(saved.status).toBe(200);
		const shown = await new Visitor(server.url).get(legalPath(seeded.org, 'barrierefreiheit'));
		expect(shown.body).toContain('&lt;script>alert(1)&lt;/script>');
		expect(shown.body).not.toContain('<script>alert(1)');
		expect(shown.body).toContain('<h2>Kontakt</h2>');
		expect(shown.body).toContain('href="mailto:post@loerrach.example"');

		expect((await admin.post(`${settings()}?/saveText`, { page: 'agb', text: 'x' })).status).toBe(
			400
		);
		expect(
			(await admin.post(`${settings()}?/saveText`, { page: 'impressum', text: ' ' })).status
		).toBe(400);

		const asked = await admin.post(`${settings()}?/resetText`, { page: 'barrierefreiheit' });
		expect(asked.status).toBe(409);
		expect(asked.body).toContain(
			'Ihr eigener Text der Seite „Erklärung zur Barrierefreiheit“ wird gelöscht.'
		);
		expect(
			(await new Visitor(server.url).get(legalPath(seeded.org, 'barrierefreiheit'))).body
		).toContain('<h2>Kontakt</h2>');

		const reset = await admin.post(`${settings()}?/resetText`, {
			page: 'barrierefreiheit',
			confirmed: 'on'
		});
		expect(reset.status).toBe(200);
		const template = await new Visitor(server.url).get(legalPath(seeded.org, 'barrierefreiheit'));
		expect(template.body).toContain('Stand der Vereinbarkeit');
		expect(template.body).not.toContain('alert(1)');
	});
});

describe('results by stakeholder group', () => {
	const merged = 'weitere Gruppen (zusammengefasst) 2';

	it('merge groups under five people on the event and minutes pages and the review', async () => {
		const admin = await signedIn(seeded.admin);
		const { base, eventId } = seeded.groups;
		for (const path of [
			`${base}/events/${eventId}`,
			`${base}/events/${eventId}/minutes`,
			`${base}/review`
		]) {
			const page = await admin.get(path);
			expect(page.status, path).toBe(200);
			// The politician's dots stay among the merged groups, together with the administration's.
			expect(page.body, path).toContain(merged);
			expect(page.body, path).toContain('Zivilgesellschaft 10');
			expect(page.body, path).not.toContain('Politik 2');
			expect(page.body, path).not.toContain('Verwaltung 10');
			expect(page.body, path).toContain('mindestens 5 Personen');
		}
	});

	it('merge them on the measure that came from the result', async () => {
		const admin = await signedIn(seeded.admin);
		const page = await admin.get(`${seeded.groups.base}/measures/${seeded.groups.measureId}`);
		expect(page.status).toBe(200);
		expect(page.body).toMatch(/weitere Gruppen \(zusammengefasst\):\s*Punkte: 2 · Personen: 1/);
		expect(page.body).not.toMatch(/Politik:\s*Punkte/);
	});

	it('merge them in the CSV, leaving the small groups’ own columns empty', async () => {
		const admin = await signedIn(seeded.admin);
		const { base, eventId, activityId } = seeded.groups;
		const csv = await admin.get(`${base}/events/${eventId}/activities/${activityId}/results.csv`);
		expect(csv.status).toBe(200);
		const [header, ...rows] = csv.body.replace('\uFEFF', '').split('\r\n');
		const columns = header!.split(';');
		const jobcafe = rows.find((row) => row.includes('Jobcafé'))!.split(';');
		const cell = (name: string) => jobcafe[columns.indexOf(name)];
		expect(cell('Punkte: Politik')).toBe('');
		expect(cell('Abstimmende: Politik')).toBe('');
		expect(cell('Punkte: Verwaltung')).toBe('');
		expect(cell('Punkte: Zivilgesellschaft')).toBe('0');
		expect(cell('Punkte: weitere Gruppen (zusammengefasst)')).toBe('2');
		expect(cell('Abstimmende: weitere Gruppen (zusammengefasst)')).toBe('1');
	});

	it('merge them in the minutes as a Word file', async () => {
		const admin = await signedIn(seeded.admin);
		const { base, eventId } = seeded.groups;
		const response = await fetch(`${server.url}${base}/events/${eventId}/minutes/protokoll.docx`, {
			headers: { cookie: `${sessionCookieName}=${admin.cookie(sessionCookieName)}` }
		});
		expect(response.status).toBe(200);
		const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
		const document = strFromU8(files['word/document.xml']!);
		expect(document).toContain(merged);
		expect(document).not.toContain('Politik 2');
		expect(document).toContain('mindestens 5 Personen');
	});
});

describe('retention', () => {
	const asPhone = (path: string, token: string, init: RequestInit = {}) =>
		fetch(`${server.url}${path}`, {
			...init,
			redirect: 'manual',
			headers: {
				...init.headers,
				accept: 'text/html',
				cookie: `${participantCookieName}=${token}`,
				origin: server.url
			}
		});

	it('unlinks phones from their ideas and dots after the period, and results stay', async () => {
		// The server anonymises when it starts (before its first answer) and then every hour.
		expect((await new Visitor(server.url).get('/login')).status).toBe(200);
		const db = server.db();
		// (A phone may have joined since, when the event was opened again in the next test.)
		const participants = db
			.select()
			.from(table.participant)
			.where(eq(table.participant.eventId, seeded.old.eventId))
			.all()
			.filter((participant) => participant.anonymisedAt !== null);
		expect(participants).toHaveLength(3);
		for (const participant of participants) {
			expect(seeded.old.participantIds).not.toContain(participant.id);
			expect(participant).toMatchObject({ displayName: null, category: null });
		}
		// Live events and those still within the period keep theirs.
		expect(
			db
				.select()
				.from(table.participant)
				.where(eq(table.participant.eventId, seeded.groups.eventId))
				.all()
				.every((p) => p.category !== null && p.anonymisedAt === null)
		).toBe(true);

		const admin = await signedIn(seeded.admin);
		const { base, eventId, activityId } = seeded.old;
		const csv = await admin.get(`${base}/events/${eventId}/activities/${activityId}/results.csv`);
		expect(csv.body).toContain('Sprachcafé;;4;2;');
		expect((await admin.get(`${base}/events/${eventId}`)).status).toBe(200);
		expect((await admin.get(`${base}/events/${eventId}/minutes`)).status).toBe(200);
		expect((await admin.get(`${base}/review`)).body).toContain('Sprachcafé');
	});

	it('treats an old phone as a new one when its event is opened again', async () => {
		const { code, token, eventId } = seeded.old;
		const closed = await asPhone(`/${code}`, token);
		expect(closed.status).toBe(200);
		expect(await closed.text()).toContain('Der Beitritt zu dieser Veranstaltung ist geschlossen.');

		server
			.db()
			.update(table.event)
			.set({ status: 'live', startsAt: `${tomorrow()}T17:00`, endsAt: `${tomorrow()}T20:00` })
			.where(eq(table.event.id, eventId))
			.run();
		const page = await asPhone(`/${code}`, token);
		expect(page.status).toBe(200);
		const body = await page.text();
		expect(body).toContain('Ihre Daten');
		expect(body).toContain('name="displayName"');

		const joined = await asPhone(`/${code}?/join`, token, {
			method: 'POST',
			body: new URLSearchParams({ displayName: '', category: '' }).toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		});
		expect(joined.status).toBe(303);
		const cookie = joined.headers.getSetCookie().find((c) => c.startsWith(participantCookieName));
		expect(cookie).toBeDefined();
		expect(cookie).not.toContain(token);
		expect(
			server
				.db()
				.select()
				.from(table.participant)
				.where(eq(table.participant.eventId, eventId))
				.all()
		).toHaveLength(4);
	});
});
