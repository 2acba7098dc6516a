import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { listGuidelines } from '../process/fields';
import { fieldsWithGoals } from './catalogue';
import { listCatalogue } from './measures';

/**
 * What the measure form offers: the process's fields and goals, its guidelines and projects,
 * and its bodies that can lead. An archived body stays offered (marked) to the measure it
 * leads, so that saving the form does not drop it.
 */
export function measureChoices(db: Db, processId: number, leadBodyId: number | null = null) {
	const fields = fieldsWithGoals(db, processId);
	return {
		fields: fields.map(({ field }) => ({ id: field.id, label: `${field.code} ${field.title}` })),
		goals: fields.flatMap(({ field, goals }) =>
			goals.map((goal) => ({ id: goal.id, fieldId: field.id, title: goal.title }))
		),
		guidelines: listGuidelines(db, processId).map(({ id, title }) => ({ id, title })),
		projects: db
			.select({ id: table.project.id, title: table.project.title })
			.from(table.project)
			.where(eq(table.project.processId, processId))
			.orderBy(asc(table.project.title), asc(table.project.id))
			.all(),
		bodies: db
			.select({ id: table.body.id, name: table.body.name, archivedAt: table.body.archivedAt })
			.from(table.body)
			.where(
				and(
					eq(table.body.processId, processId),
					leadBodyId === null
						? isNull(table.body.archivedAt)
						: or(isNull(table.body.archivedAt), eq(table.body.id, leadBodyId))
				)
			)
			.orderBy(asc(table.body.name))
			.all()
			.map(({ id, name, archivedAt }) => ({ id, name, archived: archivedAt !== null }))
	};
}

/** The process's measures by number and title, for choosing one a result should extend. */
export function measureLabels(db: Db, processId: number) {
	return listCatalogue(db, processId).flatMap(({ measures }) =>
		measures.map((measure) => ({ id: measure.id, label: `${measure.number} ${measure.title}` }))
	);
}
