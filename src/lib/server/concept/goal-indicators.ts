import { asc, eq } from 'drizzle-orm';
import { groupBy } from '../../group-by';
import type { DbOrTx } from '../db';
import * as table from '../db/schema';

/** The indicators of the process's goals in their order, by goal id: one query. */
export function indicatorsByGoal(db: DbOrTx, processId: number) {
	return groupBy(
		db
			.select({ indicator: table.indicator })
			.from(table.indicator)
			.innerJoin(table.goal, eq(table.indicator.goalId, table.goal.id))
			.innerJoin(table.fieldOfAction, eq(table.goal.fieldOfActionId, table.fieldOfAction.id))
			.where(eq(table.fieldOfAction.processId, processId))
			.orderBy(asc(table.indicator.position), asc(table.indicator.id))
			.all()
			.map(({ indicator }) => indicator),
		(indicator) => indicator.goalId
	);
}
