import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	councilStep,
	createTestDb,
	createTestEvent,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import type { Db } from '../db';
import * as table from '../db/schema';
import { addField } from '../process/fields';
import {
	createMeasure,
	listCatalogue,
	listsOfMeasure,
	measureNumbered,
	updateMeasure,
	type MeasureInput
} from './measures';
import { moneySums } from './money';
import { parseMeasureForm } from '../forms/measures';
import { formValuesOf } from '../../measure-values';
import { conceptSnapshot, findVersion, saveVersion, setVersionStand } from './versions';
import { addStep } from '../council/steps';

let db: Db;
let process: table.Process;
let language: number;
let work: number;

const measure = (fieldOfActionId: number, title: string, extra: Partial<MeasureInput> = {}) =>
	({
		fieldOfActionId,
		goalId: null,
		title,
		description: '',
		lead: '',
		timeframe: 'short',
		costEstimate: '',
		funding: 'own_budget',
		priority: 'high',
		status: 'proposed',
		...extra
	}) satisfies MeasureInput;

beforeEach(() => {
	db = createTestDb();
	process = createTestEvent(db, createTestOrganisation(db).id).process;
	addField(db, process.id, { code: '1', title: 'Sprache und Bildung', description: '' });
	addField(db, process.id, { code: '2', title: 'Arbeitsmarkt', description: '' });
	[language, work] = listCatalogue(db, process.id).map((c) => c.field.id) as [number, number];
});

const numbers = () =>
	listCatalogue(db, process.id).flatMap((c) => c.measures.map((m) => `${m.number} ${m.title}`));

describe('own numbers', () => {
	it('show as the council printed them, gaps allowed, beside computed ones', () => {
		createMeasure(db, process.id, measure(language, 'Bildungsstand', { ownNumber: 'IP 1.1' }));
		createMeasure(db, process.id, measure(language, 'Sprachhelfer', { ownNumber: 'IP 1.6' }));
		createMeasure(db, process.id, measure(language, 'Elternkurse'));
		createMeasure(db, process.id, measure(work, 'Pilotprojekte', { ownNumber: 'IP 2.6' }));
		expect(numbers()).toEqual([
			'IP 1.1 Bildungsstand',
			'IP 1.6 Sprachhelfer',
			'1.3 Elternkurse',
			'IP 2.6 Pilotprojekte'
		]);
	});

	it('are unique in the process, and the domain refuses a taken one', () => {
		const first = createMeasure(db, process.id, measure(work, 'A', { ownNumber: 'IP 2.5' }))!;
		const second = createMeasure(db, process.id, measure(work, 'B'))!;
		expect(measureNumbered(db, process.id, 'IP 2.5')).toEqual({ id: first.id, title: 'A' });
		expect(measureNumbered(db, process.id, 'IP 2.5', first.id)).toBeUndefined();
		expect(createMeasure(db, process.id, measure(work, 'C', { ownNumber: 'IP 2.5' }))).toBe(
			undefined
		);
		expect(
			updateMeasure(db, process.id, second.id, measure(work, 'B', { ownNumber: 'IP 2.5' }))
		).toBeUndefined();
		// Keeping one's own number is no clash; measures without one never clash.
		expect(
			updateMeasure(db, process.id, first.id, measure(work, 'A2', { ownNumber: 'IP 2.5' }))
		).toBeDefined();
		expect(createMeasure(db, process.id, measure(work, 'D'))).toBeDefined();
		// The database holds the rule too.
		expect(() =>
			db.update(table.measure).set({ ownNumber: 'IP 2.5' }).where(eqId(second.id)).run()
		).toThrow(/UNIQUE/);
	});

	it('may repeat across processes', () => {
		const other = createTestEvent(db, createTestOrganisation(db).id).process;
		addField(db, other.id, { code: '1', title: 'Sprache', description: '' });
		const [otherField] = listCatalogue(db, other.id).map((c) => c.field.id) as [number];
		createMeasure(db, process.id, measure(language, 'A', { ownNumber: '1.5' }));
		expect(
			createMeasure(db, other.id, measure(otherField, 'A', { ownNumber: '1.5' }))
		).toBeDefined();
	});
});

describe('addressees and partners', () => {
	it('are stored as lists in their order, replaced on update, kept when not given', () => {
		const created = createMeasure(
			db,
			process.id,
			measure(work, 'Jobcafé', {
				parties: { addressees: ['gefluechtete', 'Frauen mit Kindern'], partners: ['jobcenter'] }
			})
		)!;
		expect(listsOfMeasure(db, created.id)).toMatchObject({
			addressees: ['gefluechtete', 'Frauen mit Kindern'],
			partners: ['jobcenter']
		});
		updateMeasure(db, process.id, created.id, measure(work, 'Jobcafé'));
		expect(listsOfMeasure(db, created.id).partners).toEqual(['jobcenter']);
		updateMeasure(
			db,
			process.id,
			created.id,
			measure(work, 'Jobcafé', { parties: { addressees: [], partners: ['kammern', 'jobcenter'] } })
		);
		expect(listsOfMeasure(db, created.id)).toMatchObject({
			addressees: [],
			partners: ['kammern', 'jobcenter']
		});
	});

	it('refuse a leading body of another process', () => {
		const other = createTestEvent(db, createTestOrganisation(db).id);
		const body = (processId: number) =>
			db
				.insert(table.body)
				.values({ processId, kind: 'committee', name: 'Sozialausschuss' })
				.returning()
				.get();
		const own = body(process.id);
		const foreign = body(other.process.id);
		expect(
			createMeasure(db, process.id, measure(work, 'A', { leadBodyId: foreign.id }))
		).toBeUndefined();
		expect(createMeasure(db, process.id, measure(work, 'A', { leadBodyId: own.id }))).toBeDefined();
	});
});

describe('money sums', () => {
	it('sum per field and per year, per-year amounts over their period unless a year has its own, reservations apart', () => {
		createMeasure(
			db,
			process.id,
			measure(language, 'Koordinierungsstelle', {
				timeframe: 'period',
				periodStart: 2026,
				periodEnd: 2027,
				costCents: 1_000_000,
				costKind: 'per_year',
				budgetReservation: true
			})
		);
		createMeasure(
			db,
			process.id,
			measure(language, 'Material', {
				timeframe: 'period',
				periodStart: 2026,
				periodEnd: 2028,
				costCents: 999,
				costKind: 'per_year',
				costYears: [
					{ year: 2026, cents: 50_000 },
					{ year: 2028, cents: 20_000 }
				]
			})
		);
		createMeasure(
			db,
			process.id,
			measure(work, 'Messe', { costCents: 300_000, plannedYear: 2027 })
		);
		createMeasure(
			db,
			process.id,
			measure(work, 'Lotsen', { costCents: 100_000, costKind: 'per_year' })
		);
		createMeasure(db, process.id, measure(work, 'Ohne Kosten'));

		const snapshot = conceptSnapshot(db, process, 'Kreis', '');
		const sums = moneySums(snapshot, 'Alle');
		expect(sums.years).toEqual([2026, 2027, 2028]);
		const [languageRow, workRow] = sums.rows;
		expect(languageRow!.years).toEqual([
			{ cents: 1_050_000, reservedCents: 1_000_000 },
			{ cents: 1_000_999, reservedCents: 1_000_000 },
			{ cents: 20_000, reservedCents: 0 }
		]);
		expect(workRow!.years.map((c) => c.cents)).toEqual([0, 300_000, 0]);
		expect(workRow!.noYear).toEqual({ cents: 100_000, reservedCents: 0 });
		expect(sums.total.total).toEqual({ cents: 2_470_999, reservedCents: 2_000_000 });
		expect(sums.total.label).toBe('Alle');
	});

	it('take versions saved before money had structure as having none', () => {
		const snapshot = conceptSnapshot(db, process, 'Kreis', '');
		createMeasure(db, process.id, measure(work, 'Messe', { costCents: 300_000 }));
		const old = conceptSnapshot(db, process, 'Kreis', '');
		for (const field of old.fields) for (const m of field.measures) delete m.money;
		expect(moneySums(snapshot, 'Alle').total.total.cents).toBe(0);
		expect(moneySums(old, 'Alle').years).toEqual([]);
	});
});

const eqId = (id: number) => eq(table.measure.id, id);

describe('the measure form', () => {
	const form = (entries: Record<string, string | string[]>) => {
		const data = new FormData();
		const base = {
			fieldOfActionId: String(work),
			title: 'Jobcafé',
			timeframe: 'short',
			funding: 'own_budget',
			priority: 'medium',
			status: 'proposed'
		};
		for (const [key, value] of Object.entries({ ...base, ...entries })) {
			for (const one of [value].flat()) data.append(key, one);
		}
		return parseMeasureForm(data);
	};

	it('reads ticked and typed parties, a period with its amounts per year, and the money', () => {
		const parsed = form({
			ownNumber: ' IP  2.6 ',
			addressees: ['gefluechtete', 'frauen'],
			addresseesOther: 'Eltern; Alleinerziehende',
			partners: 'jobcenter',
			timeframe: 'period',
			period: '2026/27',
			costCents: '10.000',
			costKind: 'per_year',
			'costYear-2026': '12.500,00 €',
			'costYear-2027': '',
			'costYear-2030': '5',
			funding: 'application',
			fundingName: 'VwV Integration',
			budgetReservation: 'on'
		});
		expect(parsed.ok && parsed.data).toMatchObject({
			ownNumber: 'IP 2.6',
			parties: {
				addressees: ['gefluechtete', 'frauen', 'eltern', 'Alleinerziehende'],
				partners: ['jobcenter']
			},
			periodStart: 2026,
			periodEnd: 2027,
			costCents: 1_000_000,
			costKind: 'per_year',
			costYears: [{ year: 2026, cents: 1_250_000 }],
			fundingName: 'VwV Integration',
			budgetReservation: true
		});
	});

	it('drops a period, its amounts and a funding name that do not apply', () => {
		const parsed = form({ period: '2026/27', 'costYear-2026': '5', fundingName: 'Stiftung' });
		expect(parsed.ok && parsed.data).toMatchObject({
			periodStart: null,
			periodEnd: null,
			costYears: [],
			fundingName: '',
			budgetReservation: false
		});
	});

	it('refuses with translated messages per field, echoing the ticked entries', () => {
		const parsed = form({
			addressees: ['kitas', 'eltern'],
			timeframe: 'period',
			period: '',
			costCents: '-5'
		});
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors).toMatchObject({ costCents: 'Der Betrag darf nicht negativ sein.' });
		expect(parsed.values.addressees).toBe('kitas\neltern');
		const missing = form({ timeframe: 'period', period: '' });
		expect(!missing.ok && missing.errors.period).toBe('Bitte geben Sie den Zeitraum an.');
		const wrongYear = form({ timeframe: 'period', period: '2026', 'costYear-2026': 'viel' });
		expect(!wrongYear.ok && wrongYear.errors['costYear-2026']).toMatch(/Betrag in Euro/);
	});

	it('takes the lead organisation from the list or typed, known ones by their key', () => {
		expect(form({ lead: 'jobcenter' })).toMatchObject({ ok: true, data: { lead: 'jobcenter' } });
		// Typed as the list names it, in German or English: stored as the same key.
		expect(form({ leadOther: '  agentur  für ARBEIT ' })).toMatchObject({
			ok: true,
			data: { lead: 'agentur_fuer_arbeit' }
		});
		expect(form({ leadOther: 'jobcentre' })).toMatchObject({
			ok: true,
			data: { lead: 'jobcenter' }
		});
		expect(form({ leadOther: 'Caritas-Zentrum  Landau' })).toMatchObject({
			ok: true,
			data: { lead: 'Caritas-Zentrum Landau' }
		});
		expect(form({})).toMatchObject({ ok: true, data: { lead: '' } });
		// The form shows a stored lead in the list or in the line, never in both.
		const stored = { ...measure(work, 'Jobcafé'), ownNumber: null, leadBodyId: null };
		const shown = (lead: string) =>
			formValuesOf(
				{
					...stored,
					lead,
					periodStart: null,
					periodEnd: null,
					costCents: null,
					costKind: 'one_off',
					fundingName: '',
					budgetReservation: false,
					plannedYear: null
				},
				{ addressees: [], partners: [], costYears: [] }
			);
		expect(shown('kommunen')).toMatchObject({ lead: 'kommunen', leadOther: '' });
		expect(shown('Sozialamt')).toMatchObject({ lead: '', leadOther: 'Sozialamt' });
	});

	it('refuses a lead organisation that is not in the list, both at once, or too long', () => {
		for (const hostile of ['landkreis_evil', '<script>', 'jobcenter\u0000', 'Jobcenter']) {
			const parsed = form({ lead: hostile });
			expect(!parsed.ok && parsed.errors.lead, hostile).toBe(
				'Bitte wählen Sie eine der angebotenen Möglichkeiten.'
			);
		}
		const both = form({ lead: 'kommunen', leadOther: 'Sozialamt' });
		expect(!both.ok && both.errors.leadOther).toBe(
			'Bitte wählen Sie eine Organisation aus der Liste oder tragen Sie eine andere ein, nicht beides.'
		);
		// The same organisation picked and typed is one organisation.
		expect(form({ lead: 'kommunen', leadOther: 'Kommunen' })).toMatchObject({
			ok: true,
			data: { lead: 'kommunen' }
		});
		const long = form({ leadOther: 'x'.repeat(201) });
		expect(!long.ok && long.errors.leadOther).toBe('Bitte geben Sie höchstens 200 Zeichen ein.');
		// Markup and control characters are kept as text or dropped, never interpreted.
		expect(form({ leadOther: '<b>Amt</b>\u0007' })).toMatchObject({
			ok: true,
			data: { lead: '<b>Amt</b>' }
		});
	});
});

describe('the Stand of a version', () => {
	it('is set on saving and changes until the version is adopted', async () => {
		const author = await createTestUser(db);
		const version = saveVersion(
			db,
			process,
			'Kreis',
			{ introduction: '', note: '', standOn: '2026-03-14' },
			author
		);
		expect(version.standOn).toBe('2026-03-14');
		expect(setVersionStand(db, process.id, version.id, '2026-04-01')).toBe(true);
		addStep(db, process.id, version.id, councilStep(), { name: 'Büro' }, '2026-05-08');
		expect(setVersionStand(db, process.id, version.id, '2026-06-01')).toBe(false);
		expect(findVersion(db, process.id, version.id)!.standOn).toBe('2026-04-01');
	});
});
