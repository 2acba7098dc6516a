import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import * as table from '../db/schema';

/**
 * A Fortschreibung continues the adopted concept: goals and measures move into the new
 * process with their numbers' order, status, planned year, status history and origin, so the
 * next report can say what became of each measure. What was archived (set aside, kept only for
 * the record) stays behind. It works on the tables alone, below both
 * `process` (which creates the Fortschreibung) and `concept` (which builds on `process`), so
 * neither folder imports the other back.
 */
export function carryOverMeasures(
	tx: DbOrTx,
	fromProcessId: number,
	toProcessId: number,
	fieldIds: Map<number, number>
) {
	const goalIds = new Map<number, number>();
	const oldFields = [...fieldIds.keys()];
	if (oldFields.length === 0) return;
	for (const goal of tx
		.select()
		.from(table.goal)
		.where(inArray(table.goal.fieldOfActionId, oldFields))
		.all()) {
		const { id, fieldOfActionId, createdAt: _createdAt, ...rest } = goal;
		const copy = tx
			.insert(table.goal)
			.values({ ...rest, fieldOfActionId: fieldIds.get(fieldOfActionId)! })
			.returning()
			.get();
		goalIds.set(id, copy.id);
	}
	for (const measure of tx
		.select()
		.from(table.measure)
		.where(and(eq(table.measure.processId, fromProcessId), isNull(table.measure.archivedAt)))
		.all()) {
		const {
			id,
			fieldOfActionId,
			goalId,
			createdAt: _createdAt,
			updatedAt: _updatedAt,
			...rest
		} = measure;
		const copy = tx
			.insert(table.measure)
			.values({
				...rest,
				processId: toProcessId,
				fieldOfActionId: fieldIds.get(fieldOfActionId)!,
				goalId: goalId ? (goalIds.get(goalId) ?? null) : null
			})
			.returning()
			.get();
		// In the order they were recorded, so that a correction points to the copy it corrects.
		const updateIds = new Map<number, number>();
		for (const { id: updateId, correctsId, ...row } of tx
			.select()
			.from(table.measureUpdate)
			.where(eq(table.measureUpdate.measureId, id))
			.orderBy(table.measureUpdate.id)
			.all()) {
			const copied = tx
				.insert(table.measureUpdate)
				.values({
					...row,
					measureId: copy.id,
					correctsId: correctsId === null ? null : (updateIds.get(correctsId) ?? null)
				})
				.returning()
				.get();
			updateIds.set(updateId, copied.id);
		}
		const sources = tx
			.select()
			.from(table.measureSource)
			.where(eq(table.measureSource.measureId, id))
			.all();
		if (sources.length > 0) {
			tx.insert(table.measureSource)
				.values(sources.map(({ id: _id, ...row }) => ({ ...row, measureId: copy.id })))
				.run();
		}
		const ideas = tx
			.select()
			.from(table.measureIdea)
			.where(eq(table.measureIdea.measureId, id))
			.all();
		if (ideas.length > 0) {
			tx.insert(table.measureIdea)
				.values(ideas.map(({ ideaId }) => ({ measureId: copy.id, ideaId })))
				.run();
		}
	}
}
