import type { Db } from '../db';
import { listCatalogue } from './measures';

/** What the measure form offers: the process's fields and goals, and its measures to extend. */
export function measureChoices(db: Db, processId: number) {
	const catalogue = listCatalogue(db, processId);
	return {
		fields: catalogue.map(({ field }) => ({ id: field.id, label: `${field.code} ${field.title}` })),
		goals: catalogue.flatMap(({ field, goals }) =>
			goals.map((goal) => ({ id: goal.id, fieldId: field.id, title: goal.title }))
		),
		measures: catalogue.flatMap(({ measures }) =>
			measures.map((measure) => ({ id: measure.id, label: `${measure.number} ${measure.title}` }))
		)
	};
}
