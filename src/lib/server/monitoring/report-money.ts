/**
 * The money of a status report (Sachstandsbericht): what the measures planned for the years of
 * the period, and what they had spent by its end.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import * as table from '../db/schema';
import { moneyByYear } from '../concept/money';
import { decisiveEntry, type StatusEntry } from './status-at';

type MoneyOfMeasure = Pick<
	table.Measure,
	'costCents' | 'costKind' | 'budgetReservation' | 'periodStart' | 'periodEnd' | 'plannedYear'
>;

/**
 * What a measure planned for the years `fromYear` to `toYear`, by the rule of the concept's
 * money table (`moneyByYear`); an amount without a year falls in no period.
 */
export function plannedInYears(
	measure: MoneyOfMeasure,
	costYears: { year: number; cents: number }[],
	fromYear: number,
	toYear: number
): number {
	const amounts = moneyByYear({
		money: {
			cents: measure.costCents,
			kind: measure.costKind,
			years: costYears,
			reservation: measure.budgetReservation
		},
		periodYears:
			measure.periodStart === null
				? null
				: { start: measure.periodStart, end: measure.periodEnd ?? measure.periodStart },
		plannedYear: measure.plannedYear
	});
	return amounts
		.filter(({ year }) => year !== null && year >= fromYear && year <= toYear)
		.reduce((sum, { cents }) => sum + cents, 0);
}

/**
 * What a measure had spent in all by `date`: the amount of the latest entry on or before that
 * day that states one (corrections count in place of what they correct, as for the status);
 * null if none does.
 */
export function spentAt(
	entries: readonly (StatusEntry & { spentCents: number | null })[],
	date: string
): number | null {
	return decisiveEntry(entries, date, (entry) => entry.spentCents !== null)?.spentCents ?? null;
}

/** The amounts per year of every measure of the process, by measure id: one query. */
export function costYearsOfProcess(db: DbOrTx, processId: number) {
	const rows = db
		.select({ cost: table.measureCost })
		.from(table.measureCost)
		.innerJoin(table.measure, eq(table.measureCost.measureId, table.measure.id))
		.where(eq(table.measure.processId, processId))
		.all();
	const byMeasure = new Map<number, { year: number; cents: number }[]>();
	for (const { cost } of rows) {
		const list = byMeasure.get(cost.measureId) ?? [];
		list.push({ year: cost.year, cents: cost.amountCents });
		byMeasure.set(cost.measureId, list);
	}
	return byMeasure;
}
