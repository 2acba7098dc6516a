import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';

/**
 * The concept version the council adopted, if any: the latest one with a day of adoption.
 * The one place the public pages learn of an adoption.
 */
export function adoptedVersionOf(db: Db, processId: number) {
	return db
		.select()
		.from(table.conceptVersion)
		.where(
			and(eq(table.conceptVersion.processId, processId), isNotNull(table.conceptVersion.adoptedOn))
		)
		.orderBy(desc(table.conceptVersion.adoptedOn), desc(table.conceptVersion.number))
		.get();
}
