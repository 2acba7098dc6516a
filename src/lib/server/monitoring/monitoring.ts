import { and, desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { bodyNamesOf } from '../bodies/bodies';
import { listCatalogue, type NumberedMeasure } from '../concept/measures';
import { todayIn } from '../time';
import { indicatorsInPeriod } from './indicators';
import { narrativesOf } from './narratives';
import { costYearsOfProcess, plannedInYears, spentAt } from './report-money';
import { statusAt } from './status-at';

export type UpdateInput = Pick<
	table.MeasureUpdate,
	'recordedOn' | 'status' | 'note' | 'percentDone'
> &
	Partial<Pick<table.MeasureUpdate, 'spentCents'>>;

/** Statuses in which nothing more is expected of a measure. */
const settled = new Set<table.MeasureStatus>(['done', 'dropped', 'deferred']);
/** Statuses in which the measure should be moving, and reported on. */
const underway = new Set<table.MeasureStatus>(['adopted', 'in_implementation']);
/** How long a measure under way may go without a status update before it counts as stalled. */
const stalledAfterDays = 365;

export type UpdateRecording =
	| { ok: true; update: table.MeasureUpdate }
	| { ok: false; reason: 'not_found' | 'future' | 'already_corrected' };

/** The entry the measure's status comes from on `today` (see `statusAt`). */
export function latestStanding(db: DbOrTx, measureId: number, today: string = todayIn()) {
	return statusAt(listUpdates(db, measureId), today, 'proposed').entry;
}

/**
 * Records a dated status update (Sachstand); the measure takes on its status. The day cannot
 * lie after `today` (Europe/Berlin): a report states what happened, not what is planned.
 * With `corrects`, the entry corrects an earlier one of the same measure, which stays in the
 * history marked as corrected; each entry is corrected at most once.
 */
export function recordUpdate(
	db: Db,
	processId: number,
	measureId: number,
	input: UpdateInput & { corrects?: { id: number; reason: string } },
	recorder: { name: string },
	today: string = todayIn()
): UpdateRecording {
	const { corrects, ...entry } = input;
	if (entry.recordedOn > today) return { ok: false, reason: 'future' };
	return db.transaction((tx) => {
		const measure = tx
			.select({ id: table.measure.id, status: table.measure.status })
			.from(table.measure)
			.where(and(eq(table.measure.id, measureId), eq(table.measure.processId, processId)))
			.get();
		if (!measure) return { ok: false, reason: 'not_found' } as const;
		if (corrects) {
			const wrong = listUpdates(tx, measureId).find((u) => u.id === corrects.id);
			if (!wrong) return { ok: false, reason: 'not_found' } as const;
			if (wrong.correctedBy) return { ok: false, reason: 'already_corrected' } as const;
		}
		const update = tx
			.insert(table.measureUpdate)
			.values({
				...entry,
				measureId,
				recordedBy: recorder.name,
				correctsId: corrects?.id ?? null,
				reason: corrects?.reason ?? ''
			})
			.returning()
			.get();
		// A back-filled or corrected entry changes the status only if it decides it today.
		const status =
			statusAt(listUpdates(tx, measureId), today, measure.status).status ?? entry.status;
		tx.update(table.measure)
			.set({ status, updatedAt: new Date() })
			.where(eq(table.measure.id, measureId))
			.run();
		return { ok: true, update } as const;
	});
}

export interface HistoryEntry extends table.MeasureUpdate {
	/** The later entry that corrects this one, if any, and the day (Europe/Berlin) it was made. */
	correctedBy: { id: number; correctedOn: string; reason: string; recordedBy: string } | null;
	/** The day of the entry this one corrects, if it is a correction. */
	correctsOn: string | null;
}

const newestFirst = [desc(table.measureUpdate.recordedOn), desc(table.measureUpdate.id)];

/** One measure's entries, newest first, each marked with the entry correcting it, if any. */
function withCorrections(entries: table.MeasureUpdate[]): HistoryEntry[] {
	const corrections = new Map(
		entries
			.filter((e) => e.correctsId !== null)
			.map((e) => [
				e.correctsId!,
				{
					id: e.id,
					correctedOn: todayIn(undefined, e.createdAt),
					reason: e.reason,
					recordedBy: e.recordedBy
				}
			])
	);
	const days = new Map(entries.map((e) => [e.id, e.recordedOn]));
	return entries.map((e) => ({
		...e,
		correctedBy: corrections.get(e.id) ?? null,
		correctsOn: e.correctsId === null ? null : (days.get(e.correctsId) ?? null)
	}));
}

/**
 * The measure's status history, newest first, corrected entries included and marked, so that
 * the page and the report show what was corrected instead of replacing it silently.
 */
export function listUpdates(db: DbOrTx, measureId: number): HistoryEntry[] {
	return withCorrections(
		db
			.select()
			.from(table.measureUpdate)
			.where(eq(table.measureUpdate.measureId, measureId))
			.orderBy(...newestFirst)
			.all()
	);
}

/** The histories of all measures of the process in one query, by measure id. */
export function listUpdatesOfProcess(db: DbOrTx, processId: number) {
	const byMeasure = new Map<number, table.MeasureUpdate[]>();
	const rows = db
		.select({ update: table.measureUpdate })
		.from(table.measureUpdate)
		.innerJoin(table.measure, eq(table.measureUpdate.measureId, table.measure.id))
		.where(eq(table.measure.processId, processId))
		.orderBy(...newestFirst)
		.all();
	for (const { update } of rows) {
		const list = byMeasure.get(update.measureId) ?? [];
		list.push(update);
		byMeasure.set(update.measureId, list);
	}
	return new Map([...byMeasure].map(([id, entries]) => [id, withCorrections(entries)]));
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
	const histories = listUpdatesOfProcess(db, processId);
	const entries: PlanEntry[] = listCatalogue(db, processId).flatMap(({ measures }) =>
		measures.map((measure) => {
			const now = statusAt(histories.get(measure.id) ?? [], today, measure.status);
			const current = { ...measure, status: now.status ?? measure.status };
			return { ...current, latest: now.entry, ...standing(current, now.entry, today) };
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

/** How many measures stand at each status, in the order of the statuses, "none yet" last. */
export function countByStatus(measures: readonly { status: table.MeasureStatus | null }[]) {
	const order = [...table.measureStatuses, null];
	const counts = new Map<table.MeasureStatus | null, number>();
	for (const { status } of measures) counts.set(status, (counts.get(status) ?? 0) + 1);
	return [...counts]
		.sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
		.map(([status, count]) => ({ status, count }));
}

/** Planned and spent money summed; a sum of no spent amount at all is null, not zero. */
function sumMoney(measures: readonly { plannedCents: number; spentCents: number | null }[]) {
	const spent = measures.flatMap((m) => (m.spentCents === null ? [] : [m.spentCents]));
	return {
		plannedCents: measures.reduce((sum, m) => sum + m.plannedCents, 0),
		spentCents: spent.length === 0 ? null : spent.reduce((sum, cents) => sum + cents, 0)
	};
}

/**
 * The status report (Sachstandsbericht) for a period. Per field of action: the text staff
 * wrote on it for exactly this period, its measures with their status at the end of the
 * period (`statusAt`: nothing recorded after it shows, and a measure reported on only later
 * has no status yet) and the count per status, the money planned for the years of the period
 * and spent by its end, and its goals' indicators with the values measured in the period.
 * Across fields: the count per status, the money, and the updates recorded within the period
 * ("what changed since the last report"). A fixed number of queries, however many measures.
 */
export function statusReport(db: Db, processId: number, from: string, to: string) {
	const histories = listUpdatesOfProcess(db, processId);
	const costs = costYearsOfProcess(db, processId);
	const narratives = narrativesOf(db, processId, from, to);
	const indicators = indicatorsInPeriod(db, processId, from, to);
	const bodies = bodyNamesOf(db, processId);
	const years = [Number(from.slice(0, 4)), Number(to.slice(0, 4))] as const;
	const fields = listCatalogue(db, processId).map(({ field, measures }) => {
		const lines = measures.map((measure) => {
			const history = histories.get(measure.id) ?? [];
			const then = statusAt(history, to, measure.status);
			return {
				...measure,
				leadBody: measure.leadBodyId === null ? null : (bodies.get(measure.leadBodyId) ?? null),
				status: then.status,
				latest: then.entry,
				changes: history.filter((u) => u.recordedOn >= from && u.recordedOn <= to).reverse(),
				plannedCents: plannedInYears(measure, costs.get(measure.id) ?? [], ...years),
				spentCents: spentAt(history, to)
			};
		});
		return {
			field,
			narrative: narratives.get(field.id) ?? null,
			measures: lines,
			counts: countByStatus(lines),
			money: sumMoney(lines),
			indicators: indicators
				.filter((entry) => entry.field.id === field.id)
				.map(({ goal, indicators }) => ({ goal, indicators }))
		};
	});
	const all = fields.flatMap((f) => f.measures);
	return {
		from,
		to,
		/** The years the planned money is for. */
		years: years[0] === years[1] ? String(years[0]) : `${years[0]}–${years[1]}`,
		fields,
		counts: countByStatus(all),
		money: sumMoney(all),
		changes: all.flatMap((measure) =>
			measure.changes.map((update) => ({ number: measure.number, title: measure.title, update }))
		)
	};
}

export type StatusReport = ReturnType<typeof statusReport>;
