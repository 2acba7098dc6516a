import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createTestDb,
	createTestEvent,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import type * as table from '../db/schema';
import { createMeasure, type MeasureInput } from '../concept/measures';
import { saveVersion } from '../concept/versions';
import { currentMinutes, draftMinutesWhenWorkshopEnds } from '../minutes/minutes';
import { recordUpdate, statusReport } from '../monitoring/monitoring';
import { addField, listFields } from '../process/fields';
import { createActivity, moveToStage } from '../workshop/activities';
import { submitIdea } from '../workshop/ideas';
import { joinEvent } from '../workshop/participants';
import { placeDot } from '../workshop/votes';
import { conceptDocx } from './concept';
import { minutesDocx } from './minutes-docx';
import { documentFont } from './outline';
import { statusReportDocx } from './status-report-docx';

const arabic = 'دورات اللغة للأمهات مع رعاية الأطفال';
const cyrillic = 'Курсы немецкого языка для родителей с детьми';
const longIdea = 'Sprachkurse am Abend mit Kinderbetreuung im Familienzentrum der Gemeinde';

/** The three Word exports of one process, with Arabic and Cyrillic text in them. */
async function buildExports() {
	const db = createTestDb();
	const organisation = createTestOrganisation(db, 'Landkreis Konstanz');
	const { process, event } = createTestEvent(db, organisation.id, 'Fachkonferenz Sprache');
	addField(db, process.id, { code: '1', title: 'Sprache und Bildung', description: '' });
	const field = listFields(db, process.id)[0]!;
	const measure = (title: string): MeasureInput => ({
		fieldOfActionId: field.id,
		goalId: null,
		title,
		description: '',
		lead: 'Volkshochschule',
		timeframe: 'medium',
		costEstimate: '',
		funding: 'own_budget',
		priority: 'high',
		status: 'adopted'
	});
	const measures = [arabic, cyrillic, longIdea].map((title) =>
		createMeasure(db, process.id, measure(title))!
	);
	recordUpdate(
		db,
		process.id,
		measures[0]!.id,
		{ recordedOn: '2026-02-02', status: 'in_implementation', note: cyrillic, percentDone: null },
		{ name: 'Sozialamt' }
	);

	let activity = createActivity(db, event.id, {
		question: 'Was hilft beim Deutschlernen?',
		fieldOfActionId: null,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 3,
		namedIdeas: false
	});
	const { participant } = joinEvent(db, event.id, {
		displayName: null,
		category: 'volunteers',
		locale: 'ar'
	});
	const ideas = [arabic, cyrillic, longIdea].map((text) => {
		const result = submitIdea(db, activity, {
			participantId: participant.id,
			clientId: text,
			text,
			language: 'de'
		});
		if (!result.ok) throw new Error(result.error);
		return result.value.idea;
	});
	for (const stage of ['clustering', 'voting', 'revealed', 'closed'] as table.Activity['stage'][]) {
		const moved = moveToStage(db, activity, stage);
		if (!moved.ok) throw new Error(moved.error);
		activity = moved.value;
		if (stage === 'voting')
			placeDot(db, activity, participant.id, 'dot', { kind: 'idea', id: ideas[2]!.id });
	}
	draftMinutesWhenWorkshopEnds(db, event.id);

	const author = await createTestUser(db);
	const version = saveVersion(
		db,
		process,
		organisation.name,
		{ introduction: arabic, note: '' },
		author
	);
	return {
		konzept: await conceptDocx(version),
		protokoll: await minutesDocx({
			organisation: organisation.name,
			process: process.title,
			event,
			current: currentMinutes(db, event.id)!
		}),
		bericht: await statusReportDocx(statusReport(db, process.id, '2026-01-01', '2026-12-31'), {
			organisation: organisation.name,
			process: process.title
		})
	};
}

let dir: string;
const pdfs = new Map<string, { pages: number; text: string; layout: string; fonts: string }>();

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'mitwirken-pdf-'));
	const exports = await buildExports();
	for (const [name, docx] of Object.entries(exports))
		writeFileSync(join(dir, `${name}.docx`), docx);
	// One soffice run converts all files; its own profile lets runs go in parallel.
	execFileSync(
		'soffice',
		[
			`-env:UserInstallation=file://${join(dir, 'profile')}`,
			'--headless',
			'--convert-to',
			'pdf',
			'--outdir',
			dir,
			...Object.keys(exports).map((name) => join(dir, `${name}.docx`))
		],
		{ stdio: 'pipe', timeout: 120_000 }
	);
	for (const name of Object.keys(exports)) {
		const pdf = join(dir, `${name}.pdf`);
		const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
		pdfs.set(name, {
			pages: Number(/^Pages:\s+(\d+)/m.exec(info)![1]),
			text: execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }),
			layout: execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }),
			fonts: execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
		});
	}
}, 180_000);

afterAll(() => {
	rmSync(dir, { recursive: true, force: true });
});

describe('Word exports opened in LibreOffice', () => {
	it.each(['konzept', 'protokoll', 'bericht'])('%s: cover, contents, page numbers', (name) => {
		const pdf = pdfs.get(name)!;
		expect(pdf.pages).toBeGreaterThanOrEqual(3);
		expect(pdf.text).toContain('Landkreis Konstanz');
		expect(pdf.text).toContain('Inhalt');
		expect(pdf.text).toContain(`Seite 2 von ${pdf.pages}`);
		expect(pdf.text).toContain(`Seite ${pdf.pages} von ${pdf.pages}`);
	});

	it.each(['konzept', 'protokoll', 'bericht'])(
		'%s: Arabic and Cyrillic in the document font',
		(name) => {
			const pdf = pdfs.get(name)!;
			expect(pdf.text.replace(/\s+/g, ' ')).toContain(cyrillic);
			expect(pdf.text).toContain('دورات');
			const fonts = pdf.fonts
				.split('\n')
				.slice(2)
				.filter(Boolean)
				.map((line) => line.split(/\s+/)[0]!);
			expect(fonts.length).toBeGreaterThan(0);
			for (const font of fonts) expect(font).toMatch(new RegExp(documentFont.replace(' ', '')));
		}
	);

	it.each([
		['konzept', 'Handlungsfelder'],
		['protokoll', 'Ergebnisse der Beteiligung'],
		['bericht', 'Übersicht: Maßnahmen je Stand']
	])('%s: the table of contents lists the heading %s', (name, heading) => {
		expect(pdfs.get(name)!.text.split(heading).length - 1).toBeGreaterThanOrEqual(2);
	});

	it('protokoll: short columns keep their words whole, the idea column gets the room', () => {
		const { layout } = pdfs.get('protokoll')!;
		for (const word of ['Rang', 'Punkte', 'Abstimmende'])
			expect(layout).toMatch(new RegExp(`\\b${word}\\b`));
		expect(layout).toMatch(/Sprachkurse am Abend mit/);
	});
});
