import { describe, expect, it } from 'vitest';
import { createTestDb, createTestEvent, createTestOrganisation } from '../../../../tests/factories';
import { createMeasure, findMeasure, type MeasureInput } from '../concept/measures';
import { addField, listFields } from '../process/fields';
import { listUpdates, recordUpdate, yearlyPlan } from './monitoring';

describe('implementation monitoring', () => {
	it('keeps a dated status history, plans by year, and flags overdue and stalled measures', () => {
		const db = createTestDb();
		const { process } = createTestEvent(db, createTestOrganisation(db).id);
		addField(db, process.id, { code: '1', title: 'Sprache', description: '' });
		const field = listFields(db, process.id)[0]!.id;
		const measure = (title: string, plannedYear: number | null): MeasureInput => ({
			fieldOfActionId: field,
			goalId: null,
			title,
			description: '',
			lead: 'VHS',
			partners: '',
			timeframe: 'short',
			costEstimate: '',
			funding: 'open',
			priority: 'medium',
			status: 'adopted',
			plannedYear
		});
		const late = createMeasure(db, process.id, measure('Sprachcafé', 2026))!;
		const done = createMeasure(db, process.id, measure('Lesepaten', 2026))!;
		const quiet = createMeasure(db, process.id, measure('Elternkurse', 2028))!;
		createMeasure(db, process.id, measure('Offen', null));
		const by = { name: 'Integrationsbeauftragte' };

		recordUpdate(
			db,
			process.id,
			late.id,
			{
				recordedOn: '2026-05-01',
				status: 'in_implementation',
				note: 'Raum gefunden',
				percentDone: 20
			},
			by
		);
		recordUpdate(
			db,
			process.id,
			late.id,
			{
				recordedOn: '2027-02-01',
				status: 'in_implementation',
				note: 'Zweiter Standort',
				percentDone: 60
			},
			by
		);
		recordUpdate(
			db,
			process.id,
			done.id,
			{ recordedOn: '2026-11-30', status: 'done', note: '', percentDone: 100 },
			by
		);
		recordUpdate(
			db,
			process.id,
			quiet.id,
			{ recordedOn: '2026-01-10', status: 'in_implementation', note: '', percentDone: null },
			by
		);
		expect(
			recordUpdate(
				db,
				999,
				late.id,
				{ recordedOn: '2027-02-02', status: 'done', note: '', percentDone: null },
				by
			)
		).toBe(false);

		expect(listUpdates(db, late.id).map((u) => [u.recordedOn, u.percentDone])).toEqual([
			['2027-02-01', 60],
			['2026-05-01', 20]
		]);
		expect(findMeasure(db, process.id, done.id)?.status).toBe('done');

		const plan = yearlyPlan(db, process.id, '2027-03-01');
		expect(plan.map((year) => [year.year, year.measures.map((m) => m.title)])).toEqual([
			[2026, ['Sprachcafé', 'Lesepaten']],
			[2028, ['Elternkurse']],
			[null, ['Offen']]
		]);
		const flags = Object.fromEntries(
			plan.flatMap((y) => y.measures).map((m) => [m.title, [m.overdue, m.stalled]])
		);
		expect(flags).toEqual({
			Sprachcafé: [true, false],
			Lesepaten: [false, false],
			Elternkurse: [false, true],
			Offen: [false, false]
		});
	});
});
