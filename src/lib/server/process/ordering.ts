import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import * as table from '../db/schema';

export type Direction = 'up' | 'down';

/** The ids in their new order after moving `id` one step; unchanged at either end. */
export function moveInOrder(ids: number[], id: number, direction: Direction): number[] {
	const from = ids.indexOf(id);
	const to = direction === 'up' ? from - 1 : from + 1;
	if (from < 0 || to < 0 || to >= ids.length) return ids;
	const moved = [...ids];
	[moved[from], moved[to]] = [moved[to]!, moved[from]!];
	return moved;
}

/**
 * The ids in their new order after moving `id` to `index` (0-based); the others keep their
 * order. Unchanged if `id` is not among them or `index` is outside the list.
 */
export function moveToIndex(ids: number[], id: number, index: number): number[] {
	const from = ids.indexOf(id);
	if (from < 0 || !Number.isInteger(index) || index < 0 || index >= ids.length) return ids;
	const rest = ids.filter((other) => other !== id);
	return [...rest.slice(0, index), id, ...rest.slice(index)];
}

/** Tables whose rows are ordered by `position` within a parent (a process, an event). */
type OrderedTable =
	| typeof table.phase
	| typeof table.fieldOfAction
	| typeof table.guideline
	| typeof table.agendaItem
	| typeof table.activity
	| typeof table.cluster;

export interface OrderScope {
	rows: OrderedTable;
	parent: SQLiteColumn;
	parentId: number;
}

export function orderedIds(db: DbOrTx, { rows, parent, parentId }: OrderScope): number[] {
	return db
		.select({ id: rows.id })
		.from(rows)
		.where(eq(parent, parentId))
		.orderBy(asc(rows.position), asc(rows.id))
		.all()
		.map((row) => row.id);
}

export function nextPosition(db: DbOrTx, scope: OrderScope): number {
	return orderedIds(db, scope).length;
}

/**
 * Moves a row one step up or down among its siblings and renumbers them all. False if the row
 * is not among them (e.g. an id of another process).
 */
export function moveRow(db: DbOrTx, scope: OrderScope, id: number, direction: Direction): boolean {
	const ids = orderedIds(db, scope);
	if (!ids.includes(id)) return false;
	const order = moveInOrder(ids, id, direction);
	order.forEach((rowId, position) =>
		db
			.update(scope.rows)
			.set({ position })
			.where(and(eq(scope.rows.id, rowId), eq(scope.parent, scope.parentId)))
			.run()
	);
	return true;
}
