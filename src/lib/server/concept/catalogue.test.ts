import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDb, createTestEvent, createTestOrganisation } from '../../../../tests/factories';
import { backupDatabase } from '../backup/backup';
import { createBody } from '../bodies/bodies';
import { migrationsFolder, openDatabase, type Db } from '../db';
import { addField } from '../process/fields';
import { listCataloguePage, readCatalogueQuery } from './catalogue';
import {
	createMeasure,
	listCatalogue,
	moveMeasureTo,
	removeMeasure,
	updateMeasure,
	type MeasureInput
} from './measures';

let db: Db;
let processId: number;
let language: number;
let work: number;

const measure = (fieldOfActionId: number, title: string, more: Partial<MeasureInput> = {}) =>
	createMeasure(db, processId, {
		fieldOfActionId,
		goalId: null,
		title,
		description: '',
		lead: 'Fachbereich Integration',
		timeframe: 'short',
		costEstimate: '',
		funding: 'own_budget',
		priority: 'high',
		status: 'proposed',
		...more
	})!;

beforeEach(() => {
	db = createTestDb();
	processId = createTestEvent(db, createTestOrganisation(db).id).process.id;
	addField(db, processId, { code: '1', title: 'Sprache', description: '' });
	addField(db, processId, { code: '2', title: 'Arbeit', description: '' });
	[language, work] = listCatalogue(db, processId).map((c) => c.field.id) as [number, number];
});

function page(search: string) {
	const query = readCatalogueQuery(db, processId, new URLSearchParams(search));
	return listCataloguePage(db, processId, query);
}
const titles = (search: string) => page(search).measures.map((row) => `${row.number} ${row.title}`);

describe('searching the catalogue', () => {
	it('finds ß as ss and umlauts as plain or written-out vowels, both ways', () => {
		measure(language, 'Sprachcafé in der Hauptstraße');
		measure(work, 'Beratung', { lead: 'Frau Müller (Jobcenter)' });
		measure(work, 'Praktika', { description: 'mit der Firma Mueller' });
		expect(titles('q=Hauptstrasse')).toEqual(['1.1 Sprachcafé in der Hauptstraße']);
		expect(titles('q=HAUPTSTRAẞE')).toEqual(['1.1 Sprachcafé in der Hauptstraße']);
		expect(titles('q=sprach')).toEqual(['1.1 Sprachcafé in der Hauptstraße']);
		expect(titles('q=Muller')).toEqual(['2.1 Beratung']);
		expect(titles('q=Mueller')).toEqual(['2.1 Beratung', '2.2 Praktika']);
		expect(titles('q=Müller')).toEqual(['2.1 Beratung', '2.2 Praktika']);
		expect(titles('q=müller job')).toEqual(['2.1 Beratung']);
	});

	it('follows edits and deletions through the triggers', () => {
		const cafe = measure(language, 'Sprachcafé');
		updateMeasure(db, processId, cafe.id, {
			fieldOfActionId: language,
			goalId: null,
			title: 'Elterncafé',
			description: '',
			lead: '',
			timeframe: 'short',
			costEstimate: '',
			funding: 'open',
			priority: 'medium',
			status: 'proposed'
		});
		expect(titles('q=sprach')).toEqual([]);
		expect(titles('q=eltern')).toEqual(['1.1 Elterncafé']);
		removeMeasure(db, processId, cafe.id);
		expect(titles('q=eltern')).toEqual([]);
		expect(db.$client.prepare('SELECT count(*) AS n FROM measure_search').get()).toEqual({ n: 0 });
	});

	it('never fails on what people type, and treats it as words', () => {
		measure(language, 'Kurs "Deutsch*" NEAR(Bahnhof) - Teil:1');
		const hostile = [
			'"',
			'""',
			'*',
			'Deutsch*',
			'NEAR(',
			'NEAR(Kurs Bahnhof',
			'-Kurs',
			'Teil:1',
			'AND OR NOT',
			'\u0000\u0001\u001f',
			'x'.repeat(100_000),
			'Kurs '.repeat(25_000)
		];
		for (const q of hostile) {
			expect(() => page(new URLSearchParams({ q }).toString()), q).not.toThrow();
		}
		expect(titles(new URLSearchParams({ q: '"Deutsch*" NEAR(' }).toString())).toHaveLength(1);
		expect(titles(new URLSearchParams({ q: '-Kurs' }).toString())).toHaveLength(1);
	});
});

describe('the search index in a backup', () => {
	it('travels in the backup file and keeps working after a restore', async () => {
		measure(language, 'Sprachcafé in der Hauptstraße');
		const target = join(dirname(db.$client.name), 'sicherung.db');
		await backupDatabase(db.$client, target, { migrationsFolder });
		const restored = openDatabase(target);
		try {
			const query = readCatalogueQuery(restored, processId, new URLSearchParams('q=hauptstrasse'));
			expect(listCataloguePage(restored, processId, query).measures).toHaveLength(1);
			db = restored;
			measure(work, 'Jobcafé');
			expect(titles('q=job')).toEqual(['2.1 Jobcafé']);
		} finally {
			restored.$client.close();
		}
	});
});

describe('filtering, sorting and paging the catalogue', () => {
	it('filters by offered values only, sorts and numbers by place in the field', () => {
		measure(language, 'Zweitsprache', { status: 'done', timeframe: 'long' });
		measure(language, 'Alphabetisierung', { lead: 'VHS' });
		measure(work, 'Jobcafé', { status: 'done', funding: 'third_party' });
		expect(titles('')).toEqual(['1.1 Zweitsprache', '1.2 Alphabetisierung', '2.1 Jobcafé']);
		expect(titles(`field=${work}`)).toEqual(['2.1 Jobcafé']);
		expect(titles('status=done')).toEqual(['1.1 Zweitsprache', '2.1 Jobcafé']);
		expect(titles('status=done&timeframe=long')).toEqual(['1.1 Zweitsprache']);
		expect(titles('lead=VHS')).toEqual(['1.2 Alphabetisierung']);
		expect(titles('funding=third_party')).toEqual(['2.1 Jobcafé']);
		expect(titles('sort=title')).toEqual([
			'1.2 Alphabetisierung',
			'2.1 Jobcafé',
			'1.1 Zweitsprache'
		]);
		expect(titles('sort=status')[0]).toBe('1.2 Alphabetisierung');
		// Unknown values are ignored rather than answered with an error.
		expect(titles('status=nonsense&field=99999&sort=x&per=7&page=-1')).toHaveLength(3);
		const query = readCatalogueQuery(db, processId, new URLSearchParams('status=nonsense'));
		expect(query.filters.find((filter) => filter.key === 'status')?.value).toBe('');
	});

	it('filters by the lead: a body, an organisation of the list or one typed; never another process’s body', () => {
		const body = (name: string, ofProcess = processId) =>
			createBody(db, ofProcess, {
				kind: 'working_group',
				name,
				description: '',
				fieldOfActionId: null,
				isPublic: true
			}).id;
		const housing = body('AG Wohnen');
		measure(language, 'Sprachcafé', { lead: 'jobcenter' });
		measure(language, 'Lesepaten', { leadBodyId: housing, lead: 'kommunen' });
		measure(work, 'Jobcafé', { lead: 'Caritas-Zentrum Landau' });
		measure(work, 'Messe', { lead: 'jobcenter' });
		const lead = readCatalogueQuery(db, processId, new URLSearchParams()).filters.find(
			(filter) => filter.key === 'lead'
		)!;
		// Bodies first, then organisations by their label.
		expect(lead.options).toEqual([
			{ value: `body:${housing}`, label: 'AG Wohnen' },
			{ value: 'Caritas-Zentrum Landau', label: 'Caritas-Zentrum Landau' },
			{ value: 'jobcenter', label: 'Jobcenter' },
			{ value: 'kommunen', label: 'Kommunen' }
		]);
		expect(titles('lead=jobcenter')).toEqual(['1.1 Sprachcafé', '2.2 Messe']);
		expect(titles(`lead=body:${housing}`)).toEqual(['1.2 Lesepaten']);
		expect(titles(`lead=${encodeURIComponent('Caritas-Zentrum Landau')}`)).toEqual(['2.1 Jobcafé']);
		expect(page('').measures.find((row) => row.title === 'Lesepaten')).toMatchObject({
			leadBody: 'AG Wohnen',
			lead: 'kommunen'
		});
		// Another process's body, a body no measure names, and made-up values filter nothing.
		const elsewhere = body(
			'AG Fremd',
			createTestEvent(db, createTestOrganisation(db, 'Stadt Konstanz').id).process.id
		);
		const idle = body('AG Ohne Maßnahme');
		for (const value of [
			`body:${elsewhere}`,
			`body:${idle}`,
			'body:1 OR 1=1',
			'body:',
			'Jobcenter',
			"'; DROP TABLE measure; --"
		]) {
			expect(titles(`lead=${encodeURIComponent(value)}`), value).toHaveLength(4);
		}
	});

	it('pages, showing the last page for one past the end', () => {
		for (let n = 1; n <= 60; n += 1) measure(work, `Maßnahme ${n}`);
		const first = page('per=25');
		expect(first.window).toMatchObject({ page: 1, pages: 3, total: 60 });
		expect(first.measures).toHaveLength(25);
		const last = page('per=25&page=9');
		expect(last.window.page).toBe(3);
		expect(last.measures.map((row) => row.number)).toEqual(
			Array.from({ length: 10 }, (_, i) => `2.${51 + i}`)
		);
		expect(page('per=100').measures).toHaveLength(60);
		expect(page('per=100').measures.every((row) => row.places === 60)).toBe(true);
	});
});

describe('the queries of a catalogue page', () => {
	it('are as many for 120 measures as for 3', () => {
		const queries = (search: string) => {
			const prepare = vi.spyOn(db.$client, 'prepare');
			page(search);
			const count = prepare.mock.calls.length;
			prepare.mockRestore();
			return count;
		};
		for (let n = 1; n <= 3; n += 1) measure(language, `Maßnahme ${n}`, { lead: `Amt ${n}` });
		const few = queries('q=massnahme&status=proposed&sort=title');
		for (let n = 4; n <= 120; n += 1)
			measure(n % 2 ? work : language, `Maßnahme ${n}`, { lead: `Amt ${n}` });
		expect(queries('q=massnahme&status=proposed&sort=title')).toBe(few);
		// Fields, goals, leads, lead bodies, addressees, projects and guidelines for the filters; the
		// count; the page.
		expect(few).toBe(9);
	});
});

describe('moving a measure to a place', () => {
	const order = () => listCatalogue(db, processId)[1]!.measures.map((row) => row.title);
	const positions = () => listCatalogue(db, processId)[1]!.measures.map((row) => row.position);

	beforeEach(() => {
		for (const title of ['A', 'B', 'C', 'D', 'E']) measure(work, title);
	});
	const id = (title: string) =>
		listCatalogue(db, processId)[1]!.measures.find((row) => row.title === title)!.id;

	it('moves first to last and last to first in one step, positions dense and unique', () => {
		expect(moveMeasureTo(db, processId, id('A'), 5)).toEqual({ ok: true });
		expect(order()).toEqual(['B', 'C', 'D', 'E', 'A']);
		expect(positions()).toEqual([0, 1, 2, 3, 4]);
		expect(moveMeasureTo(db, processId, id('A'), 1)).toEqual({ ok: true });
		expect(order()).toEqual(['A', 'B', 'C', 'D', 'E']);
		expect(moveMeasureTo(db, processId, id('B'), 4)).toEqual({ ok: true });
		expect(order()).toEqual(['A', 'C', 'D', 'B', 'E']);
		expect(positions()).toEqual([0, 1, 2, 3, 4]);
	});

	it('leaves the order alone for its own place, and refuses places outside the field', () => {
		expect(moveMeasureTo(db, processId, id('C'), 3)).toEqual({ ok: true });
		expect(order()).toEqual(['A', 'B', 'C', 'D', 'E']);
		for (const place of [0, 6, -1, 1.5]) {
			expect(moveMeasureTo(db, processId, id('C'), place)).toEqual({
				ok: false,
				reason: 'out_of_range',
				places: 5
			});
		}
		expect(order()).toEqual(['A', 'B', 'C', 'D', 'E']);
	});

	it('finds no measure of another process or an archived one', () => {
		const other = createTestEvent(db, createTestOrganisation(db, 'Stadt Landau').id).process.id;
		expect(moveMeasureTo(db, other, id('A'), 1)).toEqual({ ok: false, reason: 'not_found' });
		expect(moveMeasureTo(db, processId, 999_999, 1)).toEqual({ ok: false, reason: 'not_found' });
	});
});
