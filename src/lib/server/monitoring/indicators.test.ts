import Database from 'better-sqlite3';
import { strFromU8, unzipSync } from 'fflate';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
	createTestDb,
	createTestEvent,
	createTestOrganisation,
	tempDatabasePath
} from '../../../../tests/factories';
import { migrationsBefore } from '../../../../tests/migrations';
import { barScale, formatIndicatorValue, indicatorBar } from '../../indicators';
import { openDatabase, type Db } from '../db';
import * as schema from '../db/schema';
import { addGoal } from '../concept/measures';
import { statusReportDocx } from '../export/status-report-docx';
import { addField, listFields } from '../process/fields';
import { addIndicator, indicatorsOfProcess, recordIndicatorValue } from './indicators';
import { statusReport } from './monitoring';

describe('indicators of goals', () => {
	it('record values over time and show them in the status report as a table with bars', async () => {
		const db = createTestDb();
		const organisation = createTestOrganisation(db);
		const { process } = createTestEvent(db, organisation.id);
		const other = createTestEvent(db, organisation.id).process;
		addField(db, process.id, { code: '1', title: 'Sprache', description: '' });
		const field = listFields(db, process.id)[0]!;
		const goal = addGoal(db, process.id, field.id, {
			title: 'Mehr Kinder sprechen bei der Einschulung Deutsch'
		})!;
		const quiet = addGoal(db, process.id, field.id, {
			title: 'Ohne Indikator'
		})!;
		const input = {
			name: 'Kinder mit Sprachförderbedarf',
			unit: '%',
			baselineValue: 40,
			baselineOn: '2025-09-01',
			targetValue: 20,
			targetOn: '2030-09-01'
		};
		expect(addIndicator(db, other.id, goal.id, input)).toBeUndefined();
		const indicator = addIndicator(db, process.id, goal.id, input)!;
		const by = { name: 'Schulamt' };
		const today = '2026-12-31';
		const record = (measuredOn: string, value: number, note = '') =>
			recordIndicatorValue(db, process.id, indicator.id, { measuredOn, value, note }, by, today);

		expect(record('2027-01-01', 30)).toEqual({ ok: false, reason: 'future' });
		expect(
			recordIndicatorValue(
				db,
				other.id,
				indicator.id,
				{ measuredOn: '2026-01-01', value: 1, note: '' },
				by,
				today
			)
		).toEqual({ ok: false, reason: 'not_found' });
		expect(record('2026-09-01', 33.5, 'Einschulungsuntersuchung').ok).toBe(true);
		expect(record('2025-12-01', 38).ok).toBe(true);

		const goals = indicatorsOfProcess(db, process.id);
		expect(goals.map((g) => [g.goal.title, g.indicators.length])).toEqual([
			[goal.title, 1],
			[quiet.title, 0]
		]);
		// Oldest first, whatever order they were recorded in.
		expect(goals[0]!.indicators[0]!.values.map((v) => v.value)).toEqual([38, 33.5]);

		// Under their field: only the goals that have indicators.
		const report = statusReport(db, process.id, '2026-01-01', '2026-12-31');
		expect(report.fields[0]!.indicators.map(({ goal }) => goal.id)).toEqual([goal.id]);
		expect(report.fields[0]!.indicators[0]!.indicators[0]).toMatchObject({
			inPeriod: [{ value: 33.5 }],
			latest: { value: 33.5 }
		});
		const before = statusReport(db, process.id, '2025-01-01', '2025-12-31').fields[0]!
			.indicators[0]!;
		expect(before.indicators[0]).toMatchObject({
			inPeriod: [{ value: 38 }],
			latest: { value: 38 }
		});

		const xml = strFromU8(
			unzipSync(
				new Uint8Array(
					await statusReportDocx(report, { organisation: 'Landkreis', process: 'Konzept' })
				)
			)['word/document.xml']!
		);
		expect(xml).toContain(`Ziel: ${goal.title}`);
		expect(xml).toContain('Kinder mit Sprachförderbedarf (%)');
		expect(xml).toContain('Messwert: Einschulungsuntersuchung');
		expect(xml).toContain('33,5 %');
		expect(xml).toContain(indicatorBar(33.5, 40));
	});

	it('draw bars against the largest value shown, and format values in the language', () => {
		expect(barScale([40, null, 20, 33.5])).toBe(40);
		expect(indicatorBar(40, 40)).toBe('█'.repeat(20));
		expect(indicatorBar(20, 40)).toBe('█'.repeat(10) + '░'.repeat(10));
		expect(indicatorBar(-5, 40)).toBe('░'.repeat(20));
		expect(indicatorBar(null, 40)).toBe('');
		expect(formatIndicatorValue(1250.5, 'Personen', 'de')).toBe('1.250,5 Personen');
		expect(formatIndicatorValue(1250.5, '', 'en')).toBe('1,250.5');
		expect(formatIndicatorValue(null, '%', 'de')).toBe('–');
	});
});

describe('the indicators migrations', () => {
	it('turn each goal’s free-text indicator and target into its first indicator, then drop the text', () => {
		const path = tempDatabasePath();
		onTestFinished(() => rmSync(dirname(path), { recursive: true, force: true }));
		// Without the audit triggers, which are made for the current schema.
		const old = drizzle({ client: new Database(path), schema }) as Db;
		migrate(old, { migrationsFolder: migrationsBefore('_indicators') });
		const organisation = createTestOrganisation(old);
		// The process as the schema of then holds it: today's factories write later columns.
		const process = old.$client
			.prepare(
				"INSERT INTO process (organisation_id, slug, title, template) VALUES (?, 'ik', 'IK', 'empty') RETURNING id"
			)
			.get(organisation.id) as { id: number };
		addField(old, process.id, { code: '1', title: 'Arbeit', description: '' });
		const field = listFields(old, process.id)[0]!.id;
		const insertGoal = old.$client.prepare(
			'INSERT INTO goal (field_of_action_id, title, indicator, target_value, position) VALUES (?, ?, ?, ?, ?)'
		);
		const goals = [
			['Mehr Menschen in Arbeit', 'Beschäftigungsquote', '300 Personen bis 2030'],
			['Schneller anerkannt', 'Anerkannte Abschlüsse', '120'],
			['Nur ein Ziel', '', ''],
			['Nur ein Zielwert', '', '12,5']
		];
		goals.forEach(([title, indicator, target], position) =>
			insertGoal.run(field, title, indicator, target, position)
		);
		// Between the two migrations the goal form still wrote the text: a new goal, and one edited.
		migrate(old, { migrationsFolder: migrationsBefore('_goal_indicators_only') });
		insertGoal.run(field, 'Später angelegt', 'Ausbildungsverträge', '40', 4);
		old.$client
			.prepare(
				"UPDATE goal SET indicator = 'Neu erfasst', target_value = '' WHERE title = 'Nur ein Ziel'"
			)
			.run();
		old.$client.close();

		const db = openDatabase(path);
		const rows = indicatorsOfProcess(db, process.id).map(({ goal, indicators }) => [
			goal.title,
			indicators.map(({ name, targetValue, note }) => ({ name, targetValue, note }))
		]);
		expect(rows).toEqual([
			[
				'Mehr Menschen in Arbeit',
				[{ name: 'Beschäftigungsquote', targetValue: null, note: '300 Personen bis 2030' }]
			],
			['Schneller anerkannt', [{ name: 'Anerkannte Abschlüsse', targetValue: 120, note: '120' }]],
			['Nur ein Ziel', [{ name: 'Neu erfasst', targetValue: null, note: '' }]],
			['Nur ein Zielwert', [{ name: '12,5', targetValue: 12.5, note: '12,5' }]],
			['Später angelegt', [{ name: 'Ausbildungsverträge', targetValue: 40, note: '40' }]]
		]);
		const columns = db.$client.prepare("SELECT name FROM pragma_table_info('goal')").all();
		expect(columns.map((column) => (column as { name: string }).name)).not.toContain('indicator');
		db.$client.close();
	});
});
