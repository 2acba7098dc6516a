import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { listCatalogue } from './measures';

/**
 * What the measure form offers: the process's fields and goals, its measures to extend, and
 * its bodies that can lead a measure.
 */
export function measureChoices(db: Db, processId: number) {
	const catalogue = listCatalogue(db, processId);
	return {
		fields: catalogue.map(({ field }) => ({ id: field.id, label: `${field.code} ${field.title}` })),
		goals: catalogue.flatMap(({ field, goals }) =>
			goals.map((goal) => ({ id: goal.id, fieldId: field.id, title: goal.title }))
		),
		measures: catalogue.flatMap(({ measures }) =>
			measures.map((measure) => ({ id: measure.id, label: `${measure.number} ${measure.title}` }))
		),
		bodies: db
			.select({ id: table.body.id, name: table.body.name })
			.from(table.body)
			.where(and(eq(table.body.processId, processId), isNull(table.body.archivedAt)))
			.orderBy(asc(table.body.name))
			.all()
	};
}
