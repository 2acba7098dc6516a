import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGoal, createMeasure, type MeasureInput } from '../../src/lib/server/concept/measures';
import type { Db } from '../../src/lib/server/db';
import { addIndicator } from '../../src/lib/server/monitoring/indicators';
import * as table from '../../src/lib/server/db/schema';
import { createActivity, moveToStage } from '../../src/lib/server/workshop/activities';
import { submitIdea } from '../../src/lib/server/workshop/ideas';
import { joinEvent } from '../../src/lib/server/workshop/participants';
import { placeDot } from '../../src/lib/server/workshop/votes';
import { addField, listFields } from '../../src/lib/server/process/fields';
import { createRevision } from '../../src/lib/server/process/processes';
import { createMember, createTestEvent, createTestOrganisation, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';

const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';

let server: TestServer;
const seeded = {
	base: '',
	processId: 0,
	activityId: 0,
	ideaId: 0,
	fieldIds: [] as number[],
	otherGoalId: 0,
	moderator: '',
	steering: '',
	stranger: '',
	/** A measure whose original is in another organisation, and one whose original is not. */
	linked: { foreign: '', own: '', ownOrigin: '' }
};

const foreignTitle = 'Vorläufer des Nachbarkreises';

/**
 * A Fortschreibung's copied measure remembers its original. One whose original lies in another
 * organisation (as a bad import or a hand-edited database could leave it) must not show it,
 * nor a continuation the other organisation made of one of ours.
 */
function seedRevisionLinks(
	db: Db,
	organisation: { id: number; slug: string },
	strangerOrganisationId: number
) {
	const plain = (fieldOfActionId: number, title: string): MeasureInput => ({
		fieldOfActionId,
		goalId: null,
		title,
		description: '',
		lead: '',
		timeframe: 'short',
		costEstimate: '',
		funding: 'open',
		priority: 'medium',
		status: 'proposed'
	});
	const other = createTestEvent(db, strangerOrganisationId).process;
	addField(db, other.id, { code: '1', title: 'Sprache', description: '' });
	const foreign = createMeasure(
		db,
		other.id,
		plain(listFields(db, other.id)[0]!.id, foreignTitle)
	)!;

	const old = createTestEvent(db, organisation.id, 'Fachkonferenz 2011').process;
	addField(db, old.id, { code: '1', title: 'Sprache', description: '' });
	const ownOrigin = createMeasure(
		db,
		old.id,
		plain(listFields(db, old.id)[0]!.id, 'Sprachpaten 2011')
	)!;
	const revision = createRevision(db, old, {
		title: 'Integrationskonzept 2.0',
		description: '',
		template: 'empty',
		startsOn: '2027-01-01'
	});
	const copy = db
		.select()
		.from(table.measure)
		.where(eq(table.measure.processId, revision.id))
		.get()!;
	const crossed = createMeasure(db, revision.id, plain(copy.fieldOfActionId, 'Sprachpaten neu'))!;
	db.update(table.measure)
		.set({ originMeasureId: foreign.id })
		.where(eq(table.measure.id, crossed.id))
		.run();
	// The other organisation "continues" our original.
	db.update(table.measure)
		.set({ originMeasureId: ownOrigin.id })
		.where(eq(table.measure.id, foreign.id))
		.run();
	const base = (processSlug: string) => `/o/${organisation.slug}/p/${processSlug}/measures`;
	seeded.linked = {
		foreign: `${base(revision.slug)}/${crossed.id}`,
		own: `${base(revision.slug)}/${copy.id}`,
		ownOrigin: `${base(old.slug)}/${ownOrigin.id}`
	};
}

async function seed(db: Db) {
	const org = createTestOrganisation(db, 'Landkreis Wittmund');
	seeded.moderator = (await createMember(db, org.id, 'moderator')).email;
	seeded.steering = (await createMember(db, org.id, 'steering_member')).email;
	const strangerOrganisation = createTestOrganisation(db, 'Anderswo');
	seeded.stranger = (await createMember(db, strangerOrganisation.id, 'admin')).email;
	const { process, event } = createTestEvent(db, org.id);
	seeded.base = `/o/${org.slug}/p/${process.slug}`;
	seeded.processId = process.id;
	addField(db, process.id, { code: '1', title: 'Sprache', description: '' });
	addField(db, process.id, { code: '2', title: 'Arbeit', description: '' });
	seeded.fieldIds = listFields(db, process.id).map((f) => f.id);
	seeded.otherGoalId = addGoal(db, process.id, seeded.fieldIds[0]!, {
		title: 'Sprachkurse für alle'
	})!.id;

	let activity = createActivity(db, event.id, {
		question: 'Was fehlt?',
		fieldOfActionId: seeded.fieldIds[1]!,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 3,
		namedIdeas: false
	});
	seeded.activityId = activity.id;
	const phone = joinEvent(db, event.id, {
		displayName: null,
		category: 'volunteers',
		locale: 'de'
	});
	const idea = submitIdea(db, activity, {
		participantId: phone.participant.id,
		clientId: 'h',
		text: hostile,
		language: 'de'
	});
	if (!idea.ok) throw new Error(idea.error);
	seeded.ideaId = idea.value.idea.id;
	for (const stage of ['clustering', 'voting'] as const) {
		const moved = moveToStage(db, activity, stage);
		if (!moved.ok) throw new Error(moved.error);
		activity = moved.value;
	}
	placeDot(db, activity, phone.participant.id, 'd', { kind: 'idea', id: seeded.ideaId });
	moveToStage(db, activity, 'revealed');
	seedRevisionLinks(db, org, strangerOrganisation.id);
}

beforeAll(async () => {
	server = await startServer({ seed });
});

afterAll(() => server.stop());

async function signedIn(email: string) {
	const visitor = new Visitor(server.url);
	await visitor.login(email, testPassword);
	return visitor;
}

const measureFields = (overrides: Record<string, string> = {}) => ({
	fieldOfActionId: String(seeded.fieldIds[1]),
	goalId: '',
	title: hostile,
	description: 'Zeile 1\n<b>Zeile 2</b>',
	lead: 'jobcenter',
	timeframe: 'short',
	costEstimate: '',
	funding: 'application',
	priority: 'high',
	status: 'proposed',
	...overrides
});

describe('measures over HTTP', () => {
	it('adopts a result with a hostile text, and shows it escaped everywhere', async () => {
		const moderator = await signedIn(seeded.moderator);
		const adopt = `${seeded.base}/measures/new?activity=${seeded.activityId}&target=idea:${seeded.ideaId}`;
		const form = await moderator.get(adopt);
		expect(form.status).toBe(200);
		expect(form.body).not.toContain('<script>alert');
		expect(form.body).toContain('&lt;script>alert');
		expect(form.body).toContain('Punkte: 1 · Personen: 1');

		const saved = await moderator.post(`${seeded.base}/measures/new?/create`, {
			...measureFields(),
			activity: String(seeded.activityId),
			target: `idea:${seeded.ideaId}`
		});
		expect(saved.status).toBe(303);
		expect(saved.location).toMatch(new RegExp(`^${seeded.base}/measures/\\d+$`));
		const page = await moderator.get(saved.location!);
		// Numbered in the result's field, "Arbeit" (2); other tests here add measures to it too.
		expect(page.body).toMatch(/Maßnahme 2\.\d+:/);
		expect(page.body).not.toContain('<script>alert');
		expect(page.body).not.toContain('<b>Zeile 2</b>');
		// One volunteer alone: their group's support is not shown apart (MIN_GROUP_SIZE).
		expect(page.body.replace(/\s+/g, ' ')).not.toContain('Ehrenamt: Punkte');
		expect(page.body).toContain('Punkte: 1 · Personen: 1');
	});

	it('refuses a goal of another field with a message, and unknown results', async () => {
		const moderator = await signedIn(seeded.moderator);
		const refused = await moderator.post(`${seeded.base}/measures/new?/create`, {
			...measureFields({ title: 'Jobcafé', goalId: String(seeded.otherGoalId) })
		});
		expect(refused.status).toBe(400);
		expect(refused.body).toContain('Nur Ziele desselben Handlungsfelds.');

		const bad = await moderator.post(`${seeded.base}/measures/new?/create`, {
			...measureFields({ title: '', timeframe: 'bald' })
		});
		expect(bad.status).toBe(400);
		expect(bad.body).toContain('Bitte füllen Sie dieses Feld aus.');
		expect(bad.body).toContain('Bitte wählen Sie eine der angebotenen Möglichkeiten.');

		expect(
			(await moderator.get(`${seeded.base}/measures/new?activity=999&target=idea:1`)).status
		).toBe(404);
		expect(
			(await moderator.get(`${seeded.base}/measures/new?activity=x&target=person:1`)).status
		).toBe(404);
	});

	it('lets the steering group read measures but not change them; others see nothing', async () => {
		const steering = await signedIn(seeded.steering);
		const catalogue = await steering.get(`${seeded.base}/measures`);
		expect(catalogue.status).toBe(200);
		expect(catalogue.body).not.toContain('Neue Maßnahme');
		expect(
			(await steering.post(`${seeded.base}/measures/new?/create`, measureFields())).status
		).toBe(403);

		const stranger = await signedIn(seeded.stranger);
		expect((await stranger.get(`${seeded.base}/measures`)).status).toBe(404);
	});
});

/** A link to the page, as SvelteKit writes it (relative to the page), with the text. */
const linkTo = (path: string, text: string) =>
	new RegExp(`href="[./]*${path.slice(1)}">[^<]*${text}`);

describe('links between Fortschreibungen over HTTP', () => {
	it('never link a measure of another organisation, nor name it', async () => {
		const moderator = await signedIn(seeded.moderator);
		const own = await moderator.get(seeded.linked.own);
		expect(own.status).toBe(200);
		// The original in the organisation is linked, to show what the check below would see.
		expect(own.body).toContain('Fortschreibung von:');
		expect(own.body).toMatch(linkTo(seeded.linked.ownOrigin, 'Sprachpaten 2011'));

		const crossed = await moderator.get(seeded.linked.foreign);
		expect(crossed.status).toBe(200);
		expect(crossed.body).toContain('Sprachpaten neu');
		expect(crossed.body).not.toContain('Fortschreibung von:');
		expect(crossed.body).not.toContain(foreignTitle);
		// Not in the page's data either: no address of the other organisation.
		expect(crossed.body).not.toContain('/o/anderswo/');

		// Our original lists our own continuation only, not the other organisation's.
		const original = await moderator.get(seeded.linked.ownOrigin);
		expect(original.body).toContain('Fortgeschrieben als:');
		expect(original.body).toMatch(linkTo(seeded.linked.own, 'Sprachpaten 2011'));
		expect(original.body).not.toContain(foreignTitle);
		expect(original.body).not.toContain('/o/anderswo/');
		expect(original.body.split('Fortgeschrieben als:')).toHaveLength(2);
	});
});

describe('the concept over HTTP', () => {
	it('takes steering group comments, escaped, which the process owner resolves', async () => {
		const steering = await signedIn(seeded.steering);
		const commented = await steering.post(`${seeded.base}/concept?/comment`, {
			target: 'introduction',
			body: hostile
		});
		expect(commented.status).toBe(200);
		expect(commented.body).toContain('Ihr Kommentar ist gespeichert.');
		const page = await steering.get(`${seeded.base}/concept`);
		expect(page.body).not.toContain('<script>alert');
		expect(page.body).toContain('&lt;script>alert');
		expect(page.body).not.toContain('Als erledigt markieren');

		const elsewhere = await steering.post(`${seeded.base}/concept?/comment`, {
			target: 'measure:99999',
			body: 'Wohin?'
		});
		expect(elsewhere.status).toBe(400);
		expect(elsewhere.body).toContain('Bitte wählen Sie eine der angebotenen Möglichkeiten.');

		// Moderators run workshops; commenting on the concept is the steering group's.
		const moderator = await signedIn(seeded.moderator);
		expect(
			(await moderator.post(`${seeded.base}/concept?/comment`, { target: 'guidelines', body: 'x' }))
				.status
		).toBe(403);
		expect(
			(await steering.post(`${seeded.base}/concept?/save`, { introduction: '', note: '' })).status
		).toBe(403);
	});

	it('lets a goal be corrected', async () => {
		const moderator = await signedIn(seeded.moderator);
		const saved = await moderator.post(`${seeded.base}/measures?/updateGoal`, {
			id: String(seeded.otherGoalId),
			title: 'Sprachkurse für alle Eltern'
		});
		expect(saved.status).toBe(200);
		addIndicator(server.db(), seeded.processId, seeded.otherGoalId, {
			name: 'Teilnehmende je Jahr',
			unit: 'Personen',
			baselineValue: 80,
			baselineOn: '2025-12-31',
			targetValue: 200,
			targetOn: '2028-12-31'
		});
		const catalogue = await moderator.get(`${seeded.base}/measures`);
		expect(catalogue.body).toContain('Sprachkurse für alle Eltern');
		// The goal lists its indicators from baseline to target, and links to where they are kept.
		expect(catalogue.body).toContain(
			'Teilnehmende je Jahr: 80 Personen → 200 Personen bis 31.12.2028'
		);
		expect(catalogue.body).toContain(`/monitoring/indikatoren#goal-${seeded.otherGoalId}`);
	});
});

describe('implementation monitoring over HTTP', () => {
	it('records dated statuses, refuses bad ones with a message, and exports the catalogue', async () => {
		const moderator = await signedIn(seeded.moderator);
		const saved = await moderator.post(`${seeded.base}/measures/new?/create`, {
			...measureFields({ title: '=Jobcafé', plannedYear: '2025' })
		});
		expect(saved.status).toBe(303);
		const bad = await moderator.post(`${saved.location}?/recordStatus`, {
			recordedOn: '2027-02-30',
			status: 'in_implementation',
			percentDone: '150',
			note: ''
		});
		expect(bad.status).toBe(400);
		expect(bad.body).toContain('Bitte geben Sie eine Zahl von 0 bis 100 ein.');
		const good = await moderator.post(`${saved.location}?/recordStatus`, {
			recordedOn: '2026-02-01',
			status: 'in_implementation',
			percentDone: '40',
			note: 'Erste Termine laufen'
		});
		expect(good.status).toBe(200);
		expect((await moderator.get(saved.location!)).body).toContain('Erste Termine laufen');

		const plan = await moderator.get(`${seeded.base}/monitoring`);
		// Planned for 2025, still under way: flagged as overdue in the yearly plan.
		expect(plan.body).toMatch(/<strong class="flag[^>]*>Überfällig</);
		const csv = await moderator.get(`${seeded.base}/measures/massnahmen.csv`);
		expect(csv.status).toBe(200);
		const row = csv.body.split('\r\n').find((line) => line.includes('Jobcafé'))!;
		expect(row).toContain("'=Jobcafé");
		expect(row).toContain('2026-02-01;40;Erste Termine laufen;×;');
	});
});

describe('harmonising results over HTTP', () => {
	it('is for the steering group, and needs two results and a name', async () => {
		const item = `${seeded.activityId}:idea:${seeded.ideaId}`;
		const steering = await signedIn(seeded.steering);
		const one = await steering.post(`${seeded.base}/review?/link`, { title: 'Thema', items: item });
		expect(one.status).toBe(400);
		expect(one.body).toContain('Bitte markieren Sie mindestens zwei Ergebnisse');
		const moderator = await signedIn(seeded.moderator);
		expect(
			(await moderator.post(`${seeded.base}/review?/link`, { title: 'Thema', items: item })).status
		).toBe(403);
		const page = await steering.get(`${seeded.base}/review`);
		expect(page.body).toContain('Markierte als ein Thema verknüpfen');
	});

	it('asks before dissolving a topic, and answers 404 for one that is not the process’s', async () => {
		const db = server.db();
		const topic = db
			.insert(table.topic)
			.values({ processId: seeded.processId, title: 'Sprachkurse' })
			.returning()
			.get();
		db.insert(table.topicItem)
			.values({
				topicId: topic.id,
				activityId: seeded.activityId,
				targetKind: 'idea',
				targetId: seeded.ideaId
			})
			.run();
		const steering = await signedIn(seeded.steering);
		const ask = await steering.post(`${seeded.base}/review?/unlink`, { topicId: String(topic.id) });
		expect(ask.status).toBe(409);
		expect(ask.body).toContain('Verknüpfung „Sprachkurse“ auflösen?');
		expect(db.select().from(table.topic).where(eq(table.topic.id, topic.id)).get()).toBeDefined();
		const unknown = await steering.post(`${seeded.base}/review?/unlink`, {
			topicId: String(topic.id + 1000),
			confirmed: 'on'
		});
		expect(unknown.status).toBe(404);
		const done = await steering.post(`${seeded.base}/review?/unlink`, {
			topicId: String(topic.id),
			confirmed: 'on'
		});
		expect(done.status).toBe(200);
		expect(db.select().from(table.topic).where(eq(table.topic.id, topic.id)).get()).toBeUndefined();
	});
});
