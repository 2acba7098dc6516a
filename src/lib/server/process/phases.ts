import { and, asc, count, eq } from 'drizzle-orm';
import type { PhaseStatus } from '../../domain';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { timeZone, todayIn } from '../time';
import { moveRow, nextPosition, type Direction } from './ordering';

export type PhaseInput = Pick<
	table.Phase,
	'title' | 'description' | 'startsOn' | 'endsOn' | 'statusOverride'
>;
type PhaseDates = Pick<table.Phase, 'statusOverride' | 'startsOn' | 'endsOn'>;

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
 * What the dates alone say on `today` (YYYY-MM-DD in Europe/Berlin): planned before the first
 * day, active from the first to the last day (both included), done after the last day. A phase
 * without a start has not begun until its end has passed.
 */
export function stateByDates(phase: Pick<table.Phase, 'startsOn' | 'endsOn'>, today: string) {
	if (phase.endsOn && today > phase.endsOn) return 'done' as const;
	if (phase.startsOn && phase.startsOn <= today) return 'active' as const;
	return 'planned' as const;
}

export interface PhaseState {
	status: PhaseStatus;
	/** Set by hand (the override), not computed from the dates. */
	manual: boolean;
}

/** The phase's state on `today`: the override where staff set one, else its dates. */
export function phaseStateOn(phase: PhaseDates, today: string): PhaseState {
	return phase.statusOverride === 'automatic'
		? { status: stateByDates(phase, today), manual: false }
		: { status: phase.statusOverride, manual: true };
}

/** The phase's state at an instant, on the German calendar (not UTC's). */
export function phaseStateAt(phase: PhaseDates, now: Date): PhaseState {
	return phaseStateOn(phase, todayIn(timeZone, now));
}

/** The phases with their state on `today`. */
export function withStates<P extends PhaseDates>(phases: P[], today: string) {
	return phases.map((phase) => ({ ...phase, ...phaseStateOn(phase, today) }));
}

/**
 * The phase the process is in on `today` (YYYY-MM-DD): the first one set active by hand, else
 * the first whose dates make it active. `next` is the first planned phase after it.
 */
export function currentPhase<P extends PhaseDates>(
	phases: P[],
	today: string
): { current: P | null; next: P | null } {
	const states = phases.map((phase) => phaseStateOn(phase, today));
	const index = [
		states.findIndex((s) => s.manual && s.status === 'active'),
		states.findIndex((s) => s.status === 'active')
	].find((i) => i >= 0);
	const current = index === undefined ? null : (phases[index] ?? null);
	const from = index === undefined ? 0 : index + 1;
	const nextIndex = states.findIndex((s, i) => i >= from && s.status === 'planned');
	return { current, next: phases[nextIndex] ?? null };
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
