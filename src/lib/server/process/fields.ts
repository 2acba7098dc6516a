import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { moveRow, nextPosition, type Direction } from './ordering';

export type FieldInput = Pick<table.FieldOfAction, 'code' | 'title' | 'description'>;
export type GuidelineInput = Pick<table.Guideline, 'title' | 'description'>;
export type FieldChange = { ok: true } | { ok: false; reason: 'code_taken' };

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
	if (codeTaken(db, processId, input.code, fieldId)) return { ok: false, reason: 'code_taken' };
	db.update(table.fieldOfAction)
		.set(input)
		.where(and(eq(table.fieldOfAction.id, fieldId), eq(table.fieldOfAction.processId, processId)))
		.run();
	return { ok: true };
}

export function moveField(db: Db, processId: number, fieldId: number, direction: Direction) {
	db.transaction((tx) => moveRow(tx, fieldScope(processId), fieldId, direction));
}

export function deleteField(db: Db, processId: number, fieldId: number) {
	db.delete(table.fieldOfAction)
		.where(and(eq(table.fieldOfAction.id, fieldId), eq(table.fieldOfAction.processId, processId)))
		.run();
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
) {
	db.update(table.guideline)
		.set(input)
		.where(and(eq(table.guideline.id, guidelineId), eq(table.guideline.processId, processId)))
		.run();
}

export function moveGuideline(
	db: Db,
	processId: number,
	guidelineId: number,
	direction: Direction
) {
	db.transaction((tx) => moveRow(tx, guidelineScope(processId), guidelineId, direction));
}

export function deleteGuideline(db: Db, processId: number, guidelineId: number) {
	db.delete(table.guideline)
		.where(and(eq(table.guideline.id, guidelineId), eq(table.guideline.processId, processId)))
		.run();
}
