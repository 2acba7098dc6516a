import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	councilStep,
	createMember,
	createTestDb,
	createTestEvent,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import { addMember, createBody, listBodies, removeBody, restoreBody } from '../bodies/bodies';
import { adoptResult } from '../concept/adopt';
import {
	addGoal,
	createMeasure,
	deleteGoal,
	findMeasure,
	listArchivedMeasures,
	listCatalogue,
	removeMeasure,
	restoreMeasure,
	type MeasureInput
} from '../concept/measures';
import { saveVersion } from '../concept/versions';
import { addStep } from '../council/steps';
import type { Db } from '../db';
import * as table from '../db/schema';
import {
	addAgendaItem,
	addGuest,
	createEvent,
	eventDependents,
	findEvent,
	listEvents,
	removeEvent,
	restoreEvent
} from '../events/events';
import {
	approveMinutes,
	currentMinutes,
	draftMinutes,
	submitMinutes,
	updateSummary
} from '../minutes/minutes';
import { recordUpdate } from '../monitoring/monitoring';
import { addField, deleteField, listFields } from '../process/fields';
import { addPhase, deletePhase } from '../process/phases';
import { createActivity, moveToStage } from '../workshop/activities';
import { submitIdea } from '../workshop/ideas';
import { joinEvent } from '../workshop/participants';
import { placeDot } from '../workshop/votes';

let db: Db;
let org: table.Organisation;
let process: table.Process;
let fieldId: number;

const measureInput = (title: string, overrides: Partial<MeasureInput> = {}): MeasureInput => ({
	fieldOfActionId: fieldId,
	goalId: null,
	title,
	description: '',
	lead: '',
	timeframe: 'short',
	costEstimate: '',
	funding: 'open',
	priority: 'medium',
	status: 'proposed',
	...overrides
});

const newEvent = (title: string) =>
	createEvent(db, process.id, {
		title,
		description: '',
		place: '',
		startsAt: '2026-03-01T17:00',
		endsAt: '2026-03-01T20:00',
		isPublic: true,
		status: 'live',
		bodyId: null,
		phaseId: null
	});

/** A workshop with one idea and one dot, revealed, and its minutes approved. */
async function eventWithApprovedMinutes() {
	const event = newEvent('Fachkonferenz Wohnen');
	let activity = createActivity(db, event.id, {
		question: 'Was fehlt?',
		fieldOfActionId: fieldId,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 3,
		namedIdeas: false
	});
	const phone = joinEvent(db, event.id, {
		displayName: null,
		category: 'volunteers',
		locale: 'de'
	});
	const idea = submitIdea(db, activity, {
		participantId: phone.participant.id,
		clientId: 'i1',
		text: 'Wohnungsbörse',
		language: 'de'
	});
	if (!idea.ok) throw new Error(idea.error);
	for (const stage of ['clustering', 'voting'] as const) {
		const moved = moveToStage(db, activity, stage);
		if (!moved.ok) throw new Error(moved.error);
		activity = moved.value;
	}
	placeDot(db, activity, phone.participant.id, 'd1', { kind: 'idea', id: idea.value.idea.id });
	const revealed = moveToStage(db, activity, 'revealed');
	if (!revealed.ok) throw new Error(revealed.error);
	const minutes = draftMinutes(db, event.id);
	submitMinutes(db, event.id, minutes.id);
	const approver = await createTestUser(db, { name: 'Vorsitz' });
	approveMinutes(db, event.id, minutes.id, approver);
	return { event, activity: revealed.value, idea: idea.value.idea, minutes, approver };
}

beforeEach(() => {
	db = createTestDb();
	org = createTestOrganisation(db);
	process = createTestEvent(db, org.id).process;
	addField(db, process.id, { code: '3', title: 'Wohnen', description: '' });
	fieldId = listFields(db, process.id)[0]!.id;
});

describe('events with records', () => {
	it('are archived instead of deleted, hidden from lists, and restored', async () => {
		const { event } = await eventWithApprovedMinutes();
		expect(eventDependents(db, event.id)).toMatchObject({
			approvedMinutes: 1,
			activities: 1,
			ideas: 1,
			dots: 1
		});
		expect(removeEvent(db, process.id, event.id)).toBe('archived');
		expect(findEvent(db, process.id, event.id)).toMatchObject({ joinClosed: true });
		expect(listEvents(db, process.id).map((row) => row.event.id)).not.toContain(event.id);
		expect(listEvents(db, process.id, { archived: true }).map((row) => row.event.id)).toEqual([
			event.id
		]);
		expect(currentMinutes(db, event.id)!.minutes.status).toBe('approved');

		expect(restoreEvent(db, process.id, event.id)).toBe(true);
		expect(listEvents(db, process.id).map((row) => row.event.id)).toContain(event.id);
		expect(restoreEvent(db, process.id, event.id)).toBe(false);
	});

	it('are deleted when nothing but their agenda depends on them', () => {
		const event = newEvent('Abgesagt');
		addAgendaItem(db, event.id, { title: 'Begrüßung', description: '' });
		expect(removeEvent(db, process.id, event.id)).toBe('deleted');
		expect(findEvent(db, process.id, event.id)).toBeUndefined();
	});

	it('are archived for a recorded attendance alone, and not found in another process', () => {
		const event = newEvent('Sitzung');
		addGuest(db, event.id, { name: 'Caritas', affiliation: '', category: 'welfare' });
		const other = createTestEvent(db, createTestOrganisation(db, 'Anderswo').id).process;
		expect(removeEvent(db, other.id, event.id)).toBeUndefined();
		expect(removeEvent(db, process.id, event.id)).toBe('archived');
	});
});

describe('the database as a second line', () => {
	it('refuses to change or delete approved minutes, even past the domain', async () => {
		const { event, minutes } = await eventWithApprovedMinutes();
		expect(() =>
			db
				.update(table.minutes)
				.set({ summary: 'heimlich' })
				.where(eq(table.minutes.id, minutes.id))
				.run()
		).toThrow(/read-only/);
		expect(() => db.delete(table.minutes).where(eq(table.minutes.id, minutes.id)).run()).toThrow(
			/cannot be deleted/
		);
		expect(() =>
			db
				.insert(table.minutesItem)
				.values({ minutesId: minutes.id, kind: 'decision', title: 'Nachtrag', position: 9 })
				.run()
		).toThrow(/read-only/);
		// A cascade from the event is stopped too.
		expect(() => db.delete(table.event).where(eq(table.event.id, event.id)).run()).toThrow();
		expect(updateSummary(db, event.id, minutes.id, 'x')).toEqual({ ok: false, reason: 'locked' });
	});

	it('still lets the approver’s account go: the name stays on the minutes', async () => {
		const { event, approver } = await eventWithApprovedMinutes();
		db.delete(table.user).where(eq(table.user.id, approver.id)).run();
		expect(currentMinutes(db, event.id)!.minutes).toMatchObject({
			approvedBy: null,
			approvedByName: 'Vorsitz'
		});
	});

	it('keeps adopted concept versions and status entries as they are', async () => {
		const author = await createTestUser(db);
		const version = saveVersion(db, process, org.name, { introduction: '', note: '' }, author);
		addStep(
			db,
			process.id,
			version.id,
			councilStep({ meetingOn: '2026-11-20' }),
			author,
			'2026-11-21'
		);
		const byId = eq(table.conceptVersion.id, version.id);
		expect(() => db.update(table.conceptVersion).set({ note: 'neu' }).where(byId).run()).toThrow();
		expect(() => db.delete(table.conceptVersion).where(byId).run()).toThrow();
		// The author's account may go; the version keeps the name.
		db.delete(table.user).where(eq(table.user.id, author.id)).run();

		const measure = createMeasure(db, process.id, measureInput('Wohnraumbörse'))!;
		const entry = recordUpdate(
			db,
			process.id,
			measure.id,
			{ recordedOn: '2026-05-01', status: 'in_implementation', note: '', percentDone: 10 },
			{ name: 'Sozialamt' },
			'2026-06-01'
		);
		if (!entry.ok) throw new Error(entry.reason);
		expect(() =>
			db
				.update(table.measureUpdate)
				.set({ percentDone: 90 })
				.where(eq(table.measureUpdate.id, entry.update.id))
				.run()
		).toThrow();
	});
});

describe('bodies, fields, goals, phases and measures with history', () => {
	it('archive a body with members and delete an empty one', () => {
		const input = {
			kind: 'working_group' as const,
			name: 'AG Wohnen',
			description: '',
			fieldOfActionId: fieldId,
			isPublic: true
		};
		const group = createBody(db, process.id, input);
		addMember(db, group.id, {
			name: 'Caritas',
			affiliation: '',
			function: 'member',
			category: 'welfare',
			userId: null
		});
		const empty = createBody(db, process.id, { ...input, name: 'AG leer' });
		expect(removeBody(db, process.id, empty.id)).toBe('deleted');
		expect(removeBody(db, process.id, group.id)).toBe('archived');
		expect(listBodies(db, process.id)).toEqual([]);
		expect(listBodies(db, process.id, { archived: true }).map((b) => b.name)).toEqual([
			'AG Wohnen'
		]);
		expect(restoreBody(db, process.id, group.id)).toBe(true);
		expect(listBodies(db, process.id).map((b) => b.name)).toEqual(['AG Wohnen']);
	});

	it('take only accounts of their own organisation as members', async () => {
		const group = createBody(db, process.id, {
			kind: 'steering_group',
			name: 'Steuerungsgruppe',
			description: '',
			fieldOfActionId: null,
			isPublic: false
		});
		const insider = await createMember(db, org.id, 'steering_member');
		const outsider = await createMember(db, createTestOrganisation(db, 'Anderswo').id, 'admin');
		const member = (userId: number) => ({
			name: 'Vorsitz',
			affiliation: '',
			function: 'chair' as const,
			category: null,
			userId
		});
		expect(addMember(db, group.id, member(outsider.id))).toBeUndefined();
		expect(addMember(db, group.id, member(insider.id))).toMatchObject({ userId: insider.id });
	});

	it('refuse to delete a field with measures, a goal with measures, a phase with events', () => {
		const goal = addGoal(db, process.id, fieldId, {
			title: 'Mehr Wohnraum'
		})!;
		createMeasure(db, process.id, measureInput('Börse', { goalId: goal.id }));
		expect(deleteField(db, process.id, fieldId)).toEqual({
			ok: false,
			reason: 'in_use',
			dependents: { measures: 1, goals: 1, workshopQuestions: 0, bodies: 0 }
		});
		expect(deleteGoal(db, process.id, goal.id)).toEqual({
			ok: false,
			reason: 'in_use',
			measures: 1
		});

		const phase = addPhase(db, process.id, {
			title: 'Fachkonferenzen',
			description: '',
			startsOn: null,
			endsOn: null,
			statusOverride: 'active'
		});
		const event = newEvent('Fachkonferenz');
		db.update(table.event).set({ phaseId: phase.id }).where(eq(table.event.id, event.id)).run();
		expect(deletePhase(db, process.id, phase.id)).toEqual({
			ok: false,
			reason: 'in_use',
			events: 1
		});

		const other = createTestEvent(db, createTestOrganisation(db, 'Anderswo').id).process;
		expect(deleteField(db, other.id, fieldId)).toEqual({ ok: false, reason: 'not_found' });
		expect(deleteGoal(db, other.id, goal.id)).toEqual({ ok: false, reason: 'not_found' });
		expect(deletePhase(db, other.id, phase.id)).toEqual({ ok: false, reason: 'not_found' });
	});

	it('archive a measure with sources or status entries; the numbers close up', async () => {
		const { activity, idea, approver } = await eventWithApprovedMinutes();
		const adopted = adoptResult(
			db,
			process.id,
			approver.id,
			{ activityId: activity.id, target: { kind: 'idea', id: idea.id } },
			{ create: measureInput('Wohnungsbörse') }
		)!;
		const plain = createMeasure(db, process.id, measureInput('Entwurf'))!;
		const last = createMeasure(db, process.id, measureInput('Mietberatung'))!;
		const numbers = () =>
			listCatalogue(db, process.id).flatMap((c) => c.measures.map((m) => `${m.number} ${m.title}`));
		expect(numbers()).toEqual(['3.1 Wohnungsbörse', '3.2 Entwurf', '3.3 Mietberatung']);

		expect(removeMeasure(db, process.id, plain.id)).toBe('deleted');
		expect(removeMeasure(db, process.id, adopted.id)).toBe('archived');
		expect(numbers()).toEqual(['3.1 Mietberatung']);
		expect(findMeasure(db, process.id, adopted.id)).toMatchObject({ number: '3.–' });
		expect(listArchivedMeasures(db, process.id).map((m) => m.title)).toEqual(['Wohnungsbörse']);
		// Nothing new is adopted into an archived measure.
		const ref = { activityId: activity.id, target: { kind: 'idea', id: idea.id } } as const;
		expect(
			adoptResult(db, process.id, approver.id, ref, { measureId: adopted.id })
		).toBeUndefined();

		expect(restoreMeasure(db, process.id, adopted.id)).toBe(true);
		expect(numbers()).toEqual(['3.1 Mietberatung', '3.2 Wohnungsbörse']);
		expect(findMeasure(db, process.id, last.id)).toMatchObject({ number: '3.1' });
	});
});
