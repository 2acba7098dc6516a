import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, createTestEvent, createTestOrganisation } from '../../../../tests/factories';
import {
	createMeasure,
	listCatalogue,
	listsOfMeasure,
	type MeasureInput
} from '../concept/measures';
import { listProjects } from '../concept/projects';
import type { Db } from '../db';
import { addField, addGuideline, listGuidelines } from '../process/fields';
import { seedRelations } from './relations';

let db: Db;
let processId: number;
let fieldIds: number[];

const measure = (fieldOfActionId: number, title: string, more: Partial<MeasureInput> = {}) =>
	createMeasure(db, processId, {
		fieldOfActionId,
		goalId: null,
		title,
		description: '',
		lead: 'Sozialamt',
		timeframe: 'short',
		costEstimate: '',
		funding: 'own_budget',
		priority: 'high',
		status: 'proposed',
		...more
	})!;

const measures = () => listCatalogue(db, processId).flatMap((c) => c.measures);

beforeEach(() => {
	db = createTestDb();
	processId = createTestEvent(db, createTestOrganisation(db, 'Stadt Landau').id).process.id;
	for (const [code, title] of [
		['1', 'Sprache und Bildung'],
		['2', 'Arbeitsmarkt'],
		['3', 'Wohnen']
	] as const) {
		addField(db, processId, { code, title, description: '' });
	}
	fieldIds = listCatalogue(db, processId).map((c) => c.field.id);
	for (const title of ['Information und Kommunikation', 'Ehrenamt', 'Beteiligung']) {
		addGuideline(db, processId, { title, description: '' });
	}
});

describe('the demo relations', () => {
	it('bundle a starter project, let a measure serve a second field and follow guidelines', () => {
		const [language, work, housing] = fieldIds as [number, number, number];
		const [information, volunteering, participation] = listGuidelines(db, processId).map(
			(g) => g.id
		) as [number, number, number];
		const cafe = measure(language, 'Sprachcafé', { furtherFieldIds: [housing] });
		const mentors = measure(work, 'Jobpaten', { costCents: 500_000, plannedYear: 2026 });
		const advice = measure(work, 'Anerkennungsberatung', { costCents: 250_000, plannedYear: 2026 });
		const pilots = measure(housing, 'Wohnungslotsen', { guidelineIds: [participation] });

		seedRelations(db, processId);

		// The first field with several measures is Arbeitsmarkt.
		expect(listProjects(db, processId)).toEqual([
			expect.objectContaining({
				title: 'Starterprojekt Arbeitsmarkt',
				measures: [
					{ id: mentors.id, number: '2.1', title: 'Jobpaten' },
					{ id: advice.id, number: '2.2', title: 'Anerkennungsberatung' }
				],
				money: { cents: 750_000, reservedCents: 0 }
			})
		]);
		// The first measure outside the project also serves the field after its own; what it
		// served before stays.
		expect(listsOfMeasure(db, cafe.id).furtherFieldIds).toEqual([work, housing]);
		expect(listsOfMeasure(db, cafe.id).guidelineIds).toEqual([information]);
		expect(listsOfMeasure(db, mentors.id).guidelineIds).toEqual([volunteering, participation]);
		expect(listsOfMeasure(db, advice.id).guidelineIds).toEqual([participation]);
		expect(listsOfMeasure(db, pilots.id).guidelineIds).toEqual([participation]);
		// Nothing else about the measures changed.
		expect(measures().map((m) => [m.number, m.title, m.lead, m.costCents])).toEqual([
			['1.1', 'Sprachcafé', 'Sozialamt', null],
			['2.1', 'Jobpaten', 'Sozialamt', 500_000],
			['2.2', 'Anerkennungsberatung', 'Sozialamt', 250_000],
			['3.1', 'Wohnungslotsen', 'Sozialamt', null]
		]);
	});

	it('leave out what too few measures cannot show', () => {
		seedRelations(db, processId);
		expect(listProjects(db, processId)).toEqual([]);

		const [, , housing] = fieldIds as [number, number, number];
		const only = measure(housing, 'Wohnungslotsen');
		seedRelations(db, processId);
		expect(listProjects(db, processId)).toEqual([]);
		// The last field's measure serves the first field.
		expect(listsOfMeasure(db, only.id).furtherFieldIds).toEqual([fieldIds[0]]);
		expect(measures().map((m) => m.title)).toEqual(['Wohnungslotsen']);
	});
});
