import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { fieldsWithGoals } from './catalogue';
import { listCatalogue } from './measures';

/** What the measure form offers: the process's fields and goals, and its bodies that can lead. */
export function measureChoices(db: Db, processId: number) {
	const fields = fieldsWithGoals(db, processId);
	return {
		fields: fields.map(({ field }) => ({ id: field.id, label: `${field.code} ${field.title}` })),
		goals: fields.flatMap(({ field, goals }) =>
			goals.map((goal) => ({ id: goal.id, fieldId: field.id, title: goal.title }))
		),
		bodies: db
			.select({ id: table.body.id, name: table.body.name })
			.from(table.body)
			.where(and(eq(table.body.processId, processId), isNull(table.body.archivedAt)))
			.orderBy(asc(table.body.name))
			.all()
	};
}

/** The process's measures by number and title, for choosing one a result should extend. */
export function measureLabels(db: Db, processId: number) {
	return listCatalogue(db, processId).flatMap(({ measures }) =>
		measures.map((measure) => ({ id: measure.id, label: `${measure.number} ${measure.title}` }))
	);
}
