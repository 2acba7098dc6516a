import { count, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '../db';

/**
 * What other records hang on a record that someone wants to delete, counted. A record with
 * history is archived or refused instead of deleted (docs/architecture.md, "Records").
 */
export const dependentKinds = [
	'approvedMinutes',
	'minutes',
	'activities',
	'ideas',
	'dots',
	'attendees',
	'agendaItems',
	'events',
	'members',
	'measures',
	'goals',
	'adoptedResults',
	'sources',
	'statusUpdates',
	'workshopQuestions',
	'bodies'
] as const;
export type DependentKind = (typeof dependentKinds)[number];
export type Dependents = Partial<Record<DependentKind, number>>;

/** Only the kinds with a count above zero, in the order of `dependentKinds`. */
export function present(dependents: Dependents): [DependentKind, number][] {
	return dependentKinds.flatMap((kind) => {
		const n = dependents[kind] ?? 0;
		return n > 0 ? [[kind, n] as [DependentKind, number]] : [];
	});
}

/** Whether any of `kinds` has a count above zero. */
export function anyOf(dependents: Dependents, kinds: readonly DependentKind[]): boolean {
	return kinds.some((kind) => (dependents[kind] ?? 0) > 0);
}

/** What a removal did: deleted for good, or archived because records depend on it. */
export type Removal = 'deleted' | 'archived';

/** How many rows of `rows` match `where`. */
export function countRows(db: DbOrTx, rows: SQLiteTable, where: SQL | undefined): number {
	return db.select({ n: count() }).from(rows).where(where).get()?.n ?? 0;
}
