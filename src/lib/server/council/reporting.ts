import { and, desc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import * as table from '../db/schema';
import { todayIn } from '../time';
import { adoptedConceptOf } from './steps';

/**
 * Where the reporting duty of the adopting decision stands ("Bericht über die Umsetzung in einem
 * Jahr"): `due` until its day, `overdue` from the day after it (Europe/Berlin), `reported` once a
 * Sachstandsbericht on the time after the decision was written. Written means: a text of the
 * report (`reportNarrative`, one per field and period) for a period that ends after the decision
 * day. Status entries of single measures alone do not meet the duty: they are the report's
 * material, not the report the council asked for; and the entries the adoption itself records
 * carry the decision day.
 */
export type ReportingDuty =
	| { state: 'due' | 'overdue'; dueOn: string; decidedOn: string }
	| { state: 'reported'; dueOn: string; decidedOn: string; periodFrom: string; periodTo: string };

export function reportingDutyOf(
	db: DbOrTx,
	processId: number,
	today: string = todayIn()
): ReportingDuty | null {
	const adopted = adoptedConceptOf(db, processId);
	if (!adopted?.reportDueOn) return null;
	const dueOn = adopted.reportDueOn;
	const decidedOn = adopted.adoptedOn;
	const report = db
		.select({
			periodFrom: table.reportNarrative.periodFrom,
			periodTo: table.reportNarrative.periodTo
		})
		.from(table.reportNarrative)
		.where(
			and(
				eq(table.reportNarrative.processId, processId),
				gt(table.reportNarrative.periodTo, decidedOn)
			)
		)
		.orderBy(desc(table.reportNarrative.periodTo), desc(table.reportNarrative.periodFrom))
		.get();
	if (report) return { state: 'reported', dueOn, decidedOn, ...report };
	return { state: today > dueOn ? 'overdue' : 'due', dueOn, decidedOn };
}
