import { strToU8, zipSync } from 'fflate';
import writeXlsxFile from 'write-excel-file/node';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, createTestEvent, createTestOrganisation } from '../../../../tests/factories';
import { createBody } from '../bodies/bodies';
import { createMeasure, listCatalogue, listsOfMeasure, updateMeasure } from '../concept/measures';
import type { Db } from '../db';
import { catalogueCsv, catalogueXlsx } from '../export/catalogue-csv';
import { addField, addGuideline, listGuidelines } from '../process/fields';
import { createProject } from '../concept/projects';
import { indicatorsByGoal } from '../concept/goal-indicators';
import type * as table from '../db/schema';
import { createRevision } from '../process/processes';
import {
	locateHeader,
	mappingProblems,
	planImport,
	runImport,
	suggestMapping,
	type Mapping
} from './catalogue-import';
import { columnOfHeader } from './columns';
import { dryRun } from './import-page';
import { decodeText, detectSeparator, importLimits, readTable, type TableRow } from './read-table';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Windows-1252: Latin-1 for umlauts and ß, 0x80 for the euro sign. */
function windows1252(text: string): Uint8Array {
	return Uint8Array.from([...text].map((char) => (char === '€' ? 0x80 : char.charCodeAt(0))));
}

async function rowsOf(bytes: Uint8Array) {
	const read = await readTable(bytes);
	if (!read.ok) throw new Error(read.problem);
	return read;
}

describe('reading an uploaded file', () => {
	it('reads UTF-8 with and without BOM, UTF-16 and Windows-1252 with their umlauts', async () => {
		const text = 'Handlungsfeld;Maßnahme;Kosten\r\nÜbergänge;Sprachcafé für Väter;5.000 €\r\n';
		for (const bytes of [
			utf8(text),
			utf8('\uFEFF' + text),
			windows1252(text),
			Uint8Array.from([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))])
		]) {
			const read = await rowsOf(bytes);
			expect(read.rows[1]!.cells).toEqual(['Übergänge', 'Sprachcafé für Väter', '5.000 €']);
		}
		expect(decodeText(utf8('\uFEFFa'))).toBe('a');
	});

	it('finds the separator: semicolon, comma or tab, quotes aside', async () => {
		expect(detectSeparator('a;b;c\n1,2;3')).toBe(';');
		expect(detectSeparator('"a;b",c,d\n')).toBe(',');
		expect(detectSeparator('a\tb\tc')).toBe('\t');
		const read = await rowsOf(utf8('Handlungsfeld,Maßnahme\n"Arbeit, Beruf","Jobcafé ""plus"""\n'));
		expect(read.rows[1]!.cells).toEqual(['Arbeit, Beruf', 'Jobcafé "plus"']);
	});

	it('skips empty rows and says how many; takes back the apostrophe the export put before a formula', async () => {
		const read = await rowsOf(
			utf8("Handlungsfeld;Maßnahme\n;\n\nArbeit;'=Jobcafé\nArbeit;''=x\n;;\n")
		);
		expect(read.rows.map((row) => row.line)).toEqual([1, 4, 5]);
		expect(read.rows[1]!.cells[1]).toBe('=Jobcafé');
		expect(read.rows[2]!.cells[1]).toBe("'=x");
		expect(read.notes.join(' ')).toContain('Leere Zeilen übersprungen: 3');
	});

	it('refuses files over the limits, with the figures', async () => {
		const many = 'Maßnahme\n' + 'Sprachkurs\n'.repeat(10_000);
		const rows = await readTable(utf8(many));
		expect(rows).toEqual({ ok: false, problem: expect.stringContaining('10000 Zeilen') });
		const large = await readTable(new Uint8Array(importLimits.bytes + 1).fill(65));
		expect(large.ok).toBe(false);
		const wide = await readTable(utf8(Array.from({ length: 61 }, (_, i) => `c${i}`).join(';')));
		expect(wide).toEqual({ ok: false, problem: expect.stringContaining('61 Spalten') });
		expect(await readTable(new Uint8Array())).toEqual({ ok: false, problem: expect.any(String) });
		expect(await readTable(utf8('Maßnahme\n"offen;zu\n'))).toEqual({
			ok: false,
			problem: expect.stringContaining('ab Zeile')
		});
	});

	it('reads XLSX: merged cells fill their rows, formulas give their cached value', async () => {
		const sheet = await writeXlsxFile([
			['Maßnahmenkatalog Integrationskonzept 2.0'],
			[],
			['Handlungsfeld', 'Maßnahme', 'Kosten'],
			[{ value: 'Sprache & Bildung', rowSpan: 2 }, 'Sprachcafé', 1500],
			[null, 'Elternlotsen', { value: 'B4*2', type: 'Formula' }],
			[],
			['Arbeit', 'Jobcafé', null]
		]).toBuffer();
		const read = await rowsOf(new Uint8Array(sheet));
		expect(read.kind).toBe('xlsx');
		const header = locateHeader(read.rows);
		expect(read.rows[header]!.cells).toEqual(['Handlungsfeld', 'Maßnahme', 'Kosten']);
		expect(read.rows.slice(header + 1).map((row) => row.cells.slice(0, 2))).toEqual([
			['Sprache & Bildung', 'Sprachcafé'],
			['Sprache & Bildung', 'Elternlotsen'],
			['Arbeit', 'Jobcafé']
		]);
		expect(read.rows[header + 1]!.line).toBe(4);
		expect(read.notes.join(' ')).toContain('Verbundene Zellen: 1');
		expect(read.notes.join(' ')).toContain('Zellen mit Formeln: 1');
	});

	it('refuses a macro workbook, an old .xls, a renamed file and a zip bomb', async () => {
		const real = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') });
		expect((await readTable(real)).ok).toBe(false);
		const macros = zipSync({
			'xl/workbook.xml': strToU8('<workbook/>'),
			'xl/vbaProject.bin': new Uint8Array(16)
		});
		expect(await readTable(macros)).toEqual({
			ok: false,
			problem: expect.stringContaining('Makros')
		});
		const xls = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
		expect(await readTable(xls)).toEqual({ ok: false, problem: expect.stringContaining('.xls') });
		const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		expect(await readTable(png)).toEqual({
			ok: false,
			problem: expect.stringContaining('weder eine Excel-Datei')
		});
		const notZip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
		expect((await readTable(notZip)).ok).toBe(false);
		// 16 MB of zeros pack into about 16 KB, a thousandth.
		const bomb = zipSync(
			{
				'xl/workbook.xml': strToU8('<workbook/>'),
				'xl/worksheets/sheet1.xml': new Uint8Array(16 * 1024 * 1024)
			},
			{ level: 9 }
		);
		expect(bomb.length).toBeLessThan(100 * 1024);
		expect(await readTable(bomb)).toEqual({
			ok: false,
			problem: expect.stringContaining('entpackt zu groß')
		});
	});
});

describe('the column registry', () => {
	it('knows headers in German and English, with the councils’ own words', () => {
		expect(columnOfHeader('Maßnahme')).toBe('title');
		expect(columnOfHeader(' MASSNAHME ')).toBe('title');
		expect(columnOfHeader('Handlungsempfehlung')).toBe('title');
		expect(columnOfHeader('Field of action')).toBe('field');
		expect(columnOfHeader('Federführung')).toBe('lead');
		expect(columnOfHeader('Zuständig')).toBe('lead');
		expect(columnOfHeader('Kostenschätzung')).toBe('costCents');
		expect(columnOfHeader('Anmerkung zu den Kosten')).toBe('costEstimate');
		expect(columnOfHeader('Zielgruppen')).toBe('addressees');
		expect(columnOfHeader('Haushaltsvorbehalt')).toBe('budgetReservation');
		expect(columnOfHeader('Nr.')).toBe('ownNumber');
		expect(columnOfHeader('Lfd. Nr.')).toBe(null);
		expect(suggestMapping(['ID', 'Lfd. Nr.', 'Handlungsfeld', 'Maßnahme', 'Titel'])).toEqual([
			'id',
			null,
			'field',
			'title',
			null
		]);
		expect(mappingProblems(['title', 'title'])).toHaveLength(2);
	});
});

describe('importing a catalogue', () => {
	let db: Db;
	let processId: number;
	let previous: table.Process;
	let otherProcessId: number;
	let arbeit: number;
	const hash = 'file';

	beforeEach(() => {
		db = createTestDb();
		const organisation = createTestOrganisation(db);
		previous = createTestEvent(db, organisation.id).process;
		processId = previous.id;
		otherProcessId = createTestEvent(db, createTestOrganisation(db, 'Stadt Landau').id).process.id;
		addField(db, processId, { code: '2', title: 'Arbeit und Beruf', description: '' });
		arbeit = listCatalogue(db, processId)[0]!.field.id;
	});

	const rowsFrom = (lines: string[][]): TableRow[] =>
		lines.map((cells, index) => ({ line: index + 2, cells }));

	it('plans per row, creates fields and goals by title, and imports all of it at once', () => {
		const mapping: Mapping = ['field', 'goal', 'title', 'timeframe', 'funding', 'plannedYear'];
		const rows = rowsFrom([
			[
				'  arbeit UND beruf ',
				'Mehr Ausbildung',
				'Jobcafé',
				'kurzfristig',
				'Eigene Haushaltsmittel',
				'2027'
			],
			['Sprache & Bildung', '', 'Sprachcafé', 'Mittelfristig (2–5 Jahre)', '', ''],
			['Sprache & Bildung', '', 'Elternkurse', 'bald', '', 'nächstes Jahr'],
			['Sprache & Bildung', '', '', '', '', '']
		]);
		const plan = planImport(db, processId, rows, mapping, hash);
		expect(plan.counts).toEqual({ create: 2, update: 0, unchanged: 0, refused: 2 });
		expect(plan.newFields).toEqual([
			{ key: expect.any(String), code: '1', title: 'Sprache & Bildung' }
		]);
		expect(plan.newGoals.map((goal) => goal.title)).toEqual(['Mehr Ausbildung']);
		expect(plan.rows[2]!.details.join(' ')).toMatch(/Zeitraum: „bald“ ist kein bekannter Wert/);
		expect(plan.rows[2]!.details.join(' ')).toMatch(/Geplant für das Jahr/);
		// Refused rows stop the import: nothing is written.
		expect(runImport(db, processId, rows, mapping, hash, plan.fingerprint)).toEqual({
			ok: false,
			reason: 'refused_rows'
		});
		const good = rows.slice(0, 2);
		const goodPlan = planImport(db, processId, good, mapping, hash);
		const outcome = runImport(db, processId, good, mapping, hash, goodPlan.fingerprint);
		expect(outcome).toMatchObject({ ok: true, fields: 1, goals: 1 });
		const catalogue = listCatalogue(db, processId);
		expect(catalogue.map((c) => c.measures.map((m) => `${m.number} ${m.title}`))).toEqual([
			['2.1 Jobcafé'],
			['1.1 Sprachcafé']
		]);
		const jobcafe = catalogue[0]!.measures[0]!;
		expect(jobcafe).toMatchObject({ timeframe: 'short', funding: 'own_budget', plannedYear: 2027 });
		expect(jobcafe.goalId).toBe(catalogue[0]!.goals[0]!.id);
	});

	it('updates by id, refuses ids of other processes, and refuses when the catalogue changed', () => {
		const own = createMeasure(db, processId, {
			fieldOfActionId: arbeit,
			goalId: null,
			title: 'Jobcafé',
			description: '',
			lead: '',
			timeframe: 'short',
			costEstimate: '',
			funding: 'open',
			priority: 'medium',
			status: 'proposed'
		})!;
		const otherField =
			(addField(db, otherProcessId, { code: '1', title: 'Arbeit', description: '' }),
			listCatalogue(db, otherProcessId)[0]!.field.id);
		const { id: _id, ...ownInput } = own;
		const foreign = createMeasure(db, otherProcessId, {
			...ownInput,
			fieldOfActionId: otherField,
			goalId: null
		})!;
		const mapping: Mapping = ['id', 'field', 'title', 'lead'];
		const rows = rowsFrom([
			[String(own.id), 'Arbeit und Beruf', 'Jobcafé', 'Jobcenter'],
			[String(foreign.id), 'Arbeit und Beruf', 'Fremd', ''],
			['999999', 'Arbeit und Beruf', 'Unbekannt', '']
		]);
		const plan = planImport(db, processId, rows, mapping, hash);
		expect(plan.rows.map((row) => row.action)).toEqual(['update', 'refused', 'refused']);
		expect(plan.rows[0]!.details).toEqual(['Federführung']);
		expect(plan.rows[1]!.details[0]).toContain(`ID ${foreign.id}`);

		const one = rows.slice(0, 1);
		const dryRun = planImport(db, processId, one, mapping, hash);
		// Someone edits the measure between the dry run and the import.
		updateMeasure(db, processId, own.id, { ...ownInput, lead: 'Integrationsbüro' });
		expect(runImport(db, processId, one, mapping, hash, dryRun.fingerprint)).toEqual({
			ok: false,
			reason: 'changed'
		});
		const again = planImport(db, processId, one, mapping, hash);
		expect(runImport(db, processId, one, mapping, hash, again.fingerprint)).toMatchObject({
			ok: true
		});
		// An organisation of the vocabulary is stored by its key, as the measure form stores it.
		expect(listCatalogue(db, processId)[0]!.measures).toMatchObject([
			{ id: own.id, lead: 'jobcenter' }
		]);
	});

	it('gives a goal it creates its indicator and target as the goal’s first indicator, and exports it', () => {
		const source = [
			['Handlungsfeld', 'Ziel', 'Indikator', 'Zielwert', 'Maßnahme'],
			['Sprache', 'Alle lesen', 'Kinder mit Lesepass', '120', 'Lesepass'],
			['Sprache', 'Alle schreiben', '', 'mehr als 2025', 'Schreibwerkstatt'],
			['Sprache', 'Alle lesen', 'Anders', '7', 'Bücherei']
		];
		const rows = rowsFrom(source.slice(1));
		const mapping = suggestMapping(source[0]!);
		const plan = planImport(db, processId, rows, mapping, hash);
		expect(runImport(db, processId, rows, mapping, hash, plan.fingerprint)).toMatchObject({
			ok: true,
			goals: 2
		});
		const goals = listCatalogue(db, processId).flatMap((field) => field.goals);
		const indicators = indicatorsByGoal(db, processId);
		expect(
			goals.map((goal) => [
				goal.title,
				indicators.get(goal.id)?.map(({ name, targetValue, note }) => ({ name, targetValue, note }))
			])
		).toEqual([
			['Alle lesen', [{ name: 'Kinder mit Lesepass', targetValue: 120, note: '120' }]],
			['Alle schreiben', [{ name: 'mehr als 2025', targetValue: null, note: 'mehr als 2025' }]]
		]);
		const csv = catalogueCsv(db, processId, '2026-06-01');
		expect(csv).toContain('Alle lesen;Kinder mit Lesepass;120;Lesepass');
	});

	it('reads its own export back unchanged, as CSV and as XLSX, and a revision carries it over', async () => {
		const source = [
			[
				'Handlungsfeld',
				'Ziel',
				'Indikator',
				'Maßnahme',
				'Beschreibung',
				'Anmerkung zu den Kosten',
				'Stand'
			],
			[
				'Sprache',
				'Alle Kinder sprechen Deutsch',
				'Quote',
				'-Sprachcafé',
				'Zeile 1\nZeile 2; "zitiert"',
				'=5000',
				'In Umsetzung'
			],
			['Arbeit und Beruf', '', '', '@Jobcafé', '', '+49 7531', 'umgesetzt']
		];
		const rows = rowsFrom(source.slice(1));
		const mapping = suggestMapping(source[0]!);
		const plan = planImport(db, processId, rows, mapping, hash);
		expect(runImport(db, processId, rows, mapping, hash, plan.fingerprint)).toMatchObject({
			ok: true
		});
		// Relations travel too: a further field, guidelines and a project.
		addGuideline(db, processId, { title: 'Ehrenamt; gezielt einbinden', description: '' });
		addGuideline(db, processId, { title: 'Beteiligung', description: '' });
		const cafe = listCatalogue(db, processId)[1]!.measures[0]!;
		const other = listCatalogue(db, processId).find((c) => c.field.id !== cafe.fieldOfActionId)!;
		updateMeasure(db, processId, cafe.id, {
			...cafe,
			furtherFieldIds: [other.field.id],
			guidelineIds: listGuidelines(db, processId).map((g) => g.id)
		});
		createProject(db, processId, { title: 'Starterprojekt', description: '', lead: '' }, [
			cafe.number
		]);
		const before = listCatalogue(db, processId);
		const relations = listsOfMeasure(db, cafe.id);

		for (const file of [
			utf8(catalogueCsv(db, processId, '2026-06-01')),
			new Uint8Array(await catalogueXlsx(db, processId, '2026-06-01', 'Katalog'))
		]) {
			const read = await rowsOf(file);
			const header = locateHeader(read.rows);
			const again = planImport(
				db,
				processId,
				read.rows.slice(header + 1),
				suggestMapping(read.rows[header]!.cells),
				hash
			);
			expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 2, refused: 0 });
		}
		expect(listCatalogue(db, processId)).toEqual(before);
		expect(listsOfMeasure(db, cafe.id)).toEqual(relations);
		expect(relations.guidelineIds).toHaveLength(2);
		expect(before[1]!.measures[0]).toMatchObject({
			title: '-Sprachcafé',
			description: 'Zeile 1\nZeile 2; "zitiert"',
			costEstimate: '=5000',
			status: 'in_implementation'
		});

		const revision = createRevision(db, previous, {
			title: 'Integrationskonzept 2.0',
			description: '',
			template: 'empty',
			startsOn: '2027-01-01'
		});
		const carried = listCatalogue(db, revision.id);
		expect(carried.map((c) => c.measures.map((m) => m.title))).toEqual(
			before.map((c) => c.measures.map((m) => m.title))
		);
		expect(carried[1]!.goals.map((g) => g.title)).toEqual(['Alle Kinder sprechen Deutsch']);
	});

	it('reads the measure model: own number, lead body, lists, period, money; and round-trips it', async () => {
		const steering = createBody(db, processId, {
			kind: 'steering_group',
			name: 'Steuerungsgruppe',
			description: '',
			fieldOfActionId: null,
			isPublic: true
		});
		const header = [
			'Nr.',
			'Handlungsfeld',
			'Maßnahme',
			'Federführung',
			'Zielgruppen',
			'Kooperationspartner',
			'Zeitraum',
			'Kosten',
			'Kostenart',
			'Kosten je Jahr',
			'Anmerkung zu den Kosten',
			'Finanzierung',
			'Förderprogramm',
			'Haushaltsvorbehalt',
			'Stand'
		];
		const rows = rowsFrom([
			[
				'IP 1.5',
				'Übergänge',
				'Sprachcafé für Väter',
				'steuerungsgruppe; Integrationsbüro',
				'Geflüchtete, Parents',
				'Volkshochschulen; Caritas-Zentrum Süd\nJobcenter',
				'2018/19',
				'12.500 €',
				'jährlich',
				'2018: 12.500 €; 2019: 10.000,50 €',
				'Personalkosten im Stellenplan',
				'Förderprogramm',
				'WIR – Wege in Arbeit',
				'x',
				'Ressourcenvorbehalt'
			],
			[
				'',
				'Übergänge',
				'Elternlotsen',
				'Jugendamt',
				'',
				'',
				'kurzfristig',
				'',
				'',
				'',
				'',
				'Mittel Dritter',
				'Stiftung Müller',
				'nein',
				'Gremienbeschluss'
			],
			[
				'1.3',
				'Übergänge',
				'Lesepaten',
				'Steuerungsgruppe',
				'',
				'',
				'',
				'',
				'',
				'',
				'',
				'',
				'',
				'',
				''
			]
		]);
		const mapping = suggestMapping(header);
		const plan = planImport(db, processId, rows, mapping, hash);
		expect(plan.counts, JSON.stringify(plan.rows.map((r) => r.details))).toEqual({
			create: 3,
			update: 0,
			unchanged: 0,
			refused: 0
		});
		expect(runImport(db, processId, rows, mapping, hash, plan.fingerprint)).toMatchObject({
			ok: true
		});
		const [cafe, lotsen, lesepaten] = listCatalogue(db, processId)[1]!.measures;
		expect(cafe).toMatchObject({
			number: 'IP 1.5',
			ownNumber: 'IP 1.5',
			leadBodyId: steering.id,
			lead: 'Integrationsbüro',
			timeframe: 'period',
			periodStart: 2018,
			periodEnd: 2019,
			costCents: 1_250_000,
			costKind: 'per_year',
			costEstimate: 'Personalkosten im Stellenplan',
			funding: 'application',
			fundingName: 'WIR – Wege in Arbeit',
			budgetReservation: true,
			status: 'resource_reservation'
		});
		expect(listsOfMeasure(db, cafe!.id)).toEqual({
			addressees: ['gefluechtete', 'eltern'],
			partners: ['volkshochschulen', 'Caritas-Zentrum Süd', 'jobcenter'],
			costYears: [
				{ year: 2018, cents: 1_250_000 },
				{ year: 2019, cents: 1_000_050 }
			],
			furtherFieldIds: [],
			guidelineIds: []
		});
		expect(lotsen).toMatchObject({
			leadBodyId: null,
			lead: 'Jugendamt',
			timeframe: 'short',
			funding: 'third_party',
			fundingName: 'Stiftung Müller',
			budgetReservation: false,
			status: 'council_decision_needed'
		});
		// "1.3" is the number Lesepaten gets anyway: no own number.
		expect(lesepaten).toMatchObject({
			number: '1.3',
			ownNumber: null,
			leadBodyId: steering.id,
			lead: ''
		});

		// What text alone cannot tell apart still comes back unchanged from the export.
		const { id: _id, ...stored } = lotsen!;
		updateMeasure(db, processId, lotsen!.id, {
			...stored,
			lead: 'Steuerungsgruppe',
			parties: { addressees: ['frauen'], partners: ['Stadt Landau, Sozialamt'] }
		});
		// A body and an organisation of the vocabulary lead together.
		const { id: _lesepatenId, ...lesepatenStored } = lesepaten!;
		updateMeasure(db, processId, lesepaten!.id, { ...lesepatenStored, lead: 'jobcenter' });
		const before = listCatalogue(db, processId);
		const lists = [cafe!.id, lotsen!.id, lesepaten!.id].map((id) => listsOfMeasure(db, id));
		for (const file of [
			utf8(catalogueCsv(db, processId, '2026-06-01')),
			new Uint8Array(await catalogueXlsx(db, processId, '2026-06-01', 'Katalog'))
		]) {
			const read = await rowsOf(file);
			const at = locateHeader(read.rows);
			const exported = read.rows[at]!.cells;
			expect(exported).toContain('Kosten je Jahr');
			const cells = read.rows[at + 1]!.cells;
			expect(cells[exported.indexOf('Nr.')]).toBe('IP 1.5');
			expect(cells[exported.indexOf('Zeitraum')]).toBe('2018/19');
			expect(cells[exported.indexOf('Kosten je Jahr')]).toBe(
				'2018: 12.500,00\u00a0€; 2019: 10.000,50\u00a0€'
			);
			expect(cells[exported.indexOf('Kooperationspartner')]).toBe(
				'Volkshochschulen; Caritas-Zentrum Süd; Jobcenter'
			);
			const lesepatenCells = read.rows[at + 3]!.cells;
			expect(lesepatenCells[exported.indexOf('Federführung')]).toBe('Steuerungsgruppe; Jobcenter');
			const again = planImport(
				db,
				processId,
				read.rows.slice(at + 1),
				suggestMapping(exported),
				hash
			);
			expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 3, refused: 0 });
		}
		expect(listCatalogue(db, processId)).toEqual(before);
		expect([cafe!.id, lotsen!.id, lesepaten!.id].map((id) => listsOfMeasure(db, id))).toEqual(
			lists
		);

		// A changed cell of a list is read afresh and only that list is written.
		const update = planImport(
			db,
			processId,
			rowsFrom([[String(cafe!.id), 'Übergänge', 'Sprachcafé für Väter', 'Frauen; BAMF']]),
			['id', 'field', 'title', 'addressees'],
			hash
		);
		expect(update.rows[0]).toMatchObject({
			action: 'update',
			details: ['Adressaten und Zielgruppen'],
			rewrite: { parties: true, costYears: false }
		});
	});

	it('refuses a row whose values do not fit together', () => {
		createMeasure(db, processId, {
			fieldOfActionId: arbeit,
			goalId: null,
			ownNumber: 'A-1',
			title: 'Jobcafé',
			description: '',
			lead: '',
			timeframe: 'short',
			costEstimate: '',
			funding: 'open',
			priority: 'medium',
			status: 'proposed'
		});
		const mapping: Mapping = [
			'ownNumber',
			'field',
			'title',
			'timeframe',
			'costYears',
			'funding',
			'fundingName',
			'budgetReservation'
		];
		const plan = planImport(
			db,
			processId,
			rowsFrom([
				['', 'Arbeit und Beruf', 'Kurs 1', '2026–2027', '2028: 100 €', '', '', ''],
				['', 'Arbeit und Beruf', 'Kurs 2', '', '', 'Eigene Haushaltsmittel', 'ESF', ''],
				['A-1', 'Arbeit und Beruf', 'Kurs 3', '', '', '', '', ''],
				['B 7', 'Arbeit und Beruf', 'Kurs 4', '', '', '', '', ''],
				['B 7', 'Arbeit und Beruf', 'Kurs 5', '', '', '', '', ''],
				['', 'Arbeit und Beruf', 'Kurs 6', 'Zeitraum in Jahren', '2026 12 €', '', '', 'vielleicht']
			]),
			mapping,
			hash
		);
		expect(plan.rows.map((row) => row.action)).toEqual([
			'refused',
			'refused',
			'refused',
			'create',
			'refused',
			'refused'
		]);
		expect(plan.rows.map((row) => row.details.join(' '))).toEqual([
			'Das Jahr 2028 liegt nicht im Zeitraum der Maßnahme.',
			'Einen Namen gibt es nur bei der Finanzierung „Förderprogramm“ oder „Mittel Dritter“.',
			'Die Nummer A-1 trägt schon die Maßnahme „Jobcafé“.',
			'',
			'Die Nummer B 7 steht mehrmals in der Datei.',
			expect.stringMatching(
				/Zeitraum: .*Zeitraum an\. Kosten je Jahr: „2026 12 €“ ist kein Betrag.*Haushaltsvorbehalt: „vielleicht“/
			)
		]);
	});

	it('lists every refused row on the page, but only the first 200 of the others', () => {
		const rows = rowsFrom(
			Array.from({ length: 260 }, (_, i) => ['Arbeit und Beruf', i % 100 === 99 ? '' : `Kurs ${i}`])
		);
		const view = dryRun(db, processId, { upload: { sha256: hash }, rows }, ['field', 'title']);
		expect(view.plan!.counts).toEqual({ create: 258, update: 0, unchanged: 0, refused: 2 });
		expect(view.plan!.rows.filter((row) => row.action === 'refused')).toHaveLength(2);
		expect(view.plan!.rows).toHaveLength(202);
		expect(view.plan!.notListed).toBe(58);
		expect(dryRun(db, processId, { upload: { sha256: hash }, rows }, ['title', null])).toEqual({
			problems: ['Bitte ordnen Sie eine Spalte „Handlungsfeld“ zu.'],
			plan: null
		});
	});
});
