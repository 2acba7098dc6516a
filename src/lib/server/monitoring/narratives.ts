import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';

export interface NarrativeInput {
	fieldId: number;
	from: string;
	to: string;
	/** Cleaned at the edge; empty removes the text. */
	text: string;
}

export type NarrativeSaving =
	| {
			ok: true;
			field: Pick<table.FieldOfAction, 'code' | 'title'>;
			narrative: table.ReportNarrative | null;
	  }
	| { ok: false; reason: 'not_found' };

/**
 * Writes the text on a field of action for a report period, replacing the one written before
 * for the same period; an empty text removes it. A field of another process is not found.
 */
export function saveNarrative(
	db: Db,
	processId: number,
	input: NarrativeInput,
	writer: { name: string }
): NarrativeSaving {
	return db.transaction((tx) => {
		const field = tx
			.select({
				id: table.fieldOfAction.id,
				code: table.fieldOfAction.code,
				title: table.fieldOfAction.title
			})
			.from(table.fieldOfAction)
			.where(
				and(eq(table.fieldOfAction.id, input.fieldId), eq(table.fieldOfAction.processId, processId))
			)
			.get();
		if (!field) return { ok: false, reason: 'not_found' } as const;
		const key = and(
			eq(table.reportNarrative.processId, processId),
			eq(table.reportNarrative.periodFrom, input.from),
			eq(table.reportNarrative.periodTo, input.to),
			eq(table.reportNarrative.fieldOfActionId, field.id)
		);
		if (input.text === '') {
			tx.delete(table.reportNarrative).where(key).run();
			return { ok: true, field, narrative: null } as const;
		}
		const narrative = tx
			.insert(table.reportNarrative)
			.values({
				processId,
				fieldOfActionId: field.id,
				periodFrom: input.from,
				periodTo: input.to,
				text: input.text,
				writtenBy: writer.name
			})
			.onConflictDoUpdate({
				target: [
					table.reportNarrative.processId,
					table.reportNarrative.periodFrom,
					table.reportNarrative.periodTo,
					table.reportNarrative.fieldOfActionId
				],
				set: { text: input.text, writtenBy: writer.name, updatedAt: new Date() }
			})
			.returning()
			.get();
		return { ok: true, field, narrative } as const;
	});
}

/** The texts written for exactly this period, by field id. */
export function narrativesOf(db: DbOrTx, processId: number, from: string, to: string) {
	const rows = db
		.select()
		.from(table.reportNarrative)
		.where(
			and(
				eq(table.reportNarrative.processId, processId),
				eq(table.reportNarrative.periodFrom, from),
				eq(table.reportNarrative.periodTo, to)
			)
		)
		.all();
	return new Map(rows.map((row) => [row.fieldOfActionId, row]));
}
