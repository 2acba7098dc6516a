import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { moveRow, nextPosition, type Direction } from './ordering';
import { anyOf, countRows, type Dependents } from '../records/dependents';

export type FieldInput = Pick<table.FieldOfAction, 'code' | 'title' | 'description'>;
export type GuidelineInput = Pick<table.Guideline, 'title' | 'description'>;
export type FieldChange = { ok: true } | { ok: false; reason: 'code_taken' | 'not_found' };

const fieldScope = (processId: number) => ({
	rows: table.fieldOfAction,
	parent: table.fieldOfAction.processId,
	parentId: processId
});
const guidelineScope = (processId: number) => ({
	rows: table.guideline,
	parent: table.guideline.processId,
	parentId: processId
});

export function listFields(db: Db, processId: number) {
	return db
		.select()
		.from(table.fieldOfAction)
		.where(eq(table.fieldOfAction.processId, processId))
		.orderBy(asc(table.fieldOfAction.position), asc(table.fieldOfAction.id))
		.all();
}

export function listGuidelines(db: Db, processId: number) {
	return db
		.select()
		.from(table.guideline)
		.where(eq(table.guideline.processId, processId))
		.orderBy(asc(table.guideline.position), asc(table.guideline.id))
		.all();
}

function codeTaken(db: DbOrTx, processId: number, code: string, exceptId?: number): boolean {
	const holder = db
		.select({ id: table.fieldOfAction.id })
		.from(table.fieldOfAction)
		.where(and(eq(table.fieldOfAction.processId, processId), eq(table.fieldOfAction.code, code)))
		.get();
	return Boolean(holder && holder.id !== exceptId);
}

/** The smallest whole number not yet used as a code, so new fields read 1, 2, 3 … */
export function suggestFieldCode(db: DbOrTx, processId: number): string {
	let n = 1;
	while (codeTaken(db, processId, String(n))) n += 1;
	return String(n);
}

export function addField(db: Db, processId: number, input: FieldInput): FieldChange {
	return db.transaction((tx) => {
		if (codeTaken(tx, processId, input.code)) {
			return { ok: false, reason: 'code_taken' } as const;
		}
		tx.insert(table.fieldOfAction)
			.values({ ...input, processId, position: nextPosition(tx, fieldScope(processId)) })
			.run();
		return { ok: true } as const;
	});
}

export function updateField(
	db: Db,
	processId: number,
	fieldId: number,
	input: FieldInput
): FieldChange {
	if (!findField(db, processId, fieldId)) return { ok: false, reason: 'not_found' };
	if (codeTaken(db, processId, input.code, fieldId)) return { ok: false, reason: 'code_taken' };
	db.update(table.fieldOfAction)
		.set(input)
		.where(and(eq(table.fieldOfAction.id, fieldId), eq(table.fieldOfAction.processId, processId)))
		.run();
	return { ok: true };
}

export function moveField(db: Db, processId: number, fieldId: number, direction: Direction) {
	return db.transaction((tx) => moveRow(tx, fieldScope(processId), fieldId, direction));
}

export function findField(db: DbOrTx, processId: number, fieldId: number) {
	return db
		.select()
		.from(table.fieldOfAction)
		.where(and(eq(table.fieldOfAction.id, fieldId), eq(table.fieldOfAction.processId, processId)))
		.get();
}

/** Measures (archived ones too), goals and workshop questions filed under the field. */
export function fieldDependents(db: DbOrTx, fieldId: number): Dependents {
	return {
		measures: countRows(db, table.measure, eq(table.measure.fieldOfActionId, fieldId)),
		goals: countRows(db, table.goal, eq(table.goal.fieldOfActionId, fieldId)),
		workshopQuestions: countRows(db, table.activity, eq(table.activity.fieldOfActionId, fieldId)),
		bodies: countRows(db, table.body, eq(table.body.fieldOfActionId, fieldId))
	};
}

/** What keeps a field: the concept's content and the workshops that worked on it. */
const fieldHistory = ['measures', 'goals', 'workshopQuestions'] as const;

export const fieldInUse = (dependents: Dependents) => anyOf(dependents, fieldHistory);

export type FieldRemoval =
	| { ok: true }
	| { ok: false; reason: 'not_found' }
	| { ok: false; reason: 'in_use'; dependents: Dependents };

/**
 * Deletes a field nothing is filed under (bodies only lose the link to it). A field with
 * measures, goals or workshop questions is refused: the measures are what the council adopts,
 * and they cannot live without their field.
 */
export function deleteField(db: Db, processId: number, fieldId: number): FieldRemoval {
	return db.transaction((tx) => {
		if (!findField(tx, processId, fieldId)) return { ok: false, reason: 'not_found' } as const;
		const dependents = fieldDependents(tx, fieldId);
		if (fieldInUse(dependents)) {
			return { ok: false, reason: 'in_use', dependents } as const;
		}
		tx.delete(table.fieldOfAction).where(eq(table.fieldOfAction.id, fieldId)).run();
		return { ok: true } as const;
	});
}

export function addGuideline(db: Db, processId: number, input: GuidelineInput) {
	db.transaction((tx) =>
		tx
			.insert(table.guideline)
			.values({ ...input, processId, position: nextPosition(tx, guidelineScope(processId)) })
			.run()
	);
}

export function updateGuideline(
	db: Db,
	processId: number,
	guidelineId: number,
	input: GuidelineInput
): boolean {
	return Boolean(
		db
			.update(table.guideline)
			.set(input)
			.where(and(eq(table.guideline.id, guidelineId), eq(table.guideline.processId, processId)))
			.returning()
			.get()
	);
}

export function moveGuideline(
	db: Db,
	processId: number,
	guidelineId: number,
	direction: Direction
) {
	return db.transaction((tx) => moveRow(tx, guidelineScope(processId), guidelineId, direction));
}

export function findGuideline(db: DbOrTx, processId: number, guidelineId: number) {
	return db
		.select()
		.from(table.guideline)
		.where(and(eq(table.guideline.id, guidelineId), eq(table.guideline.processId, processId)))
		.get();
}

/** Deletes a guideline of the process; false if there is none with this id. */
export function deleteGuideline(db: Db, processId: number, guidelineId: number): boolean {
	return Boolean(
		db
			.delete(table.guideline)
			.where(and(eq(table.guideline.id, guidelineId), eq(table.guideline.processId, processId)))
			.returning()
			.get()
	);
}
