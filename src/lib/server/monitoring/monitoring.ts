import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { listCatalogue, type NumberedMeasure } from '../concept/measures';

export type UpdateInput = Pick<
	table.MeasureUpdate,
	'recordedOn' | 'status' | 'note' | 'percentDone'
>;

/** Statuses in which nothing more is expected of a measure. */
const settled = new Set<table.MeasureStatus>(['done', 'dropped', 'deferred']);
/** Statuses in which the measure should be moving, and reported on. */
const underway = new Set<table.MeasureStatus>(['adopted', 'in_implementation']);
/** How long a measure under way may go without a status update before it counts as stalled. */
const stalledAfterDays = 365;

/** Records a dated status update; the measure takes on its status. */
export function recordUpdate(
	db: Db,
	processId: number,
	measureId: number,
	input: UpdateInput,
	recorder: { name: string }
): boolean {
	return db.transaction((tx) => {
		const updated = tx
			.update(table.measure)
			.set({ status: input.status, updatedAt: new Date() })
			.where(and(eq(table.measure.id, measureId), eq(table.measure.processId, processId)))
			.returning()
			.get();
		if (!updated) return false;
		tx.insert(table.measureUpdate)
			.values({ ...input, measureId, recordedBy: recorder.name })
			.run();
		return true;
	});
}

/** The measure's status history, newest first. */
export function listUpdates(db: Db, measureId: number) {
	return db
		.select()
		.from(table.measureUpdate)
		.where(eq(table.measureUpdate.measureId, measureId))
		.orderBy(desc(table.measureUpdate.recordedOn), desc(table.measureUpdate.id))
		.all();
}

const daysBetween = (from: string, to: string) =>
	(Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

export interface PlanEntry extends NumberedMeasure {
	latest: table.MeasureUpdate | null;
	/** Planned for a year already over, and not settled. */
	overdue: boolean;
	/** Under way, but no status update for a year. */
	stalled: boolean;
}

/** A measure's standing on `today` (YYYY-MM-DD). */
export function standing(
	measure: NumberedMeasure,
	latest: table.MeasureUpdate | null,
	today: string
) {
	const year = Number(today.slice(0, 4));
	const lastHeard = latest?.recordedOn ?? measure.createdAt.toISOString().slice(0, 10);
	return {
		overdue:
			measure.plannedYear !== null && measure.plannedYear < year && !settled.has(measure.status),
		stalled: underway.has(measure.status) && daysBetween(lastHeard, today) > stalledAfterDays
	};
}

/** The yearly plan (Jahresplanung): measures by planned year, unplanned ones last. */
export function yearlyPlan(db: Db, processId: number, today: string) {
	const entries: PlanEntry[] = listCatalogue(db, processId).flatMap(({ measures }) =>
		measures.map((measure) => {
			const latest = listUpdates(db, measure.id)[0] ?? null;
			return { ...measure, latest, ...standing(measure, latest, today) };
		})
	);
	const years = [...new Set(entries.map((e) => e.plannedYear))].sort((a, b) =>
		a === null ? 1 : b === null ? -1 : a - b
	);
	return years.map((year) => ({
		year,
		measures: entries.filter((e) => e.plannedYear === year)
	}));
}

/**
 * The status report (Sachstandsbericht) for a period: per field of action its measures with
 * their latest status up to the end of the period (a measure without updates by then shows
 * its catalogue status), the count per status, and the updates recorded within the period
 * ("what changed since the last report").
 */
export function statusReport(db: Db, processId: number, from: string, to: string) {
	const fields = listCatalogue(db, processId).map(({ field, measures }) => ({
		field,
		measures: measures.map((measure) => {
			const history = listUpdates(db, measure.id).filter((u) => u.recordedOn <= to);
			return {
				...measure,
				status: history[0]?.status ?? measure.status,
				latest: history[0] ?? null,
				changes: history.filter((u) => u.recordedOn >= from).reverse()
			};
		})
	}));
	const all = fields.flatMap((f) => f.measures);
	const counts = new Map<table.MeasureStatus, number>();
	for (const measure of all) counts.set(measure.status, (counts.get(measure.status) ?? 0) + 1);
	return {
		from,
		to,
		fields,
		counts: [...counts].map(([status, count]) => ({ status, count })),
		changes: all.flatMap((measure) =>
			measure.changes.map((update) => ({ number: measure.number, title: measure.title, update }))
		)
	};
}

export type StatusReport = ReturnType<typeof statusReport>;
