import { and, asc, count, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { moveRow, nextPosition, type Direction } from './ordering';

export type PhaseInput = Pick<
	table.Phase,
	'title' | 'description' | 'startsOn' | 'endsOn' | 'status'
>;

const phaseScope = (processId: number) => ({
	rows: table.phase,
	parent: table.phase.processId,
	parentId: processId
});

export function listPhases(db: DbOrTx, processId: number) {
	return db
		.select()
		.from(table.phase)
		.where(eq(table.phase.processId, processId))
		.orderBy(asc(table.phase.position), asc(table.phase.id))
		.all();
}

/**
 * The phase the process is in on `today` (YYYY-MM-DD): the first one marked active, else the
 * first not yet done whose dates include today. `next` is the first planned phase after it.
 */
export function currentPhase<P extends Pick<table.Phase, 'status' | 'startsOn' | 'endsOn'>>(
	phases: P[],
	today: string
): { current: P | null; next: P | null } {
	const current =
		phases.find((p) => p.status === 'active') ??
		phases.find(
			(p) =>
				p.status !== 'done' && p.startsOn && p.startsOn <= today && (!p.endsOn || today <= p.endsOn)
		) ??
		null;
	const after = current ? phases.slice(phases.indexOf(current) + 1) : phases;
	const next =
		after.find((p) => p.status === 'planned' && (current || !p.startsOn || p.startsOn > today)) ??
		null;
	return { current, next };
}

export function addPhase(db: Db, processId: number, input: PhaseInput) {
	return db.transaction((tx) =>
		tx
			.insert(table.phase)
			.values({ ...input, processId, position: nextPosition(tx, phaseScope(processId)) })
			.returning()
			.get()
	);
}

export function updatePhase(db: Db, processId: number, phaseId: number, input: PhaseInput) {
	return db
		.update(table.phase)
		.set(input)
		.where(and(eq(table.phase.id, phaseId), eq(table.phase.processId, processId)))
		.returning()
		.get();
}

export function movePhase(db: Db, processId: number, phaseId: number, direction: Direction) {
	return db.transaction((tx) => moveRow(tx, phaseScope(processId), phaseId, direction));
}

export function findPhase(db: DbOrTx, processId: number, phaseId: number) {
	return db
		.select()
		.from(table.phase)
		.where(and(eq(table.phase.id, phaseId), eq(table.phase.processId, processId)))
		.get();
}

/** How many events are filed under the phase. */
export function phaseEvents(db: DbOrTx, phaseId: number): number {
	return db.select({ n: count() }).from(table.event).where(eq(table.event.phaseId, phaseId)).get()!
		.n;
}

export type PhaseRemoval =
	| { ok: true }
	| { ok: false; reason: 'not_found' }
	| { ok: false; reason: 'in_use'; events: number };

/**
 * Deletes a phase without events. A phase with events is refused: the timeline is how the
 * process reports what happened when, so its events are moved to another phase first.
 */
export function deletePhase(db: Db, processId: number, phaseId: number): PhaseRemoval {
	return db.transaction((tx) => {
		if (!findPhase(tx, processId, phaseId)) return { ok: false, reason: 'not_found' } as const;
		const events = phaseEvents(tx, phaseId);
		if (events > 0) return { ok: false, reason: 'in_use', events } as const;
		tx.delete(table.phase).where(eq(table.phase.id, phaseId)).run();
		return { ok: true } as const;
	});
}
