/**
 * Hostile text in every text field, through the real server: forms store it cleaned, and
 * every page and export shows it safely, read back with real parsers (an XML parser for Word,
 * a CSV parser, an iCalendar reader), also when the database holds text that was never
 * cleaned, as rows from before the edge cleaned text may.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { safeText } from '../../src/lib/text/clean';
import { createMember, createTestOrganisation, testPassword } from '../factories';
import { icsText, parseCsv, parseIcs, readDocx } from '../parsers';
import { seedProcess, type ProcessFixture } from './process-fixture';
import { startServer, Visitor, type TestServer } from './server';

const script = '<script>alert("x")</script>';
const markup = `${script}]]>&amp;<w:p>`;
/** Every control character but tab and LF: XML forbids most, calendars and spreadsheets trip. */
const controls = [
	...Array.from({ length: 0x20 }, (_, code) => code).filter((code) => code !== 0x9 && code !== 0xa),
	...Array.from({ length: 0x21 }, (_, i) => 0x7f + i)
]
	.map((code) => String.fromCharCode(code))
	.join('');
const halves = '\ud800 \udfff \ud83d';
const overrides = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
const emoji = '👩🏽\u200d🔧 🏳️\u200d🌈';
/**
 * A field's hostile text: starts like a formula, and carries everything else besides. Once
 * cleaned, it fits the shortest limit of the forms it is typed into (160).
 */
const hostile = (what: string) =>
	`=HYPERLINK("x";"${what}") ${markup} ${controls}${halves}${overrides}Ende, mit; \\ a\rb\r\nc\nd ${emoji} Cafe\u0301 دروس`;
const hundredKb = 'Überlänge ✓ '.repeat(8_000);

/**
 * A field's hostile text as an export must show it: as SQLite gives it back (a lone surrogate
 * does not survive UTF-8), made safe.
 */
function exported(text: string): string {
	const row = server.db().$client.prepare('select ? as text').get(text) as { text: string };
	return safeText(row.text);
}

/** What no stored or exported text may contain. */
const unsafe = (text: string) => safeText(text) !== text;

let server: TestServer;
let legacy: ProcessFixture;
/** A process of plain text, for the forms to add to. */
let plain: ProcessFixture;
let slug = '';
let adminEmail = '';

beforeAll(async () => {
	server = await startServer({
		seed: async (db: Db) => {
			const organisation = createTestOrganisation(db, 'Landkreis Hostil');
			slug = organisation.slug;
			const admin = await createMember(db, organisation.id, 'admin');
			adminEmail = admin.email;
			// Text as it could have been stored before the edge cleaned it, long text included.
			legacy = seedProcess(db, organisation, admin, (what) =>
				/description|summary/.test(what) ? `${hostile(what)} ${hundredKb}` : hostile(what)
			);
			plain = seedProcess(db, organisation, admin, (what) => `Klartext ${what}`);
		}
	});
});

afterAll(() => server?.stop());

async function signedIn(language = 'de') {
	const visitor = new Visitor(server.url, language);
	const reply = await visitor.login(adminEmail, testPassword);
	expect(reply.status, reply.body).toBe(303);
	return visitor;
}

async function download(visitor: Visitor, path: string): Promise<ArrayBuffer> {
	const response = await fetch(server.url + path, {
		headers: { cookie: `mitwirken_session=${visitor.cookie('mitwirken_session')}` }
	});
	expect(response.status, path).toBe(200);
	return response.arrayBuffer();
}

const processPath = (fixture = legacy) => `/o/${slug}/p/${fixture.process.slug}`;

describe('forms', () => {
	it('store hostile text cleaned: no control character, half emoji or override', async () => {
		const admin = await signedIn();
		const marker = 'FORMULARTEXT';
		const text = hostile(marker);
		const base = processPath(plain);
		const event = `${base}/events/${plain.eventId}`;
		const posts: [string, Record<string, string>][] = [
			[
				`${base}/events?/create`,
				{
					title: text,
					description: text,
					place: text,
					startsAt: '2026-06-01T10:00',
					endsAt: '2026-06-01T12:00'
				}
			],
			[
				`${base}/events?/create`,
				{
					title: text,
					description: text,
					place: text,
					exactDateUnknown: 'on',
					startMonth: '2017-03',
					endMonth: '2017-05'
				}
			],
			[`${event}?/addAgendaItem`, { title: text, description: text }],
			[`${event}?/addGuest`, { name: text, affiliation: text }],
			[`${base}/bodies?/create`, { kind: 'advisory_group', name: text, description: text }],
			[
				`${base}/bodies/${plain.bodyId}?/addMember`,
				{ name: text, affiliation: text, function: 'member' }
			],
			[`${base}/fields?/addField`, { code: '77', title: text, description: text }],
			[`${base}/fields?/addGuideline`, { title: text, description: text }],
			[`${base}/projects?/create`, { title: text, description: text, lead: text, measures: '' }],
			[`${base}/phases?/add`, { title: text, description: text, statusOverride: 'automatic' }],
			[`${base}/measures?/addGoal`, { fieldId: String(plain.fieldId), title: text }],
			[
				`${base}/measures/new?/create`,
				{
					fieldOfActionId: String(plain.fieldId),
					title: text,
					description: text,
					leadOther: text,
					// One entry each: a semicolon would part the list.
					addresseesOther: text.replaceAll(';', ','),
					partnersOther: text.replaceAll(';', ','),
					costEstimate: text,
					fundingName: text,
					timeframe: 'short',
					funding: 'own_budget',
					priority: 'high',
					status: 'proposed'
				}
			],
			[
				`${base}/measures/${plain.measureId}?/recordStatus`,
				{ recordedOn: '2026-05-04', status: 'in_implementation', note: text }
			],
			[
				`${base}/monitoring/bericht?/saveNarrative`,
				{ fieldId: String(plain.fieldId), from: '2026-01-01', to: '2026-12-31', text }
			],
			[
				`${base}/monitoring/indikatoren?/addIndicator`,
				{ goalId: String(plain.goalId), name: text, unit: 'Personen', targetValue: '12,5' }
			],
			[
				`${base}/monitoring/indikatoren?/recordValue`,
				{ indicatorId: String(plain.indicatorId), measuredOn: '2026-05-04', value: '3', note: text }
			],
			[`${base}/concept?/comment`, { target: 'introduction', body: text }],
			[`${event}/minutes?/addDecision`, { minutesId: String(plain.minutesId), title: text }],
			[
				`${event}/minutes?/addTask`,
				{ minutesId: String(plain.minutesId), title: text, owner: text }
			],
			[`${base}?/saveBasics`, { title: text, description: text, status: 'running' }]
		];
		for (const [path, fields] of posts) {
			const reply = await admin.post(path, fields);
			expect([200, 303], `${path}: ${reply.status}`).toContain(reply.status);
			expect(reply.body, path).not.toContain(script);
		}

		const garbageMonths = await admin.post(`${base}/events?/create`, {
			title: 'Monate',
			exactDateUnknown: 'on',
			startMonth: text,
			endMonth: text
		});
		expect(garbageMonths.status).toBe(400);
		expect(garbageMonths.body).not.toContain(script);

		const stored = storedTexts(server.db()).filter((entry) => entry.text.includes(marker));
		// Each form stored its texts (the one-line ones joined, the others with their lines).
		expect(stored.length).toBeGreaterThanOrEqual(32);
		for (const { where, text: value } of stored) {
			expect(unsafe(value), `${where}: ${JSON.stringify(value.slice(0, 80))}`).toBe(false);
			expect(value, where).toBe(value.trim());
			expect(value, where).toContain('Café');
			expect(value, where).toContain(emoji);
			expect(value, where).toContain(script);
		}
		expect(stored.some(({ text: value }) => value.includes('a\nb\nc\nd'))).toBe(true);
		expect(stored.some(({ text: value }) => value.includes('a b c d'))).toBe(true);
		// Titles, names, places and owners are one line wherever they are typed (a decision's
		// text in the minutes is a paragraph, so minutes items are not among them).
		const oneLine = stored.filter(({ where }) =>
			/^(?!minutes_item\.)\w+\.(title|name|place|owner|affiliation)$/.test(where)
		);
		expect(oneLine.length).toBeGreaterThanOrEqual(12);
		for (const { where, text: value } of oneLine) expect(value, where).not.toMatch(/[\n\t]/);
	});

	it('refuse over-long text with a translated message and store nothing', async () => {
		for (const [language, message] of [
			['de', 'Bitte geben Sie höchstens 4000 Zeichen ein.'],
			['en', 'Please enter at most 4000 characters.']
		] as const) {
			const admin = await signedIn(language);
			const title = `Zu lang ${language}`;
			const reply = await admin.post(`${processPath(plain)}/events?/create`, {
				title,
				description: hundredKb,
				startsAt: '2026-06-01T10:00',
				endsAt: '2026-06-01T12:00'
			});
			expect(reply.status).toBe(400);
			expect(reply.body).toContain(message);
			expect(storedTexts(server.db()).some((entry) => entry.text === title)).toBe(false);
		}
	});
});

/** Every text value stored in the database, with where it is. */
function storedTexts(db: Db): { where: string; text: string }[] {
	const tables = db.$client
		// Not the search index (`measure_search` and its shadow tables): derived from the measures.
		.prepare(
			"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'measure_search%'"
		)
		.all() as { name: string }[];
	return tables.flatMap(({ name }) =>
		(db.$client.prepare(`select * from "${name}"`).all() as Record<string, unknown>[]).flatMap(
			(row) =>
				Object.entries(row)
					.filter((entry): entry is [string, string] => typeof entry[1] === 'string')
					.flatMap(([column, text]) => textsIn(`${name}.${column}`, text))
		)
	);
}

/** The change log keeps rows as JSON: its texts are the string values inside. */
function textsIn(where: string, text: string): { where: string; text: string }[] {
	if (!where.startsWith('audit_log.') || !text.startsWith('{')) return [{ where, text }];
	return Object.entries(JSON.parse(text) as Record<string, unknown>)
		.filter((entry): entry is [string, string] => typeof entry[1] === 'string')
		.map(([key, value]) => ({ where: `${where}.${key}`, text: value }));
}

describe('pages with hostile text from the database', () => {
	it('show it escaped', async () => {
		const admin = await signedIn();
		const base = processPath();
		const event = `${base}/events/${legacy.eventId}`;
		const pages = [
			base,
			`${base}/events`,
			event,
			`${event}/minutes`,
			`${event}/live`,
			`${base}/bodies`,
			`${base}/bodies/${legacy.bodyId}`,
			`${base}/fields`,
			`${base}/phases`,
			`${base}/measures`,
			`${base}/measures/${legacy.measureId}`,
			`${base}/projects`,
			`${base}/concept`,
			`${base}/concept/${legacy.versionId}`,
			`${base}/review`,
			`${base}/monitoring`,
			`${base}/monitoring/bericht`,
			`${base}/monitoring/indikatoren`,
			`/o/${slug}`
		];
		for (const path of pages) {
			const reply = await admin.get(path);
			expect(reply.status, path).toBe(200);
			expect(reply.body, path).not.toContain(script);
			expect(reply.body, path).toContain('&lt;script>alert');
		}
		const visitor = new Visitor(server.url);
		for (const path of [`/beteiligung/${slug}/${legacy.process.slug}`, `/${legacy.joinCode}`]) {
			const reply = await visitor.get(path);
			expect(reply.status, path).toBe(200);
			expect(reply.body, path).not.toContain(script);
			expect(reply.body, path).toContain('&lt;script>alert');
		}
	});
});

describe('exports of hostile text from the database', () => {
	/** The Word file opens, holds no character XML forbids, and shows the text as text. */
	function expectReadableDocx(file: ArrayBuffer, expected: string[], long = true) {
		const { text, core, xml } = readDocx(file);
		expect(xml).not.toContain('<script>');
		for (const part of [text, core]) {
			expect(unsafe(part), 'the document holds only safe characters').toBe(false);
		}
		for (const what of expected) expect(text).toContain(exported(hostile(what)).split('\n')[0]);
		expect(text).toContain(script);
		expect(text).toContain(emoji);
		expect(text).toContain('Café');
		if (long) expect(text).toContain(hundredKb.trim());
	}

	it('Word: minutes, concept and status report', async () => {
		const admin = await signedIn();
		const base = processPath();
		expectReadableDocx(
			await download(admin, `${base}/events/${legacy.eventId}/minutes/protokoll.docx`),
			['minutes decision', 'minutes task', 'agenda title', 'event title']
		);
		expectReadableDocx(await download(admin, `${base}/concept/${legacy.versionId}/konzept.docx`), [
			'measure title',
			'field title',
			'goal title',
			'guideline title',
			'project title'
		]);
		expectReadableDocx(
			await download(admin, `${base}/monitoring/bericht.docx`),
			['measure title', 'update note', 'indicator name', 'indicator value note', 'field narrative'],
			false
		);
	});

	it('Markdown: the concept, with every mark escaped', async () => {
		const admin = await signedIn();
		const markdown = new TextDecoder('utf-8', { fatal: true }).decode(
			await download(admin, `${processPath()}/concept/${legacy.versionId}/konzept.md`)
		);
		expect(unsafe(markdown)).toBe(false);
		expect(markdown).not.toContain('<');
		expect(markdown).toContain('&lt;script&gt;alert("x")&lt;/script&gt;');
		expect(markdown).toContain(emoji);
		// A text line never starts a list, a quote, a heading underline or a code block.
		for (const line of markdown.split('\n').filter((l) => l.includes('Ende, mit'))) {
			expect(line, line.slice(0, 60)).not.toMatch(/^(\s{4}|[-+=>]|\d+[.)])/);
		}
	});

	it('CSV: measures and workshop results, defused and whole', async () => {
		const admin = await signedIn();
		const base = processPath();
		const decode = (file: ArrayBuffer) =>
			new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(file);
		const catalogue = parseCsv(decode(await download(admin, `${base}/measures/massnahmen.csv`)));
		const results = parseCsv(
			decode(
				await download(
					admin,
					`${base}/events/${legacy.eventId}/activities/${legacy.activityId}/results.csv`
				)
			)
		);
		for (const rows of [catalogue, results]) {
			expect(rows.length).toBeGreaterThan(1);
			for (const cell of rows.flat()) {
				expect(cell, cell.slice(0, 40)).not.toMatch(/^[\s]*[=+\-@]|^[\t\r]/);
				expect(unsafe(cell), cell.slice(0, 40)).toBe(false);
			}
		}
		expect(catalogue.flat()).toContain(`'${exported(hostile('measure title'))}`);
		expect(results.flat()).toContain(`'${exported(hostile('idea'))}`);
		expect(results.flat()).toContain(`'${exported(hostile('cluster title'))}`);
	});

	it('iCalendar: the staff calendar and the public one', async () => {
		const admin = await signedIn();
		const staff = new TextDecoder().decode(await download(admin, `${processPath()}/calendar.ics`));
		const response = await fetch(
			`${server.url}/beteiligung/${slug}/${legacy.process.slug}/termine.ics`
		);
		expect(response.status).toBe(200);
		for (const ics of [staff, await response.text()]) {
			const properties = parseIcs(ics);
			const value = (name: string) => icsText(properties.find((p) => p.name === name)!.raw);
			expect(value('SUMMARY')).toBe(exported(hostile('event title')));
			expect(value('LOCATION')).toBe(exported(hostile('event place')));
			expect(value('DESCRIPTION')).toBe(exported(`${hostile('event description')} ${hundredKb}`));
			expect(value('X-WR-CALNAME')).toBe(exported(hostile('process title')));
		}
	});
});
