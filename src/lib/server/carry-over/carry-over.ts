import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
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
	const guidelineIds = pairedIds(tx, table.guideline, fromProcessId, toProcessId);
	const bodyIds = pairedIds(tx, table.body, fromProcessId, toProcessId);
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
			leadBodyId,
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
				goalId: goalId ? (goalIds.get(goalId) ?? null) : null,
				leadBodyId: leadBodyId ? (bodyIds.get(leadBodyId) ?? null) : null,
				// Projects are the earlier round's bundles; the new round forms its own.
				projectId: null,
				originMeasureId: id
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
		const further = tx
			.select()
			.from(table.measureField)
			.where(eq(table.measureField.measureId, id))
			.all()
			.flatMap(({ fieldOfActionId }) => fieldIds.get(fieldOfActionId) ?? []);
		if (further.length > 0) {
			tx.insert(table.measureField)
				.values(further.map((fieldOfActionId) => ({ measureId: copy.id, fieldOfActionId })))
				.run();
		}
		const guidelines = tx
			.select()
			.from(table.measureGuideline)
			.where(eq(table.measureGuideline.measureId, id))
			.all()
			.flatMap(({ guidelineId }) => guidelineIds.get(guidelineId) ?? []);
		if (guidelines.length > 0) {
			tx.insert(table.measureGuideline)
				.values(guidelines.map((guidelineId) => ({ measureId: copy.id, guidelineId })))
				.run();
		}
		const parties = tx
			.select()
			.from(table.measureParty)
			.where(eq(table.measureParty.measureId, id))
			.all();
		if (parties.length > 0) {
			tx.insert(table.measureParty)
				.values(parties.map(({ id: _id, ...row }) => ({ ...row, measureId: copy.id })))
				.run();
		}
		const costs = tx
			.select()
			.from(table.measureCost)
			.where(eq(table.measureCost.measureId, id))
			.all();
		if (costs.length > 0) {
			tx.insert(table.measureCost)
				.values(costs.map((row) => ({ ...row, measureId: copy.id })))
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

/**
 * The earlier process's guidelines or (working) bodies paired with their copies in the new one:
 * createRevision copies them in id order just before, so the n-th of each side is a pair.
 */
function pairedIds(
	tx: DbOrTx,
	rows: typeof table.guideline | typeof table.body,
	fromProcessId: number,
	toProcessId: number
) {
	const idsOf = (processId: number) =>
		tx
			.select({ id: rows.id })
			.from(rows)
			.where(
				rows === table.body
					? and(eq(table.body.processId, processId), isNull(table.body.archivedAt))
					: eq(rows.processId, processId)
			)
			.orderBy(asc(rows.id))
			.all()
			.map((row) => row.id);
	const from = idsOf(fromProcessId);
	const to = idsOf(toProcessId);
	return new Map(from.flatMap((id, index) => (to[index] === undefined ? [] : [[id, to[index]!]])));
}
