import { describe, expect, it } from 'vitest';
import {
	createTestDb,
	createTestEvent,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import { countStatements } from '../../../../tests/query-count';
import { seedVotedWorkshop } from '../../../../tests/workshop-factory';
import type { Db } from '../db';
import { adoptResult } from '../concept/adopt';
import type { MeasureInput } from '../concept/measures';
import { conceptSnapshot, participation } from '../concept/versions';
import { createEvent } from '../events/events';
import { addField, listFields } from '../process/fields';
import { recordUpdate, statusReport, yearlyPlan } from './monitoring';

/** Adds `count` measures to each field, each adopted from a workshop result, with two entries. */
function addMeasures(
	db: Db,
	processId: number,
	adopter: number,
	result: { activityId: number; ideaId: number },
	count: number
) {
	for (const field of listFields(db, processId)) {
		for (let n = 0; n < count; n++) {
			const create: MeasureInput = {
				fieldOfActionId: field.id,
				goalId: null,
				title: `Maßnahme ${field.code}.${n}`,
				description: '',
				lead: 'Landratsamt',
				timeframe: 'medium',
				costEstimate: '',
				funding: 'open',
				priority: 'medium',
				status: 'adopted',
				plannedYear: 2026 + (n % 2)
			};
			const measure = adoptResult(
				db,
				processId,
				adopter,
				{ activityId: result.activityId, target: { kind: 'idea', id: result.ideaId } },
				{ create }
			)!;
			for (const [recordedOn, status] of [
				['2026-02-01', 'in_implementation'],
				['2026-08-01', 'done']
			] as const) {
				const entry = { recordedOn, status, note: 'Sachstand', percentDone: null };
				const by = { name: 'Integrationsbeauftragte' };
				if (!recordUpdate(db, processId, measure.id, entry, by, '2026-12-31').ok) {
					throw new Error('entry not recorded');
				}
			}
		}
	}
}

function addEvent(db: Db, processId: number, title: string) {
	return createEvent(db, processId, {
		title,
		description: '',
		place: '',
		startsAt: '2026-04-01T17:00',
		endsAt: '2026-04-01T20:00',
		isPublic: true,
		status: 'live',
		bodyId: null,
		phaseId: null
	});
}

describe('a fixed number of statements', () => {
	it('for the yearly plan, the status report and the concept, however many measures and events', async () => {
		const db = createTestDb();
		const { process, event } = createTestEvent(db, createTestOrganisation(db).id);
		const adopter = (await createTestUser(db)).id;
		const { activity, ideas } = seedVotedWorkshop(db, event.id, ['politics', 'administration']);
		const result = { activityId: activity.id, ideaId: ideas[0]!.id };
		for (const code of ['1', '2', '3']) {
			addField(db, process.id, { code, title: `Feld ${code}`, description: '' });
		}
		const measure = () => {
			const snapshot = conceptSnapshot(db, process, 'Landkreis', '');
			return {
				plan: countStatements(db, () => yearlyPlan(db, process.id, '2026-12-31')).statements,
				report: countStatements(db, () => statusReport(db, process.id, '2026-01-01', '2026-12-31'))
					.statements,
				concept: countStatements(db, () => conceptSnapshot(db, process, 'Landkreis', ''))
					.statements,
				participation: countStatements(db, () => participation(db, process.id)).statements,
				measures: snapshot.fields.flatMap((f) => f.measures).length,
				events: snapshot.participation.events.length
			};
		};

		addMeasures(db, process.id, adopter, result, 2);
		const few = measure();
		addMeasures(db, process.id, adopter, result, 20);
		for (const title of ['Fachkonferenz Wohnen', 'Fachkonferenz Bildung', 'Zukunftskonferenz']) {
			seedVotedWorkshop(db, addEvent(db, process.id, title).id, ['civil_society']);
		}
		const many = measure();

		expect([few.measures, many.measures]).toEqual([6, 66]);
		expect([few.events, many.events]).toEqual([1, 4]);
		expect(many.plan).toBe(few.plan);
		expect(many.report).toBe(few.report);
		expect(many.concept).toBe(few.concept);
		expect(many.participation).toBe(few.participation);
		// The snapshot still carries each measure's source.
		const snapshot = conceptSnapshot(db, process, 'Landkreis', '');
		expect(snapshot.fields[2]!.measures[21]!.sources).toEqual([
			expect.objectContaining({ label: 'Sprachcafé', voters: 2 })
		]);
	});
});
