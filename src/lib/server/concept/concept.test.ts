import { beforeEach, describe, expect, it } from 'vitest';
import {
	createTestDb,
	createTestEvent,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import type { Db } from '../db';
import type * as table from '../db/schema';
import { createActivity, moveToStage } from '../workshop/activities';
import { createCluster, mergeIdea, submitIdea } from '../workshop/ideas';
import { joinEvent } from '../workshop/participants';
import { placeDot } from '../workshop/votes';
import { addField, deleteField } from '../process/fields';
import { adoptResult, provenanceOf } from './adopt';
import {
	addGoal,
	createMeasure,
	removeMeasure,
	listCatalogue,
	measuresOfIdeas,
	moveMeasureTo,
	updateMeasure,
	type MeasureInput
} from './measures';

let db: Db;
let processId: number;
let eventId: number;
let language: number;
let work: number;

const measure = (fieldOfActionId: number, title: string): MeasureInput => ({
	fieldOfActionId,
	goalId: null,
	title,
	description: '',
	lead: 'Fachbereich Integration',
	timeframe: 'short',
	costEstimate: '',
	funding: 'own_budget',
	priority: 'high',
	status: 'proposed'
});

beforeEach(() => {
	db = createTestDb();
	const { process, event } = createTestEvent(db, createTestOrganisation(db).id);
	processId = process.id;
	eventId = event.id;
	addField(db, processId, { code: '1', title: 'Sprache und Bildung', description: '' });
	addField(db, processId, { code: '2', title: 'Arbeit', description: '' });
	[language, work] = listCatalogue(db, processId).map((c) => c.field.id) as [number, number];
});

const numbers = () =>
	listCatalogue(db, processId).flatMap((c) => c.measures.map((m) => `${m.number} ${m.title}`));

describe('the measures catalogue', () => {
	it('numbers measures per field, and the numbers follow moves, field changes and deletions', () => {
		const a = createMeasure(db, processId, measure(work, 'Jobcafé'))!;
		createMeasure(db, processId, measure(work, 'Anerkennungsberatung'));
		const c = createMeasure(db, processId, measure(work, 'Praktikumsbörse'))!;
		createMeasure(db, processId, measure(language, 'Sprachcafé'));
		expect(numbers()).toEqual([
			'1.1 Sprachcafé',
			'2.1 Jobcafé',
			'2.2 Anerkennungsberatung',
			'2.3 Praktikumsbörse'
		]);

		moveMeasureTo(db, processId, c.id, 2);
		expect(numbers()).toEqual([
			'1.1 Sprachcafé',
			'2.1 Jobcafé',
			'2.2 Praktikumsbörse',
			'2.3 Anerkennungsberatung'
		]);

		updateMeasure(db, processId, a.id, measure(language, 'Jobcafé'));
		expect(numbers()).toEqual([
			'1.1 Sprachcafé',
			'1.2 Jobcafé',
			'2.1 Praktikumsbörse',
			'2.2 Anerkennungsberatung'
		]);

		removeMeasure(db, processId, c.id);
		expect(numbers()).toEqual(['1.1 Sprachcafé', '1.2 Jobcafé', '2.1 Anerkennungsberatung']);
	});

	it('takes goals only from the measure’s own field, and no fields of other processes', () => {
		const goal = addGoal(db, processId, language, {
			title: 'Mehr Kinder mit Sprachförderung'
		})!;
		expect(
			createMeasure(db, processId, { ...measure(work, 'X'), goalId: goal.id })
		).toBeUndefined();
		expect(
			createMeasure(db, processId, { ...measure(language, 'Y'), goalId: goal.id })
		).toMatchObject({
			goalId: goal.id
		});
		const other = createTestEvent(db, createTestOrganisation(db, 'Anderswo').id).process;
		expect(createMeasure(db, other.id, measure(language, 'Z'))).toBeUndefined();
	});

	it('keeps a field that holds measures', () => {
		createMeasure(db, processId, measure(work, 'Jobcafé'));
		expect(deleteField(db, processId, work)).toMatchObject({ ok: false, reason: 'in_use' });
		expect(listCatalogue(db, processId)).toHaveLength(2);
	});
});

describe('adopting a workshop result', () => {
	it('creates a measure that knows its event, ideas and support per stakeholder group', async () => {
		const user = await createTestUser(db);
		let activity = createActivity(db, eventId, {
			question: 'Was hilft beim Einstieg in Arbeit?',
			fieldOfActionId: work,
			dotsPerParticipant: 3,
			maxDotsPerTarget: 3,
			namedIdeas: false
		});
		const people = (['business', 'migrant_organisation', null] as const).map(
			(category) =>
				joinEvent(db, eventId, { displayName: null, category, locale: 'de' }).participant
		);
		const idea = (text: string) => {
			const result = submitIdea(db, activity, {
				participantId: people[0]!.id,
				clientId: text,
				text,
				language: 'de'
			});
			if (!result.ok) throw new Error(result.error);
			return result.value.idea;
		};
		const a = idea('Praktika in Betrieben');
		const b = idea('Betriebspraktika');
		const c = idea('Schnupperwochen');
		const d = idea('Sprachkurs am Abend');
		const advance = (stage: table.Activity['stage']) => {
			const moved = moveToStage(db, activity, stage);
			if (!moved.ok) throw new Error(moved.error);
			activity = moved.value;
		};
		advance('clustering');
		mergeIdea(db, activity, b.id, a.id);
		const cluster = createCluster(db, activity, 'Praktika', [a.id, c.id]);
		if (!cluster.ok) throw new Error(cluster.error);
		advance('voting');
		const vote = (
			person: table.Participant,
			n: number,
			target: { kind: 'idea' | 'cluster'; id: number }
		) => {
			for (let i = 0; i < n; i++)
				placeDot(db, activity, person.id, `${person.id}${target.id}${i}`, target);
		};
		vote(people[0]!, 2, { kind: 'cluster', id: cluster.value.id });
		vote(people[1]!, 1, { kind: 'cluster', id: cluster.value.id });
		vote(people[2]!, 3, { kind: 'idea', id: d.id });
		advance('revealed');

		const created = adoptResult(
			db,
			processId,
			user.id,
			{ activityId: activity.id, target: { kind: 'cluster', id: cluster.value.id } },
			{ create: measure(work, 'Praktikumsbörse mit Betrieben') }
		)!;
		expect(created).toMatchObject({ title: 'Praktikumsbörse mit Betrieben' });
		const trail = provenanceOf(db, created.id);
		expect(trail.sources).toEqual([
			expect.objectContaining({
				eventId,
				label: 'Praktika',
				question: 'Was hilft beim Einstieg in Arbeit?',
				dots: 3,
				voters: 2,
				// One person per group: broken down, the support would show how each voted.
				breakdown: []
			})
		]);
		expect(trail.ideas.map((i) => i.text).sort()).toEqual([
			'Betriebspraktika',
			'Praktika in Betrieben',
			'Schnupperwochen'
		]);

		// Extending the same measure with another result; adopting one twice counts it once.
		const ref = { activityId: activity.id, target: { kind: 'idea' as const, id: d.id } };
		adoptResult(db, processId, user.id, ref, { measureId: created.id });
		adoptResult(db, processId, user.id, ref, { measureId: created.id });
		expect(provenanceOf(db, created.id).sources.map((s) => [s.label, s.dots, s.voters])).toEqual([
			['Praktika', 3, 2],
			['Sprachkurs am Abend', 3, 1]
		]);
		expect(measuresOfIdeas(db, processId, [d.id]).get(d.id)).toEqual([
			{ id: created.id, number: '2.1', title: 'Praktikumsbörse mit Betrieben' }
		]);

		// Results of other processes cannot be adopted.
		const other = createTestEvent(db, createTestOrganisation(db, 'Anderswo').id).process;
		expect(adoptResult(db, other.id, user.id, ref, { create: measure(work, 'Z') })).toBeUndefined();
	});
});
