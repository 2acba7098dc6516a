import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';

/** The organisation a questionnaire's phones see in the privacy notice and the legal links. */
export function organisationOfProcess(db: Db, processId: number) {
	return db
		.select({ slug: table.organisation.slug, name: table.organisation.name })
		.from(table.process)
		.innerJoin(table.organisation, eq(table.process.organisationId, table.organisation.id))
		.where(eq(table.process.id, processId))
		.get();
}
