import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { uniqueSlug } from '../organisations/slug';
import { layOutPhases, type ProcessTemplate } from './templates';

export interface NewProcess {
	organisationId: number;
	title: string;
	description: string;
	template: ProcessTemplate;
	startsOn: string;
}

export function createProcess(db: DbOrTx, input: NewProcess): table.Process {
	const slug = uniqueSlug(input.title, (candidate) =>
		Boolean(
			db
				.select({ id: table.process.id })
				.from(table.process)
				.where(
					and(
						eq(table.process.organisationId, input.organisationId),
						eq(table.process.slug, candidate)
					)
				)
				.get()
		)
	);
	const created = db
		.insert(table.process)
		.values({
			organisationId: input.organisationId,
			slug,
			title: input.title.trim(),
			description: input.description.trim(),
			template: input.template
		})
		.returning()
		.get();
	const phases = layOutPhases(input.template, input.startsOn);
	if (phases.length > 0) {
		db.insert(table.phase)
			.values(phases.map((phase) => ({ ...phase, processId: created.id })))
			.run();
	}
	return created;
}

export function listProcesses(db: Db, organisationId: number) {
	return db
		.select()
		.from(table.process)
		.where(eq(table.process.organisationId, organisationId))
		.orderBy(asc(table.process.title))
		.all();
}
