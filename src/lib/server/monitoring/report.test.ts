import { strFromU8, unzipSync } from 'fflate';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createTestDb, createTestEvent, createTestOrganisation } from '../../../../tests/factories';
import { createMeasure, type MeasureInput } from '../concept/measures';
import type { Db } from '../db';
import { statusReportDocx } from '../export/status-report-docx';
import { narrativeForm, narrativeMaxLength } from '../forms/report';
import { addField, listFields } from '../process/fields';
import { recordUpdate, statusReport, type UpdateInput } from './monitoring';
import { narrativesOf, saveNarrative } from './narratives';
import { plannedInYears, spentAt } from './report-money';

const by = { name: 'Integrationsbüro' };
const today = '2027-12-31';

function processWithFields(db: Db) {
	const { process } = createTestEvent(db, createTestOrganisation(db).id);
	addField(db, process.id, { code: '1', title: 'Sprache', description: '' });
	addField(db, process.id, { code: '2', title: 'Wohnen', description: '' });
	const [language, housing] = listFields(db, process.id);
	return { process, language: language!, housing: housing! };
}

function measureOf(fieldOfActionId: number, title: string, money: Partial<MeasureInput> = {}) {
	return {
		fieldOfActionId,
		goalId: null,
		title,
		description: '',
		lead: 'VHS',
		timeframe: 'medium',
		costEstimate: '',
		funding: 'own_budget',
		priority: 'medium',
		status: 'adopted',
		...money
	} satisfies MeasureInput;
}

const update = (
	recordedOn: string,
	spentCents: number | null,
	status: UpdateInput['status'] = 'in_implementation'
): UpdateInput => ({ recordedOn, status, note: '', percentDone: null, spentCents });

describe('the money of a status report', () => {
	it('plans a measure for the years of the period by the rule of the concept', () => {
		const perYear = {
			costCents: 100_000,
			costKind: 'per_year',
			budgetReservation: false,
			periodStart: 2025,
			periodEnd: 2027,
			plannedYear: null
		} as const;
		const given = [{ year: 2026, cents: 150_000 }];
		expect(plannedInYears(perYear, given, 2026, 2026)).toBe(150_000);
		expect(plannedInYears(perYear, given, 2025, 2027)).toBe(350_000);
		expect(plannedInYears(perYear, given, 2028, 2030)).toBe(0);
		const once = { ...perYear, costKind: 'one_off', periodStart: null, periodEnd: null } as const;
		expect(plannedInYears({ ...once, plannedYear: 2026 }, [], 2026, 2026)).toBe(100_000);
		// Without any year, an amount falls in no period.
		expect(plannedInYears(once, [], 2000, 2100)).toBe(0);
	});

	it('takes the spent amount of the latest entry by the day that states one', () => {
		const entries = [
			{ id: 4, recordedOn: '2027-01-02', status: 'done', correctsId: null, spentCents: 1_400 },
			{ id: 3, recordedOn: '2026-06-01', status: 'done', correctsId: null, spentCents: null },
			{ id: 2, recordedOn: '2026-05-01', status: 'done', correctsId: 1, spentCents: 800 },
			{ id: 1, recordedOn: '2026-05-01', status: 'done', correctsId: null, spentCents: 1_000 }
		] as const;
		expect(spentAt(entries, '2026-04-30')).toBeNull();
		expect(spentAt(entries, '2026-05-01')).toBe(800);
		expect(spentAt(entries, '2026-12-31')).toBe(800);
		expect(spentAt(entries, '2027-01-02')).toBe(1_400);
		expect(spentAt([], '2026-12-31')).toBeNull();
	});

	it('sums per field what was planned for the period and spent by its end, and counts statuses then', async () => {
		const db = createTestDb();
		const { process, language, housing } = processWithFields(db);
		const course = createMeasure(
			db,
			process.id,
			measureOf(language.id, 'Sprachkurse', {
				costCents: 100_000,
				costKind: 'per_year',
				periodStart: 2025,
				periodEnd: 2027,
				costYears: [{ year: 2026, cents: 150_000 }]
			})
		)!;
		const cafe = createMeasure(
			db,
			process.id,
			measureOf(language.id, 'Sprachcafé', {
				costCents: 500_000,
				costKind: 'one_off',
				plannedYear: 2026
			})
		)!;
		createMeasure(
			db,
			process.id,
			measureOf(language.id, 'Lesepaten', {
				costCents: 70_000,
				costKind: 'one_off',
				plannedYear: 2027
			})
		);
		const board = createMeasure(db, process.id, measureOf(housing.id, 'Wohnungsbörse'))!;
		const record = (measureId: number, input: Parameters<typeof recordUpdate>[3]) => {
			const recorded = recordUpdate(db, process.id, measureId, input, by, today);
			if (!recorded.ok) throw new Error(recorded.reason);
			return recorded.update;
		};
		record(course.id, update('2026-03-01', 20_000));
		record(course.id, update('2026-12-31', 90_000));
		// After the end of the period: neither its amount nor its status counts.
		record(course.id, update('2027-01-02', 140_000, 'done'));
		const wrong = record(cafe.id, update('2026-05-01', 100_000));
		record(cafe.id, {
			...update('2026-05-01', 80_000),
			corrects: { id: wrong.id, reason: 'Tippfehler' }
		});
		record(cafe.id, update('2026-06-01', null));
		record(board.id, update('2027-02-01', null));

		const report = statusReport(db, process.id, '2026-01-01', '2026-12-31');
		const [first, second] = report.fields;
		expect(first!.money).toEqual({ plannedCents: 650_000, spentCents: 170_000 });
		expect(first!.counts).toEqual([
			{ status: 'adopted', count: 1 },
			{ status: 'in_implementation', count: 2 }
		]);
		expect(first!.measures.map((m) => [m.title, m.plannedCents, m.spentCents])).toEqual([
			['Sprachkurse', 150_000, 90_000],
			['Sprachcafé', 500_000, 80_000],
			['Lesepaten', 0, null]
		]);
		// Nothing reported by the end of the period: no status yet, and no amount, not zero.
		expect(second!.counts).toEqual([{ status: null, count: 1 }]);
		expect(second!.money).toEqual({ plannedCents: 0, spentCents: null });
		expect(report.money).toEqual({ plannedCents: 650_000, spentCents: 170_000 });
		expect(report.counts).toEqual([
			{ status: 'adopted', count: 1 },
			{ status: 'in_implementation', count: 2 },
			{ status: null, count: 1 }
		]);
		expect(report.years).toBe('2026');

		// A day earlier, the entry of the last day is not yet there.
		expect(statusReport(db, process.id, '2026-01-01', '2026-12-30').fields[0]!.money).toEqual({
			plannedCents: 650_000,
			spentCents: 100_000
		});
		const whole = statusReport(db, process.id, '2025-01-01', '2027-12-31');
		expect(whole.years).toBe('2025–2027');
		expect(whole.fields[0]!.money).toEqual({ plannedCents: 920_000, spentCents: 220_000 });
		expect(whole.fields[0]!.counts).toEqual([
			{ status: 'adopted', count: 1 },
			{ status: 'in_implementation', count: 1 },
			{ status: 'done', count: 1 }
		]);

		const xml = strFromU8(
			unzipSync(
				new Uint8Array(
					await statusReportDocx(report, { organisation: 'Landkreis', process: 'Konzept' })
				)
			)['word/document.xml']!
		);
		expect(xml).toContain('Geplant für 2026');
		expect(xml).toContain('6.500,00\u00a0€');
		expect(xml).toContain('1.700,00\u00a0€');
		expect(xml).toContain('Stand der Maßnahmen am 31. Dezember 2026');
	});
});

describe('the text on a field of action', () => {
	it('is kept per process, period and field: replaced when saved again, removed when emptied', async () => {
		const db = createTestDb();
		const { process, language, housing } = processWithFields(db);
		const other = processWithFields(db);
		const period = { from: '2026-01-01', to: '2026-12-31' };
		const save = (fieldId: number, text: string, processId = process.id) =>
			saveNarrative(db, processId, { ...period, fieldId, text }, by);

		expect(save(language.id, 'Erster Entwurf')).toMatchObject({
			ok: true,
			field: { code: '1', title: 'Sprache' },
			narrative: { text: 'Erster Entwurf', writtenBy: by.name }
		});
		expect(save(language.id, 'Die Sprachkurse sind voll.\nDie Warteliste wächst.').ok).toBe(true);
		expect(save(housing.id, 'Wohnen: wenig Bewegung.').ok).toBe(true);
		// A field of another process is not found, and nothing is written.
		expect(save(other.language.id, 'Fremd')).toEqual({ ok: false, reason: 'not_found' });
		expect(save(language.id, 'Fremd', other.process.id)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(narrativesOf(db, other.process.id, period.from, period.to).size).toBe(0);
		saveNarrative(
			db,
			process.id,
			{ from: '2026-01-01', to: '2026-06-30', fieldId: language.id, text: 'Halbjahr' },
			by
		);

		const report = statusReport(db, process.id, period.from, period.to);
		expect(report.fields.map((f) => f.narrative?.text)).toEqual([
			'Die Sprachkurse sind voll.\nDie Warteliste wächst.',
			'Wohnen: wenig Bewegung.'
		]);
		expect(
			statusReport(db, process.id, '2026-01-01', '2026-06-30').fields[0]!.narrative?.text
		).toBe('Halbjahr');
		expect(
			statusReport(db, process.id, '2026-01-02', '2026-12-31').fields[0]!.narrative
		).toBeNull();

		const xml = strFromU8(
			unzipSync(
				new Uint8Array(
					await statusReportDocx(report, { organisation: 'Landkreis', process: 'Konzept' })
				)
			)['word/document.xml']!
		);
		// Under its field's heading (the last mention: the table of contents names it first).
		const text = xml.indexOf('Die Sprachkurse sind voll.');
		expect(text).toBeGreaterThan(xml.lastIndexOf('1 Sprache'));
		expect(text).toBeLessThan(xml.lastIndexOf('2 Wohnen'));

		expect(save(housing.id, '')).toMatchObject({ ok: true, narrative: null });
		expect([...narrativesOf(db, process.id, period.from, period.to).keys()]).toEqual([language.id]);
	});

	it('is parsed at the edge: cleaned, at most 5,000 characters, for a period that ends after it starts', () => {
		const parse = (input: Record<string, string>) =>
			v.safeParse(narrativeForm, { fieldId: '3', from: '2026-01-01', to: '2026-12-31', ...input });
		const clean = parse({ text: '  Kurse\u202e laufen\r\nweiter\u0007  ' });
		expect(clean.success && clean.output).toEqual({
			fieldId: 3,
			from: '2026-01-01',
			to: '2026-12-31',
			text: 'Kurse laufen\nweiter'
		});
		expect(parse({ text: 'x'.repeat(narrativeMaxLength) }).success).toBe(true);
		const long = parse({ text: 'x'.repeat(narrativeMaxLength + 1) });
		expect(long.issues?.map((i) => [v.getDotPath(i), i.message])).toEqual([
			['text', 'Bitte geben Sie höchstens 5000 Zeichen ein.']
		]);
		const reversed = parse({ from: '2026-12-31', to: '2026-01-01', text: 'x' });
		expect(reversed.issues?.map((i) => v.getDotPath(i))).toEqual(['to']);
		expect(parse({ fieldId: 'eins', text: 'x' }).success).toBe(false);
		expect(parse({ to: '2026-02-30', text: 'x' }).success).toBe(false);
		// No text at all is an empty one: saving it removes the text.
		const empty = v.safeParse(narrativeForm, {
			fieldId: '3',
			from: '2026-01-01',
			to: '2026-12-31'
		});
		expect(empty.success && empty.output.text).toBe('');
	});
});
