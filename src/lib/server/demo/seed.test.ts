import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../tests/factories';
import * as table from '../db/schema';
import { listCatalogue, listsOfMeasures } from '../concept/measures';
import { sourcesOfProcess } from '../concept/adopt';
import { listVersions } from '../concept/versions';
import { indicatorsOfProcess } from '../monitoring/indicators';
import { listUpdatesOfProcess, statusReport } from '../monitoring/monitoring';
import { seedDemo } from './seed';

describe('the demo', () => {
	it('shows a newcomer an imported catalogue with money, sources, indicators, updates and a version', async () => {
		const db = createTestDb();
		const now = new Date('2026-12-02T08:00:00Z');
		const started = performance.now();
		expect(await seedDemo(db, now)).toBe(true);
		console.log(`demo seeded in ${Math.round(performance.now() - started)} ms`);
		const process = db.select().from(table.process).get()!;

		const catalogue = listCatalogue(db, process.id);
		const measures = catalogue.flatMap((field) => field.measures);
		expect(measures.length).toBeGreaterThanOrEqual(25);
		expect(measures.length).toBeLessThanOrEqual(40);
		for (const field of catalogue) expect(field.measures.length).toBeGreaterThan(2);
		expect(new Set(measures.map((measure) => measure.status)).size).toBeGreaterThanOrEqual(7);
		expect(measures.some((measure) => measure.ownNumber === 'IK 1.4')).toBe(true);
		expect(measures.some((measure) => measure.ownNumber === null)).toBe(true);
		expect(measures.some((measure) => measure.leadBodyId !== null)).toBe(true);
		expect(measures.some((measure) => measure.timeframe === 'period')).toBe(true);
		expect(measures.some((measure) => measure.budgetReservation)).toBe(true);
		expect(new Set(measures.map((measure) => measure.funding))).toEqual(
			new Set(['own_budget', 'application', 'third_party', 'open'])
		);
		expect(new Set(measures.map((measure) => measure.costKind))).toEqual(
			new Set(['one_off', 'per_year'])
		);
		const lists = [
			...listsOfMeasures(
				db,
				measures.map((measure) => measure.id)
			).values()
		];
		expect(lists.some((list) => list.costYears.length > 1)).toBe(true);
		expect(lists.some((list) => list.addressees.length > 1 && list.partners.length > 1)).toBe(true);

		const sources = sourcesOfProcess(db, process.id);
		expect(sources.size).toBeGreaterThanOrEqual(3);
		const adopted = db.select().from(table.measureIdea).all();
		expect(adopted.length).toBeGreaterThanOrEqual(4);

		const goals = indicatorsOfProcess(db, process.id);
		const indicators = goals.flatMap((goal) => goal.indicators);
		expect(indicators.length).toBeGreaterThanOrEqual(4);
		for (const indicator of indicators) {
			expect(indicator.baselineValue).not.toBeNull();
			expect(indicator.targetValue).not.toBeNull();
			expect(indicator.values.length).toBeGreaterThanOrEqual(2);
		}
		const measuredYears = new Set(
			indicators.flatMap((indicator) => indicator.values.map((v) => v.measuredOn.slice(0, 4)))
		);
		expect(measuredYears).toEqual(new Set(['2025', '2026']));

		const histories = [...listUpdatesOfProcess(db, process.id).values()];
		expect(histories.filter((history) => history.length > 1).length).toBeGreaterThanOrEqual(5);
		expect(histories.flat().some((update) => update.correctsId !== null)).toBe(true);
		const lastYear = statusReport(db, process.id, '2025-01-01', '2025-12-31');
		const thisYear = statusReport(db, process.id, '2026-01-01', '2026-12-31');
		expect(lastYear.changes.length).toBeGreaterThan(5);
		expect(thisYear.changes.length).toBeGreaterThan(5);
		expect(lastYear.counts).not.toEqual(thisYear.counts);

		const versions = listVersions(db, process.id);
		expect(versions).toHaveLength(1);
		expect(versions[0]!.standOn).toBe('2026-11-15');
		const snapshot = versions[0]!.snapshot;
		// The version holds the imported catalogue; the public comment demo adds measures later.
		expect(snapshot.fields.flatMap((field) => field.measures).length).toBeGreaterThanOrEqual(25);
		expect(
			snapshot.fields.flatMap((field) => field.measures).some((m) => m.sources.length > 0)
		).toBe(true);

		const imports = db
			.select()
			.from(table.auditLog)
			.where(eq(table.auditLog.actorName, 'Integrationsbeauftragte (Demo)'))
			.all();
		expect(imports.some((entry) => entry.tableName === 'measure')).toBe(true);
	});

	it('seeds nothing where accounts exist', async () => {
		const db = createTestDb();
		expect(await seedDemo(db)).toBe(true);
		const measures = db.select().from(table.measure).all().length;
		expect(await seedDemo(db)).toBe(false);
		expect(db.select().from(table.measure).all()).toHaveLength(measures);
	});
});
