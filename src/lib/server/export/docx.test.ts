import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	createTestDb,
	createTestEvent,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import type { Db } from '../db';
import * as table from '../db/schema';
import {
	addItem,
	approveMinutes,
	currentMinutes,
	draftMinutes,
	submitMinutes,
	updateSummary
} from '../minutes/minutes';
import { createMeasure, type MeasureInput } from '../concept/measures';
import { findVersion, saveVersion } from '../concept/versions';
import { recordUpdate, statusReport } from '../monitoring/monitoring';
import { addField, listFields } from '../process/fields';
import { timeZone, todayIn } from '../time';
import { conceptDocx } from './concept';
import { minutesDocx } from './minutes-docx';
import { columnWidths, germanDate } from './outline';
import { statusReportDocx } from './status-report-docx';

/** The parts of a Word file that carry its text. */
function readDocx(docx: Buffer) {
	const files = unzipSync(new Uint8Array(docx));
	return {
		document: strFromU8(files['word/document.xml']!),
		core: strFromU8(files['docProps/core.xml']!)
	};
}

const markup = '<w:p>Ende</w:p><script>alert(1)</script> & "Zitat" \'so\'';
const escapedMarkup = '&lt;w:p&gt;Ende&lt;/w:p&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; ';
/** Characters XML 1.0 cannot carry at all: Word refuses a file with any of them. */
const notInXml = ['\u0000', '\u0007', '\u001b', '\uFFFF'];
const controls = `Steuer${notInXml[0]}zei${notInXml[1]}chen${notInXml.slice(2).join('')}`;
const long = 'ÄÖÜß'.repeat(2500);

/** Late evening in Germany is still the day before in UTC, in summer and in winter. */
const lateEvenings = [
	{ instant: '2026-03-31T23:30:00Z', berlinDay: '1. April 2026', utcDay: '31. März 2026' },
	{ instant: '2026-01-15T23:30:00Z', berlinDay: '16. Januar 2026', utcDay: '15. Januar 2026' }
];

function workshopProcess(db: Db) {
	const organisation = createTestOrganisation(db);
	const { process, event } = createTestEvent(db, organisation.id, 'Fachkonferenz Wohnen');
	addField(db, process.id, { code: '3', title: 'Wohnen', description: '' });
	const field = listFields(db, process.id)[0]!;
	const measure = (title: string): MeasureInput => ({
		fieldOfActionId: field.id,
		goalId: null,
		title,
		description: '',
		lead: 'Caritas',
		timeframe: 'medium',
		costEstimate: '',
		funding: 'own_budget',
		priority: 'high',
		status: 'adopted'
	});
	return { organisation, process, event, measure };
}

/** Runs `build` as if the clock showed `instant`; only Date is faked, so SQLite keeps working. */
async function at<T>(instant: string, build: () => T): Promise<Awaited<T>> {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(new Date(instant));
	try {
		return await build();
	} finally {
		vi.useRealTimers();
	}
}

afterEach(() => {
	vi.useRealTimers();
});

describe('germanDate', () => {
	it.each(lateEvenings)('writes $instant on the Berlin calendar', ({ instant, berlinDay }) => {
		expect(germanDate(new Date(instant))).toBe(berlinDay);
	});

	it('keeps days and German wall-clock times as they are, across daylight saving', () => {
		expect(germanDate('2026-03-29')).toBe('29. März 2026');
		expect(germanDate('2026-10-25')).toBe('25. Oktober 2026');
		expect(germanDate('2026-03-01T17:00', 'dateTime')).toBe('Sonntag, 1. März 2026 um 17:00');
		expect(germanDate('2026-07-01T23:30', 'dateTime')).toBe('Mittwoch, 1. Juli 2026 um 23:30');
		expect(germanDate('2026-07-01T23:30')).toBe('1. Juli 2026');
	});
});

describe('Word exports write dates in Berlin time', () => {
	it.each(lateEvenings)(
		'concept: a version saved at $instant',
		async ({ instant, berlinDay, utcDay }) => {
			const db = createTestDb();
			const { process } = workshopProcess(db);
			const author = await createTestUser(db);
			const saved = saveVersion(
				db,
				process,
				'Landkreis Konstanz',
				// The "Stand" a version gets on saving is the Berlin day of the save.
				{ introduction: '', note: '', standOn: todayIn(undefined, new Date(instant)) },
				author
			);
			// SQLite stamps the version itself, so the clock is set on the stored row.
			db.update(table.conceptVersion)
				.set({ createdAt: new Date(instant) })
				.where(eq(table.conceptVersion.id, saved.id))
				.run();
			const version = findVersion(db, process.id, saved.id)!;
			const { document } = readDocx(await conceptDocx(version));
			expect(document).toContain(berlinDay);
			expect(document).not.toContain(utcDay);
		}
	);

	it.each(lateEvenings)(
		'minutes: approved at $instant, for an event at German wall-clock time',
		async ({ instant, berlinDay, utcDay }) => {
			const db = createTestDb();
			const { event } = workshopProcess(db);
			const approver = await createTestUser(db, { name: 'Steuerungsgruppe' });
			const minutes = draftMinutes(db, event.id);
			submitMinutes(db, event.id, minutes.id);
			await at(instant, () => approveMinutes(db, event.id, minutes.id, approver));
			const { document } = readDocx(
				await minutesDocx({
					organisation: 'Landkreis Konstanz',
					process: 'Integrationskonzept',
					event,
					current: currentMinutes(db, event.id)!
				})
			);
			expect(document).toContain(`Steuerungsgruppe am ${berlinDay}`);
			expect(document).not.toContain(utcDay);
			expect(document).toContain('Sonntag, 1. März 2026, 17:00–20:00 Uhr');
		}
	);

	it.each(lateEvenings)(
		'status report: an update recorded at $instant',
		async ({ instant, berlinDay, utcDay }) => {
			const db = createTestDb();
			const { process, measure } = workshopProcess(db);
			const { id } = createMeasure(db, process.id, measure('Mietpatenschaften'))!;
			const recordedOn = todayIn(timeZone, new Date(instant));
			recordUpdate(
				db,
				process.id,
				id,
				{ recordedOn, status: 'in_implementation', note: 'begonnen', percentDone: null },
				{ name: 'Sozialamt' }
			);
			const report = statusReport(db, process.id, '2025-12-01', '2026-12-31');
			const { document } = readDocx(
				await statusReportDocx(report, { organisation: 'Stadt Landau', process: 'Konzept' })
			);
			expect(document).toContain(`${berlinDay}: begonnen`);
			expect(document).not.toContain(utcDay);
		}
	);
});

describe('Word exports carry hostile text safely', () => {
	/** Escaped markup, no character XML forbids, and long text whole. */
	function expectSafe(docx: Buffer) {
		const { document, core } = readDocx(docx);
		expect(document).toContain(escapedMarkup);
		expect(document).not.toContain('<script>');
		expect(document).not.toContain('<w:p>Ende');
		for (const char of notInXml) {
			expect(document).not.toContain(char);
			expect(core).not.toContain(char);
		}
		expect(document).toContain('Steuerzeichen');
		expect(document).toContain(long);
	}

	it('concept', async () => {
		const db = createTestDb();
		const { process, measure } = workshopProcess(db);
		createMeasure(db, process.id, measure(markup));
		createMeasure(db, process.id, measure(long));
		const author = await createTestUser(db);
		const version = saveVersion(
			db,
			{ ...process, title: controls },
			controls,
			{ introduction: long, note: '' },
			author
		);
		expectSafe(await conceptDocx(version));
	});

	it('minutes', async () => {
		const db = createTestDb();
		const { event } = workshopProcess(db);
		const minutes = draftMinutes(db, event.id);
		updateSummary(db, event.id, minutes.id, `${long}\n${controls}`);
		addItem(db, event.id, minutes.id, { kind: 'decision', title: markup, owner: '', dueOn: null });
		addItem(db, event.id, minutes.id, { kind: 'task', title: long, owner: controls, dueOn: null });
		expectSafe(
			await minutesDocx({
				organisation: controls,
				process: markup,
				event: { ...event, title: controls },
				current: currentMinutes(db, event.id)!
			})
		);
	});

	it('status report', async () => {
		const db = createTestDb();
		const { process, measure } = workshopProcess(db);
		const { id } = createMeasure(db, process.id, measure(long))!;
		recordUpdate(
			db,
			process.id,
			id,
			{ recordedOn: '2026-05-04', status: 'in_implementation', note: markup, percentDone: null },
			{ name: 'Sozialamt' }
		);
		const report = statusReport(db, process.id, '2026-01-01', '2026-12-31');
		expectSafe(await statusReportDocx(report, { organisation: controls, process: controls }));
	});
});

describe('Word exports are laid out for the council', () => {
	/** The document part and the header and footer parts of a Word file. */
	function parts(docx: Buffer) {
		const files = unzipSync(new Uint8Array(docx));
		const text = (prefix: string) =>
			Object.keys(files)
				.filter((name) => name.startsWith(prefix))
				.map((name) => strFromU8(files[name]!))
				.join('\n');
		return {
			document: text('word/document.xml'),
			headers: text('word/header'),
			footers: text('word/footer'),
			styles: text('word/styles.xml')
		};
	}

	it('has a cover, a table of contents, running headers and page numbers', async () => {
		const db = createTestDb();
		const { process, measure } = workshopProcess(db);
		createMeasure(db, process.id, measure('Mietpatenschaften'));
		const author = await createTestUser(db);
		const version = saveVersion(
			db,
			process,
			'Landkreis Konstanz',
			{ introduction: 'Ziel', note: '' },
			author
		);
		const { document, headers, footers, styles } = parts(await conceptDocx(version));
		expect(document).toMatch(/<w:titlePg\/>/);
		expect(document).toMatch(/Landkreis Konstanz.*Integrationskonzept.*Fassung 1/s);
		expect(document).toContain('<w:docPartGallery w:val="Table of Contents"/>');
		expect(document).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
		expect(document).toMatch(/<w:pStyle w:val="TOC2"\/>.*3 Wohnen/s);
		expect(headers).toContain('Landkreis Konstanz · Integrationskonzept');
		expect(footers).toMatch(/Seite .*PAGE.*von .*NUMPAGES/s);
		expect(styles).toMatch(/w:styleId="Heading1".*<w:outlineLvl w:val="0"\/>/s);
		expect(styles).toContain(
			'w:ascii="DejaVu Sans" w:cs="DejaVu Sans" w:eastAsia="DejaVu Sans" w:hAnsi="DejaVu Sans"'
		);
	});

	it('runs Arabic right to left in a table of widths in DXA that add up to the text width', async () => {
		const db = createTestDb();
		const { process, measure } = workshopProcess(db);
		createMeasure(db, process.id, measure('دروس اللغة – Sprachkurse'));
		const author = await createTestUser(db);
		const version = saveVersion(
			db,
			process,
			'Landkreis Konstanz',
			{ introduction: '', note: '' },
			author
		);
		const { document } = parts(await conceptDocx(version));
		expect(document).toMatch(/<w:rtl\/>.*دروس اللغة/s);
		expect(document).toContain('<w:tblW w:type="dxa" w:w="9638"/>');
		expect(document).toContain('<w:tblLayout w:type="fixed"/>');
		expect(document).toMatch(/<w:tcW w:type="dxa" w:w="\d+"\/>/);
	});
});

describe('columnWidths', () => {
	it('gives the room to the long column and keeps short words whole', () => {
		const widths = columnWidths(
			['Rang', 'Idee', 'Punkte'],
			[['1', 'Sprachkurse am Abend mit Kinderbetreuung im Familienzentrum', '12']],
			9638
		);
		expect(widths.reduce((a, b) => a + b)).toBe(9638);
		expect(widths[1]).toBeGreaterThan(widths[0]! + widths[2]!);
		expect(widths[0]).toBeGreaterThanOrEqual(4 * 140);
	});
});
