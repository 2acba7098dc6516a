import { and, asc, count, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { groupBy } from '../../group-by';
import { todayIn } from '../time';

export type IndicatorInput = Pick<
	table.Indicator,
	'name' | 'unit' | 'baselineValue' | 'baselineOn' | 'targetValue' | 'targetOn'
>;
export type IndicatorValueInput = Pick<table.IndicatorValue, 'measuredOn' | 'value' | 'note'>;

export interface IndicatorWithValues extends table.Indicator {
	/** Oldest first. */
	values: table.IndicatorValue[];
}

function goalInProcess(db: DbOrTx, processId: number, goalId: number) {
	return db
		.select({ id: table.goal.id })
		.from(table.goal)
		.innerJoin(table.fieldOfAction, eq(table.goal.fieldOfActionId, table.fieldOfAction.id))
		.where(and(eq(table.goal.id, goalId), eq(table.fieldOfAction.processId, processId)))
		.get();
}

/** Adds an indicator to a goal of the process, after its others; undefined if not in it. */
export function addIndicator(db: Db, processId: number, goalId: number, input: IndicatorInput) {
	return db.transaction((tx) => {
		if (!goalInProcess(tx, processId, goalId)) return undefined;
		const position =
			tx
				.select({ n: count() })
				.from(table.indicator)
				.where(eq(table.indicator.goalId, goalId))
				.get()?.n ?? 0;
		return tx
			.insert(table.indicator)
			.values({ ...input, goalId, position })
			.returning()
			.get();
	});
}

export type IndicatorValueRecording =
	{ ok: true; value: table.IndicatorValue } | { ok: false; reason: 'not_found' | 'future' };

/** Records a value measured on a day no later than `today` (Europe/Berlin). */
export function recordIndicatorValue(
	db: Db,
	processId: number,
	indicatorId: number,
	input: IndicatorValueInput,
	recorder: { name: string },
	today: string = todayIn()
): IndicatorValueRecording {
	if (input.measuredOn > today) return { ok: false, reason: 'future' };
	const found = db
		.select({ id: table.indicator.id })
		.from(table.indicator)
		.innerJoin(table.goal, eq(table.indicator.goalId, table.goal.id))
		.innerJoin(table.fieldOfAction, eq(table.goal.fieldOfActionId, table.fieldOfAction.id))
		.where(and(eq(table.indicator.id, indicatorId), eq(table.fieldOfAction.processId, processId)))
		.get();
	if (!found) return { ok: false, reason: 'not_found' };
	const value = db
		.insert(table.indicatorValue)
		.values({ ...input, indicatorId, recordedBy: recorder.name })
		.returning()
		.get();
	return { ok: true, value };
}

/**
 * Every goal of the process in catalogue order, with its field and its indicators and their
 * values: three queries, however many goals.
 */
export function indicatorsOfProcess(db: Db, processId: number) {
	const goals = db
		.select({ goal: table.goal, field: table.fieldOfAction })
		.from(table.goal)
		.innerJoin(table.fieldOfAction, eq(table.goal.fieldOfActionId, table.fieldOfAction.id))
		.where(eq(table.fieldOfAction.processId, processId))
		.orderBy(asc(table.fieldOfAction.position), asc(table.goal.position), asc(table.goal.id))
		.all();
	const indicators = db
		.select({ indicator: table.indicator })
		.from(table.indicator)
		.innerJoin(table.goal, eq(table.indicator.goalId, table.goal.id))
		.innerJoin(table.fieldOfAction, eq(table.goal.fieldOfActionId, table.fieldOfAction.id))
		.where(eq(table.fieldOfAction.processId, processId))
		.orderBy(asc(table.indicator.position), asc(table.indicator.id))
		.all();
	const values = db
		.select({ value: table.indicatorValue })
		.from(table.indicatorValue)
		.innerJoin(table.indicator, eq(table.indicatorValue.indicatorId, table.indicator.id))
		.innerJoin(table.goal, eq(table.indicator.goalId, table.goal.id))
		.innerJoin(table.fieldOfAction, eq(table.goal.fieldOfActionId, table.fieldOfAction.id))
		.where(eq(table.fieldOfAction.processId, processId))
		.orderBy(asc(table.indicatorValue.measuredOn), asc(table.indicatorValue.id))
		.all();
	const valuesOf = groupBy(
		values.map((row) => row.value),
		(value) => value.indicatorId
	);
	const indicatorsOf = groupBy(
		indicators.map(({ indicator }): IndicatorWithValues => ({
			...indicator,
			values: valuesOf.get(indicator.id) ?? []
		})),
		(indicator) => indicator.goalId
	);
	return goals.map(({ goal, field }) => ({
		field,
		goal,
		indicators: indicatorsOf.get(goal.id) ?? []
	}));
}

/**
 * The indicators for a report period: per goal that has any, each indicator with its baseline,
 * target, the values measured within the period and the latest value by its end.
 */
export function indicatorsInPeriod(db: Db, processId: number, from: string, to: string) {
	return indicatorsOfProcess(db, processId)
		.filter(({ indicators }) => indicators.length > 0)
		.map(({ field, goal, indicators }) => ({
			field,
			goal,
			indicators: indicators.map((indicator) => ({
				...indicator,
				inPeriod: indicator.values.filter((v) => v.measuredOn >= from && v.measuredOn <= to),
				latest: indicator.values.findLast((v) => v.measuredOn <= to) ?? null
			}))
		}));
}
