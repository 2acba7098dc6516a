import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createTestDb, createTestEvent, createTestOrganisation } from '../../../../tests/factories';
import {
	addGoal,
	createMeasure,
	findMeasure,
	listCatalogue,
	type MeasureInput
} from '../concept/measures';
import { createRevision } from '../process/processes';
import { statusReportDocx } from '../export/status-report-docx';
import { addField, listFields } from '../process/fields';
import { listUpdates, recordUpdate, statusReport, yearlyPlan } from './monitoring';

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
		// The history runs into 2027: recorded as if on a day after it.
		const today = '2027-03-01';

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
			by,
			today
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
			by,
			today
		);
		recordUpdate(
			db,
			process.id,
			done.id,
			{ recordedOn: '2026-11-30', status: 'done', note: '', percentDone: 100 },
			by,
			today
		);
		recordUpdate(
			db,
			process.id,
			quiet.id,
			{ recordedOn: '2026-01-10', status: 'in_implementation', note: '', percentDone: null },
			by,
			today
		);
		expect(
			recordUpdate(
				db,
				999,
				late.id,
				{ recordedOn: '2027-02-02', status: 'done', note: '', percentDone: null },
				by,
				today
			)
		).toEqual({ ok: false, reason: 'not_found' });

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

	it('reports a period: exactly its changes, and each measure as it stood at its end', async () => {
		const db = createTestDb();
		const { process } = createTestEvent(db, createTestOrganisation(db).id);
		addField(db, process.id, { code: '3', title: 'Wohnen', description: '' });
		const field = listFields(db, process.id)[0]!.id;
		const input: MeasureInput = {
			fieldOfActionId: field,
			goalId: null,
			title: 'Mietpatenschaften',
			description: '',
			lead: 'Caritas',
			timeframe: 'medium',
			costEstimate: '',
			funding: 'application',
			priority: 'high',
			status: 'adopted'
		};
		const a = createMeasure(db, process.id, input)!;
		const b = createMeasure(db, process.id, { ...input, title: 'Wohnungsbörse' })!;
		const by = { name: 'Sozialamt' };
		const update = (
			id: number,
			recordedOn: string,
			status: 'in_implementation' | 'done',
			note: string
		) =>
			recordUpdate(
				db,
				process.id,
				id,
				{ recordedOn, status, note, percentDone: null },
				by,
				'2027-12-31'
			);
		update(a.id, '2026-03-01', 'in_implementation', 'vor dem Zeitraum');
		update(a.id, '2026-07-15', 'in_implementation', 'im Zeitraum');
		update(b.id, '2026-12-31', 'done', 'am letzten Tag');
		update(b.id, '2027-01-05', 'done', 'danach');

		const report = statusReport(db, process.id, '2026-07-01', '2026-12-31');
		expect(report.changes.map((c) => [c.number, c.update.note])).toEqual([
			['3.1', 'im Zeitraum'],
			['3.2', 'am letzten Tag']
		]);
		expect(report.fields[0]!.measures.map((m) => [m.title, m.status, m.latest?.note])).toEqual([
			['Mietpatenschaften', 'in_implementation', 'im Zeitraum'],
			['Wohnungsbörse', 'done', 'am letzten Tag']
		]);
		expect(report.counts).toEqual(
			expect.arrayContaining([
				{ status: 'in_implementation', count: 1 },
				{ status: 'done', count: 1 }
			])
		);
		const files = unzipSync(
			new Uint8Array(
				await statusReportDocx(report, { organisation: 'Stadt Landau', process: 'Konzept' })
			)
		);
		const xml = strFromU8(files['word/document.xml']!);
		expect(xml).toContain('Sachstandsbericht: Konzept');
		expect(xml).toContain('<w:tbl>');
		expect(xml).toContain('im Zeitraum');
		expect(xml).not.toContain('vor dem Zeitraum');

		// With no update up to the end of a period, a measure reported on later has no status yet:
		// its catalogue status comes from those later updates.
		const early = statusReport(db, process.id, '2026-01-01', '2026-02-01');
		expect(early.changes).toEqual([]);
		expect(early.fields[0]!.measures.map((m) => [m.status, m.latest])).toEqual([
			[null, null],
			[null, null]
		]);
		expect(early.counts).toEqual([{ status: null, count: 2 }]);
		const earlyXml = strFromU8(
			unzipSync(
				new Uint8Array(
					await statusReportDocx(early, { organisation: 'Stadt Landau', process: 'Konzept' })
				)
			)['word/document.xml']!
		);
		expect(earlyXml).toContain('noch kein Sachstand');
	});

	it('keeps later updates out of an earlier report, and back-filled ones out of the status', () => {
		const db = createTestDb();
		const { process } = createTestEvent(db, createTestOrganisation(db).id);
		addField(db, process.id, { code: '4', title: 'Arbeit', description: '' });
		const input: MeasureInput = {
			fieldOfActionId: listFields(db, process.id)[0]!.id,
			goalId: null,
			title: 'Jobpatenschaften',
			description: '',
			lead: 'Jobcenter',
			timeframe: 'medium',
			costEstimate: '',
			funding: 'own_budget',
			priority: 'medium',
			status: 'adopted',
			plannedYear: 2026
		};
		const measure = createMeasure(db, process.id, input)!;
		const untouched = createMeasure(db, process.id, { ...input, title: 'Ausbildungsmesse' })!;
		const by = { name: 'Jobcenter' };
		const record = (
			recordedOn: string,
			status: MeasureInput['status'],
			note: string,
			today: string
		) =>
			recordUpdate(
				db,
				process.id,
				measure.id,
				{ recordedOn, status, note, percentDone: null },
				by,
				today
			);

		expect(record('2026-06-01', 'in_implementation', 'begonnen', '2026-06-01').ok).toBe(true);
		// Years later the measure is dropped; then someone back-fills a forgotten 2026 entry.
		expect(record('2030-02-01', 'dropped', 'eingestellt', '2030-02-01').ok).toBe(true);
		expect(record('2026-10-01', 'done', 'nachgetragen', '2030-03-01').ok).toBe(true);
		expect(findMeasure(db, process.id, measure.id)?.status).toBe('dropped');
		// The same day twice: the entry recorded later decides.
		expect(record('2030-03-01', 'deferred', 'vormittags', '2030-03-01').ok).toBe(true);
		expect(record('2030-03-01', 'in_implementation', 'nachmittags', '2030-03-01').ok).toBe(true);
		expect(findMeasure(db, process.id, measure.id)?.status).toBe('in_implementation');

		const report2026 = statusReport(db, process.id, '2026-01-01', '2026-12-31');
		const line = report2026.fields[0]!.measures.find((m) => m.id === measure.id)!;
		expect([line.status, line.latest?.note]).toEqual(['done', 'nachgetragen']);
		expect(line.changes.map((c) => c.note)).toEqual(['begonnen', 'nachgetragen']);
		expect(report2026.fields[0]!.measures.find((m) => m.id === untouched.id)!.status).toBe(
			'adopted'
		);

		const plan = yearlyPlan(db, process.id, '2030-03-01').flatMap((y) => y.measures);
		expect(plan.find((m) => m.id === measure.id)).toMatchObject({
			status: 'in_implementation',
			latest: { note: 'nachmittags' }
		});
		expect(plan.find((m) => m.id === untouched.id)).toMatchObject({ status: 'adopted' });
		// On the server's real today a day far ahead is refused.
		expect(
			recordUpdate(
				db,
				process.id,
				untouched.id,
				{ recordedOn: '2999-01-01', status: 'done', note: '', percentDone: null },
				by
			)
		).toEqual({ ok: false, reason: 'future' });
	});

	it('carries measures with their status and history into the Fortschreibung', () => {
		const db = createTestDb();
		const { process } = createTestEvent(db, createTestOrganisation(db).id);
		addField(db, process.id, { code: '1', title: 'Sprache', description: '' });
		const field = listFields(db, process.id)[0]!.id;
		const goal = addGoal(db, process.id, field, {
			title: 'Alle Kinder sprechen Deutsch'
		})!;
		const measure = createMeasure(db, process.id, {
			fieldOfActionId: field,
			goalId: goal.id,
			title: 'Sprachkitas',
			description: '',
			lead: 'Jugendamt',
			timeframe: 'long',
			costEstimate: '',
			funding: 'application',
			priority: 'high',
			status: 'adopted',
			plannedYear: 2027
		})!;
		recordUpdate(
			db,
			process.id,
			measure.id,
			{
				recordedOn: '2026-09-01',
				status: 'in_implementation',
				note: 'Drei Kitas dabei',
				percentDone: 30
			},
			{ name: 'Jugendamt' }
		);

		const next = createRevision(db, process, {
			title: 'Integrationskonzept 2030',
			description: '',
			template: 'empty',
			startsOn: '2027-01-01'
		});
		const [carried] = listCatalogue(db, next.id).flatMap((c) => c.measures);
		expect(carried).toMatchObject({
			number: '1.1',
			title: 'Sprachkitas',
			status: 'in_implementation',
			plannedYear: 2027
		});
		expect(carried!.goalId).not.toBe(goal.id);
		expect(listCatalogue(db, next.id)[0]!.goals.map((g) => g.title)).toEqual([
			'Alle Kinder sprechen Deutsch'
		]);
		expect(listUpdates(db, carried!.id).map((u) => [u.recordedOn, u.note])).toEqual([
			['2026-09-01', 'Drei Kitas dabei']
		]);
		// The earlier process keeps its own.
		expect(listCatalogue(db, process.id).flatMap((c) => c.measures)).toHaveLength(1);
	});
});

describe('status entries (Sachstand)', () => {
	it('refuse a day after today and correct a wrong entry with a new one, keeping both', () => {
		const db = createTestDb();
		const { process } = createTestEvent(db, createTestOrganisation(db).id);
		addField(db, process.id, { code: '3', title: 'Wohnen', description: '' });
		const input: MeasureInput = {
			fieldOfActionId: listFields(db, process.id)[0]!.id,
			goalId: null,
			title: 'Wohnraumbörse',
			description: '',
			lead: 'Sozialamt',
			timeframe: 'short',
			costEstimate: '',
			funding: 'own_budget',
			priority: 'medium',
			status: 'adopted',
			plannedYear: 2026
		};
		const measure = createMeasure(db, process.id, input)!;
		const other = createMeasure(db, process.id, { ...input, title: 'Mietberatung' })!;
		const by = { name: 'Sozialamt' };
		const today = '2026-06-30';
		const entry = (
			recordedOn: string,
			percentDone: number,
			status = 'in_implementation' as const
		) => ({
			recordedOn,
			status,
			note: `${percentDone} Wohnungen`,
			percentDone
		});

		expect(recordUpdate(db, process.id, measure.id, entry('2026-07-01', 10), by, today)).toEqual({
			ok: false,
			reason: 'future'
		});
		const wrong = recordUpdate(db, process.id, measure.id, entry('2026-05-01', 60), by, today);
		if (!wrong.ok) throw new Error(wrong.reason);
		const correction = {
			...entry('2026-05-01', 16),
			status: 'done' as const,
			corrects: { id: wrong.update.id, reason: 'Zahl falsch übertragen' }
		};
		expect(recordUpdate(db, process.id, other.id, correction, by, today)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		const fixed = recordUpdate(db, process.id, measure.id, correction, by, today);
		expect(fixed).toMatchObject({ ok: true, update: { correctsId: wrong.update.id } });
		expect(recordUpdate(db, process.id, measure.id, correction, by, today)).toEqual({
			ok: false,
			reason: 'already_corrected'
		});

		const history = listUpdates(db, measure.id);
		expect(
			history.map((u) => [u.percentDone, u.correctedBy?.reason ?? null, u.correctsOn])
		).toEqual([
			[16, null, '2026-05-01'],
			[60, 'Zahl falsch übertragen', null]
		]);
		expect(findMeasure(db, process.id, measure.id)?.status).toBe('done');

		const report = statusReport(db, process.id, '2026-01-01', '2026-06-30');
		const line = report.fields[0]!.measures.find((m) => m.id === measure.id)!;
		expect(line.latest?.percentDone).toBe(16);
		expect(line.changes.map((c) => [c.percentDone, Boolean(c.correctedBy)])).toEqual([
			[60, true],
			[16, false]
		]);

		// A Fortschreibung carries the history on, the correction pointing to its own copy.
		const next = createRevision(db, process, {
			title: 'Integrationskonzept 2030',
			description: '',
			template: 'empty',
			startsOn: '2027-01-01'
		});
		const carried = listCatalogue(db, next.id)
			.flatMap((c) => c.measures)
			.find((m) => m.title === 'Wohnraumbörse')!;
		expect(
			listUpdates(db, carried.id).map((u) => [u.percentDone, u.correctedBy?.reason ?? null])
		).toEqual([
			[16, null],
			[60, 'Zahl falsch übertragen']
		]);
	});
});
