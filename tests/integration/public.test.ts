/**
 * The public pages of a process over HTTP: what the public may see of workshops, minutes and the
 * adopted concept (and what it never sees), and the public comment period with its moderation.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeasure } from '../../src/lib/server/concept/measures';
import { saveVersion } from '../../src/lib/server/concept/versions';
import { addStep } from '../../src/lib/server/council/steps';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { createEvent } from '../../src/lib/server/events/events';
import {
	addItem,
	approveMinutes,
	draftMinutes,
	reviseMinutes,
	submitMinutes,
	updateSummary
} from '../../src/lib/server/minutes/minutes';
import { recordUpdate } from '../../src/lib/server/monitoring/monitoring';
import { addField, listFields } from '../../src/lib/server/process/fields';
import { createProcess } from '../../src/lib/server/process/processes';
import { setCommentPeriod } from '../../src/lib/server/public/comments';
import { commentBudget } from '../../src/lib/server/public/throttle';
import { todayIn } from '../../src/lib/server/time';
import { createActivity } from '../../src/lib/server/workshop/activities';
import { councilStep, createMember, createTestOrganisation, testPassword } from '../factories';
import { seedVotedWorkshop } from '../workshop-factory';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
const dayFrom = (days: number) => todayIn(undefined, new Date(Date.now() + days * 86_400_000));

const seeded = {
	org: '',
	admin: '',
	steering: '',
	moderator: '',
	outsider: '',
	/** The process whose comment period is open. */
	open: {
		slug: '',
		id: 0,
		fieldId: 0,
		measureId: 0,
		publicEventId: 0,
		internalEventId: 0,
		draftEventId: 0
	},
	/** A process whose period has ended. */
	closed: { slug: '', measureId: 0 },
	/** An adopted concept of 180 measures. */
	adopted: { slug: '', measureId: 0 }
};

function publicProcess(db: Db, organisationId: number, title: string) {
	const process = createProcess(db, {
		organisationId,
		title,
		description: '',
		template: 'empty',
		startsOn: '2026-01-01'
	});
	return db
		.update(table.process)
		.set({ isPublic: true })
		.where(eq(table.process.id, process.id))
		.returning()
		.get();
}

function event(db: Db, processId: number, title: string, isPublic: boolean) {
	return createEvent(db, processId, {
		title,
		description: '',
		place: 'Rathaus',
		startsAt: '2026-03-01T17:00',
		endsAt: '2026-03-01T20:00',
		isPublic,
		status: 'closed',
		bodyId: null,
		phaseId: null
	});
}

function measureIn(db: Db, processId: number, fieldId: number, title: string, description = '') {
	return createMeasure(db, processId, {
		fieldOfActionId: fieldId,
		goalId: null,
		title,
		description,
		lead: 'Integrationsbüro',
		parties: { addressees: [], partners: [] },
		timeframe: 'short',
		periodStart: null,
		periodEnd: null,
		costCents: null,
		costKind: 'one_off',
		costYears: [],
		budgetReservation: false,
		costEstimate: '',
		funding: 'open',
		fundingName: '',
		priority: 'medium',
		status: 'adopted',
		plannedYear: null
	})!;
}

async function seed(db: Db) {
	const org = createTestOrganisation(db, 'Stadt Landau');
	seeded.org = org.slug;
	const admin = await createMember(db, org.id, 'admin');
	seeded.admin = admin.email;
	seeded.steering = (await createMember(db, org.id, 'steering_member')).email;
	seeded.moderator = (await createMember(db, org.id, 'moderator')).email;
	const other = createTestOrganisation(db, 'Landkreis Anderswo');
	seeded.outsider = (await createMember(db, other.id, 'admin')).email;

	// The open process: a public workshop with revealed results, one not yet revealed, an
	// internal event, approved minutes with a later draft revision, and minutes only drafted.
	const open = publicProcess(db, org.id, 'Integrationskonzept 2.0');
	addField(db, open.id, { code: '1', title: 'Sprache und Bildung', description: '' });
	const fieldId = listFields(db, open.id)[0]!.id;
	const measure = measureIn(db, open.id, fieldId, 'Sprachcafés in den Stadtteilen');
	const publicEvent = event(db, open.id, 'Fachkonferenz Sprache', true);
	const voted = seedVotedWorkshop(db, publicEvent.id, [
		'civil_society',
		'civil_society',
		'civil_society',
		'civil_society',
		'civil_society',
		'business'
	]);
	db.insert(table.idea)
		.values({
			activityId: voted.activity.id,
			text: 'VERBORGENE IDEE',
			language: 'de',
			hidden: true
		})
		.run();
	const unrevealed = createActivity(db, publicEvent.id, {
		question: 'NOCH GEHEIME FRAGE',
		fieldOfActionId: null,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 2,
		namedIdeas: false
	});
	db.insert(table.idea)
		.values({ activityId: unrevealed.id, text: 'UNENTHUELLTE IDEE', language: 'de' })
		.run();
	const minutes = draftMinutes(db, publicEvent.id);
	updateSummary(db, publicEvent.id, minutes.id, 'ÖFFENTLICHE ZUSAMMENFASSUNG');
	addItem(db, publicEvent.id, minutes.id, {
		kind: 'decision',
		title: 'BESCHLUSS SPRACHCAFÉ',
		owner: '',
		dueOn: null
	});
	addItem(db, publicEvent.id, minutes.id, {
		kind: 'task',
		title: 'INTERNE AUFGABE',
		owner: 'Frau Beispiel',
		dueOn: null
	});
	submitMinutes(db, publicEvent.id, minutes.id);
	approveMinutes(db, publicEvent.id, minutes.id, admin);
	const revision = reviseMinutes(db, publicEvent.id, minutes.id, {
		reason: 'Tippfehler',
		author: admin
	});
	if (!revision || !('id' in revision)) throw new Error('no revision');
	updateSummary(db, publicEvent.id, revision.id, 'ENTWURF DER KORREKTUR');

	const internalEvent = event(db, open.id, 'INTERNE SITZUNG', false);
	const internalWorkshop = seedVotedWorkshop(db, internalEvent.id, ['politics']);
	db.update(table.idea)
		.set({ text: 'INTERNE IDEE' })
		.where(eq(table.idea.id, internalWorkshop.ideas[0]!.id))
		.run();
	const internalMinutes = draftMinutes(db, internalEvent.id);
	updateSummary(db, internalEvent.id, internalMinutes.id, 'INTERNES PROTOKOLL');
	submitMinutes(db, internalEvent.id, internalMinutes.id);
	approveMinutes(db, internalEvent.id, internalMinutes.id, admin);

	const draftEvent = event(db, open.id, 'Fachkonferenz Wohnen', true);
	const drafted = draftMinutes(db, draftEvent.id);
	updateSummary(db, draftEvent.id, drafted.id, 'NUR IM ENTWURF');
	setCommentPeriod(db, open.id, { opensOn: dayFrom(-1), closesOn: dayFrom(10) });
	seeded.open = {
		slug: open.slug,
		id: open.id,
		fieldId,
		measureId: measure.id,
		publicEventId: publicEvent.id,
		internalEventId: internalEvent.id,
		draftEventId: draftEvent.id
	};

	const closed = publicProcess(db, org.id, 'Integrationskonzept 1.0');
	addField(db, closed.id, { code: '1', title: 'Arbeit', description: '' });
	const closedMeasure = measureIn(db, closed.id, listFields(db, closed.id)[0]!.id, 'Jobcafé');
	setCommentPeriod(db, closed.id, { opensOn: dayFrom(-20), closesOn: dayFrom(-1) });
	seeded.closed = { slug: closed.slug, measureId: closedMeasure.id };

	const adopted = publicProcess(db, org.id, 'Integrationskonzept Konstanz');
	const description = 'Beschreibung einer Maßnahme, wie sie im Konzept steht. '.repeat(4);
	let firstMeasure = 0;
	for (let f = 1; f <= 12; f++) {
		addField(db, adopted.id, { code: String(f), title: `Handlungsfeld ${f}`, description: '' });
	}
	for (const field of listFields(db, adopted.id)) {
		for (let n = 1; n <= 15; n++) {
			const made = measureIn(db, adopted.id, field.id, `Maßnahme ${field.code}.${n}`, description);
			firstMeasure ||= made.id;
		}
	}
	const version = saveVersion(
		db,
		adopted,
		org.name,
		{ introduction: 'Einleitung', note: '' },
		admin
	);
	addStep(
		db,
		adopted.id,
		version.id,
		councilStep({ bodyName: 'Gemeinderat', meetingOn: dayFrom(-30) }),
		admin
	);
	recordUpdate(
		db,
		adopted.id,
		firstMeasure,
		{ recordedOn: dayFrom(-1), status: 'done', note: '', percentDone: 100 },
		admin
	);
	seeded.adopted = { slug: adopted.slug, measureId: firstMeasure };
}

beforeAll(async () => {
	server = await startServer({ seed, env: { ADDRESS_HEADER: 'x-forwarded-for' } });
});

afterAll(() => server?.stop());

let lastAddress = 0;
/** A visitor from an address of its own, so that tests do not share a throttle budget. */
const visitor = (language = 'de') =>
	new Visitor(server.url, language, { 'x-forwarded-for': `203.0.113.${++lastAddress}` });

async function staff(email: string) {
	const client = visitor();
	const reply = await client.login(email, testPassword);
	expect(reply.status, reply.body).toBe(303);
	return client;
}

const publicPage = (slug = seeded.open.slug) => `/beteiligung/${seeded.org}/${slug}`;
const moderation = (slug = seeded.open.slug) => `/o/${seeded.org}/p/${slug}/public-comments`;

function commentsIn(db: Db, processId: number) {
	return db
		.select()
		.from(table.publicComment)
		.where(eq(table.publicComment.processId, processId))
		.all();
}

describe('the public page', () => {
	it('shows revealed results of public workshops, and nothing else of them', async () => {
		const page = await visitor().get(publicPage());
		expect(page.status).toBe(200);
		expect(page.body).toContain('Was hilft beim Ankommen?');
		expect(page.body).toContain('Sprachcafé');
		expect(page.body).toContain('12 Punkte');
		for (const hidden of [
			'VERBORGENE IDEE',
			'NOCH GEHEIME FRAGE',
			'UNENTHUELLTE IDEE',
			'INTERNE SITZUNG',
			'INTERNE IDEE',
			'Telefon 1',
			'INTERNES PROTOKOLL',
			'NUR IM ENTWURF'
		]) {
			expect(page.body, hidden).not.toContain(hidden);
		}
		// No breakdown by group at all, so none below the threshold.
		expect(page.body).not.toMatch(/Wirtschaft|Zivilgesellschaft|Weitere Gruppen/);
		expect(page.body).toContain(`/protokoll/${seeded.open.publicEventId}`);
		expect(page.body).not.toContain(`/protokoll/${seeded.open.internalEventId}`);
	});

	it("shows a public event's approved minutes, never a draft or an internal event's", async () => {
		const client = visitor();
		const base = `${publicPage()}/protokoll`;
		const approved = await client.get(`${base}/${seeded.open.publicEventId}`);
		expect(approved.status).toBe(200);
		expect(approved.body).toContain('ÖFFENTLICHE ZUSAMMENFASSUNG');
		expect(approved.body).toContain('BESCHLUSS SPRACHCAFÉ');
		expect(approved.body).toContain('Sprachcafé');
		for (const hidden of ['ENTWURF DER KORREKTUR', 'INTERNE AUFGABE', 'Frau Beispiel', 'Telefon']) {
			expect(approved.body, hidden).not.toContain(hidden);
		}
		const pending = await client.get(`${base}/${seeded.open.draftEventId}`);
		expect(pending.status).toBe(200);
		expect(pending.body).not.toContain('NUR IM ENTWURF');
		expect((await client.get(`${base}/${seeded.open.internalEventId}`)).status).toBe(404);
		expect((await client.get(`${base}/999999`)).status).toBe(404);
		expect((await client.get(`${base}/abc`)).status).toBe(404);
	});

	it('speaks the seven languages, right to left in Arabic', async () => {
		const arabic = await visitor('ar').get(publicPage());
		expect(arabic.body).toContain('dir="rtl"');
		expect(arabic.body).toContain('نتائج ورش العمل العامة');
		// What staff typed stays as written.
		expect(arabic.body).toContain('Sprachcafés in den Stadtteilen');
		const english = await visitor('en').get(publicPage());
		expect(english.body).toContain('Results of the public workshops');
	});

	it('shows the adopted concept with each measure’s status today, light at 180 measures', async () => {
		const page = await visitor().get(publicPage(seeded.adopted.slug));
		expect(page.status).toBe(200);
		expect(page.body).toContain('Das beschlossene Konzept');
		expect(page.body).toContain('Gemeinderat');
		expect(page.body).toContain('Maßnahme 12.15');
		expect(page.body).toContain('Umgesetzt');
		expect(page.body.length).toBeLessThan(300_000);
	});
});

describe('public comments', () => {
	const comment = (fields: Record<string, string>) => ({
		target: `measure:${seeded.open.measureId}`,
		name: '',
		text: 'Bitte auch samstags.',
		website: '',
		...fields
	});

	it('are held, published, answered, and then shown with the answer', async () => {
		const db = server.db();
		const reply = await visitor().post(
			`${publicPage()}?/comment`,
			comment({ name: 'Nachbarin', text: 'SAMSTAGS BITTE' })
		);
		expect(reply.status, reply.body).toBe(200);
		const stored = commentsIn(db, seeded.open.id).find((c) => c.body === 'SAMSTAGS BITTE')!;
		expect(stored.status).toBe('held');
		expect((await visitor().get(publicPage())).body).not.toContain('SAMSTAGS BITTE');

		const admin = await staff(seeded.admin);
		expect((await admin.post(`${moderation()}?/publish`, { id: String(stored.id) })).status).toBe(
			200
		);
		const answered = await admin.post(`${moderation()}?/answer`, {
			id: String(stored.id),
			verdict: 'partly_adopted',
			answer: 'SAMSTAGS IN ZWEI STADTTEILEN'
		});
		expect(answered.status, answered.body).toBe(200);
		const page = await visitor().get(publicPage());
		expect(page.body).toContain('SAMSTAGS BITTE');
		expect(page.body).toContain('Nachbarin');
		expect(page.body).toContain('teilweise übernommen');
		expect(page.body).toContain('SAMSTAGS IN ZWEI STADTTEILEN');

		const concept = await admin.get(`/o/${seeded.org}/p/${seeded.open.slug}/concept`);
		expect(concept.body).toContain(`public-comments?zu=measure%3A${seeded.open.measureId}`);
		const filtered = await admin.get(`${moderation()}?zu=measure:${seeded.open.measureId}`);
		expect(filtered.body).toContain('SAMSTAGS BITTE');
	});

	it('are rejected only after a confirmation', async () => {
		const db = server.db();
		await visitor().post(`${publicPage()}?/comment`, comment({ text: 'ZUM ABLEHNEN' }));
		const stored = commentsIn(db, seeded.open.id).find((c) => c.body === 'ZUM ABLEHNEN')!;
		const admin = await staff(seeded.admin);
		const asked = await admin.post(`${moderation()}?/reject`, { id: String(stored.id) });
		expect(asked.status).toBe(409);
		expect(asked.body).toContain('Diesen Kommentar ablehnen?');
		expect(commentsIn(db, seeded.open.id).find((c) => c.id === stored.id)!.status).toBe('held');
		const done = await admin.post(`${moderation()}?/reject`, {
			id: String(stored.id),
			confirmed: 'on'
		});
		expect(done.status).toBe(200);
		expect(commentsIn(db, seeded.open.id).find((c) => c.id === stored.id)!.status).toBe('rejected');
		// A rejected comment cannot be published or answered.
		expect((await admin.post(`${moderation()}?/publish`, { id: String(stored.id) })).status).toBe(
			409
		);
	});

	it('thank a form-filling script and store nothing', async () => {
		const before = commentsIn(server.db(), seeded.open.id).length;
		const reply = await visitor().post(
			`${publicPage()}?/comment`,
			comment({ text: 'SPAM', website: 'https://spam.example' })
		);
		expect(reply.status).toBe(200);
		expect(commentsIn(server.db(), seeded.open.id)).toHaveLength(before);
	});

	it('clean hostile text and show it as text', async () => {
		const hostile = '<script>alert(1)</script>\u202eevil\u0007 <img src=x onerror=alert(2)>';
		const reply = await visitor().post(`${publicPage()}?/comment`, comment({ text: hostile }));
		expect(reply.status).toBe(200);
		const stored = commentsIn(server.db(), seeded.open.id).find((c) =>
			c.body.includes('alert(1)')
		)!;
		expect(stored.body).toBe('<script>alert(1)</script>evil <img src=x onerror=alert(2)>');
		const admin = await staff(seeded.admin);
		await admin.post(`${moderation()}?/publish`, { id: String(stored.id) });
		const page = await visitor().get(publicPage());
		expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
		expect(page.body).not.toContain('<script>alert(1)');
		expect(page.body).not.toContain('<img src=x');
	});

	it('refuse empty, overlong and unknown targets', async () => {
		const client = visitor();
		expect((await client.post(`${publicPage()}?/comment`, comment({ text: ' ' }))).status).toBe(
			400
		);
		expect(
			(await client.post(`${publicPage()}?/comment`, comment({ text: 'x'.repeat(2001) }))).status
		).toBe(400);
		expect(
			(await client.post(`${publicPage()}?/comment`, comment({ target: 'goal:1' }))).status
		).toBe(400);
		const elsewhere = await client.post(
			`${publicPage()}?/comment`,
			comment({ target: `measure:${seeded.closed.measureId}` })
		);
		expect(elsewhere.status).toBe(404);
	});

	it('are refused, translated, when the period is not open', async () => {
		const reply = await visitor('en').post(
			`${publicPage(seeded.closed.slug)}?/comment`,
			comment({ target: `measure:${seeded.closed.measureId}` })
		);
		expect(reply.status).toBe(409);
		expect(reply.body).toContain('the public comment period is not open');
	});

	it('are throttled per address', async () => {
		const client = visitor();
		const statuses: number[] = [];
		for (let i = 0; i <= commentBudget.points; i++) {
			const reply = await client.post(`${publicPage()}?/comment`, comment({ text: `Nummer ${i}` }));
			statuses.push(reply.status);
		}
		expect(statuses.slice(0, commentBudget.points).every((status) => status === 200)).toBe(true);
		expect(statuses.at(-1)).toBe(429);
		expect((await visitor().post(`${publicPage()}?/comment`, comment({}))).status).toBe(200);
	});

	it('are moderated only by process owners and administrators of the organisation', async () => {
		await visitor().post(`${publicPage()}?/comment`, comment({ text: 'GESCHÜTZT' }));
		const stored = commentsIn(server.db(), seeded.open.id).find((c) => c.body === 'GESCHÜTZT')!;
		const body = { id: String(stored.id) };
		for (const email of [seeded.steering, seeded.moderator]) {
			expect((await (await staff(email)).post(`${moderation()}?/publish`, body)).status).toBe(403);
		}
		expect(
			(await (await staff(seeded.outsider)).post(`${moderation()}?/publish`, body)).status
		).toBe(404);
		// Another process's comment is not found through this one.
		const admin = await staff(seeded.admin);
		expect((await admin.post(`${moderation(seeded.closed.slug)}?/publish`, body)).status).toBe(404);
		expect((await admin.post(`${moderation(seeded.closed.slug)}?/reject`, body)).status).toBe(404);
		expect(commentsIn(server.db(), seeded.open.id).find((c) => c.id === stored.id)!.status).toBe(
			'held'
		);
		const steering = await staff(seeded.steering);
		expect((await steering.get(moderation())).body).toContain('GESCHÜTZT');
	});

	it('stand beside the draft for the steering group: text, state and answer, rejected ones not', async () => {
		const db = server.db();
		const target = comment({});
		const post = async (text: string, name = '') => {
			const reply = await visitor().post(`${publicPage()}?/comment`, { ...target, text, name });
			expect(reply.status).toBe(200);
			return commentsIn(db, seeded.open.id).find((c) => c.body === text)!;
		};
		const waiting = await post('NEBEN DEM ENTWURF ZU PRÜFEN');
		const answered = await post('NEBEN DEM ENTWURF BEANTWORTET', 'Quartiersbüro Horst');
		const rejected = await post('NEBEN DEM ENTWURF ABGELEHNT');
		const admin = await staff(seeded.admin);
		await admin.post(`${moderation()}?/publish`, { id: String(answered.id) });
		await admin.post(`${moderation()}?/answer`, {
			id: String(answered.id),
			verdict: 'not_adopted',
			answer: 'DAFÜR FEHLT DAS GELD'
		});
		await admin.post(`${moderation()}?/reject`, { id: String(rejected.id), confirmed: 'on' });

		expect(waiting.status).toBe('held');
		const steering = await staff(seeded.steering);
		const concept = await steering.get(`/o/${seeded.org}/p/${seeded.open.slug}/concept`);
		expect(concept.status).toBe(200);
		const beside = concept.body.slice(concept.body.indexOf('id="public-comments-beside-draft"'));
		expect(beside).toContain('Öffentliche Kommentare zum Entwurf');
		// One closed disclosure per measure, named by its number and title.
		expect(beside).toMatch(
			/<details class="target[^"]*">\s*<summary[^>]*>\s*<span dir="auto">[^<]*Sprachcafés in den Stadtteilen<\/span>/
		);
		expect(beside).not.toMatch(/<details[^>]* open/);
		expect(beside).toContain('NEBEN DEM ENTWURF ZU PRÜFEN');
		expect(beside).toContain('zu prüfen');
		expect(beside).toContain('NEBEN DEM ENTWURF BEANTWORTET');
		expect(beside).toContain('Quartiersbüro Horst');
		expect(beside).toContain('Antwort: nicht übernommen');
		expect(beside).toContain('DAFÜR FEHLT DAS GELD');
		expect(concept.body).not.toContain('NEBEN DEM ENTWURF ABGELEHNT');
		expect(beside).toContain(`public-comments?zu=measure%3A${seeded.open.measureId}`);
		// Another organisation sees none of it.
		const outsider = await staff(seeded.outsider);
		const foreign = await outsider.get(`/o/${seeded.org}/p/${seeded.open.slug}/concept`);
		expect(foreign.status).toBe(404);
		expect(foreign.body).not.toContain('NEBEN DEM ENTWURF');
	});

	it('let staff set the period, first day before the last', async () => {
		const admin = await staff(seeded.admin);
		const wrong = await admin.post(`${moderation(seeded.closed.slug)}?/period`, {
			opensOn: '2026-05-10',
			closesOn: '2026-05-01'
		});
		expect(wrong.status).toBe(400);
		const right = await admin.post(`${moderation(seeded.closed.slug)}?/period`, {
			opensOn: dayFrom(-20),
			closesOn: dayFrom(-1)
		});
		expect(right.status).toBe(200);
	});
});
