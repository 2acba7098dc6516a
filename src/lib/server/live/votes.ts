import { and, count, countDistinct, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import type { StakeholderCategory } from '../../domain';
import { failure, ok, type LiveResult } from './errors';

export type DotTarget = { kind: 'idea' | 'cluster'; id: number };

export interface MyDots {
	placed: { target: DotTarget; dots: number }[];
	remaining: number;
}

/** A dot write's outcome: the sender's dots, and whether this write changed anything. */
export interface DotWrite {
	mine: MyDots;
	/** False for a resend of a write applied before. */
	applied: boolean;
}

export interface Tally {
	target: DotTarget;
	dots: number;
	voters: number;
}

const targetKey = (target: DotTarget) => `${target.kind}:${target.id}`;

function targetOf(row: { ideaId: number | null; clusterId: number | null }): DotTarget {
	return row.clusterId !== null
		? { kind: 'cluster', id: row.clusterId }
		: { kind: 'idea', id: row.ideaId! };
}

/**
 * What can receive dots: every cluster, and every visible idea that is neither merged into
 * another nor part of a cluster (its cluster receives the dots).
 */
function isVotable(db: DbOrTx, activityId: number, target: DotTarget): boolean {
	if (target.kind === 'cluster') {
		return Boolean(
			db
				.select({ id: table.cluster.id })
				.from(table.cluster)
				.where(and(eq(table.cluster.id, target.id), eq(table.cluster.activityId, activityId)))
				.get()
		);
	}
	return Boolean(
		db
			.select({ id: table.idea.id })
			.from(table.idea)
			.where(
				and(
					eq(table.idea.id, target.id),
					eq(table.idea.activityId, activityId),
					eq(table.idea.hidden, false),
					isNull(table.idea.mergedIntoId),
					isNull(table.idea.clusterId)
				)
			)
			.get()
	);
}

function targetColumn(target: DotTarget) {
	return target.kind === 'idea'
		? eq(table.dot.ideaId, target.id)
		: eq(table.dot.clusterId, target.id);
}

export function myDots(db: DbOrTx, activity: table.Activity, participantId: string): MyDots {
	const rows = db
		.select({ ideaId: table.dot.ideaId, clusterId: table.dot.clusterId, dots: count() })
		.from(table.dot)
		.where(and(eq(table.dot.activityId, activity.id), eq(table.dot.participantId, participantId)))
		.groupBy(table.dot.ideaId, table.dot.clusterId)
		.all();
	const placed = rows.map((row) => ({ target: targetOf(row), dots: row.dots }));
	const spent = placed.reduce((sum, p) => sum + p.dots, 0);
	return { placed, remaining: activity.dotsPerParticipant - spent };
}

/** `mine` with one more dot on `target`, without counting again. */
function withOneMore(mine: MyDots, target: DotTarget): MyDots {
	const key = targetKey(target);
	const found = mine.placed.some((p) => targetKey(p.target) === key);
	const placed = found
		? mine.placed.map((p) => (targetKey(p.target) === key ? { ...p, dots: p.dots + 1 } : p))
		: [...mine.placed, { target, dots: 1 }];
	return { placed, remaining: mine.remaining - 1 };
}

function alreadyApplied(db: DbOrTx, participantId: string, clientId: string): boolean {
	return Boolean(
		db
			.select({ clientId: table.appliedWrite.clientId })
			.from(table.appliedWrite)
			.where(
				and(
					eq(table.appliedWrite.participantId, participantId),
					eq(table.appliedWrite.clientId, clientId)
				)
			)
			.get()
	);
}

/**
 * Only applied writes are remembered: a refused one may succeed later with the same client id,
 * e.g. once voting opens.
 */
function markApplied(db: DbOrTx, participantId: string, clientId: string) {
	db.insert(table.appliedWrite).values({ participantId, clientId }).run();
}

function stageOf(db: DbOrTx, activityId: number) {
	return db
		.select({ stage: table.activity.stage })
		.from(table.activity)
		.where(eq(table.activity.id, activityId))
		.get()?.stage;
}

/**
 * Places one dot. Budget and per-target limit are checked in the same transaction as the
 * insert, so two tabs of one participant cannot overspend together.
 */
export function placeDot(
	db: Db,
	activity: table.Activity,
	participantId: string,
	clientId: string,
	target: DotTarget
): LiveResult<DotWrite> {
	return db.transaction((tx) => {
		if (alreadyApplied(tx, participantId, clientId)) {
			return ok({ mine: myDots(tx, activity, participantId), applied: false });
		}
		if (stageOf(tx, activity.id) !== 'voting') return failure('wrong_stage');
		if (!isVotable(tx, activity.id, target)) return failure('not_found');
		const mine = myDots(tx, activity, participantId);
		if (mine.remaining <= 0) return failure('budget_exhausted');
		const onTarget = mine.placed.find((p) => targetKey(p.target) === targetKey(target))?.dots ?? 0;
		if (onTarget >= activity.maxDotsPerTarget) return failure('target_limit');
		markApplied(tx, participantId, clientId);
		tx.insert(table.dot)
			.values({
				activityId: activity.id,
				participantId,
				ideaId: target.kind === 'idea' ? target.id : null,
				clusterId: target.kind === 'cluster' ? target.id : null
			})
			.run();
		return ok({ mine: withOneMore(mine, target), applied: true });
	});
}

export function removeDot(
	db: Db,
	activity: table.Activity,
	participantId: string,
	clientId: string,
	target: DotTarget
): LiveResult<DotWrite> {
	return db.transaction((tx) => {
		if (alreadyApplied(tx, participantId, clientId)) {
			return ok({ mine: myDots(tx, activity, participantId), applied: false });
		}
		if (stageOf(tx, activity.id) !== 'voting') return failure('wrong_stage');
		const one = tx
			.select({ id: table.dot.id })
			.from(table.dot)
			.where(
				and(
					eq(table.dot.activityId, activity.id),
					eq(table.dot.participantId, participantId),
					targetColumn(target)
				)
			)
			.limit(1)
			.get();
		if (!one) return failure('no_dot_there');
		markApplied(tx, participantId, clientId);
		tx.delete(table.dot).where(eq(table.dot.id, one.id)).run();
		return ok({ mine: myDots(tx, activity, participantId), applied: true });
	});
}

export function tallies(db: Db, activityId: number): Tally[] {
	return db
		.select({
			ideaId: table.dot.ideaId,
			clusterId: table.dot.clusterId,
			dots: count(),
			voters: countDistinct(table.dot.participantId)
		})
		.from(table.dot)
		.where(eq(table.dot.activityId, activityId))
		.groupBy(table.dot.ideaId, table.dot.clusterId)
		.all()
		.map((row) => ({ target: targetOf(row), dots: row.dots, voters: row.voters }));
}

export interface RankedResult {
	target: DotTarget;
	label: string;
	dots: number;
	voters: number;
	/** Dots and voters per self-declared stakeholder group (null: not stated). */
	byCategory: { category: StakeholderCategory | null; dots: number; voters: number }[];
	ideaIds: number[];
}

/** The ranked results: every votable idea and cluster, most dots first. */
export function rankedResults(db: Db, activityId: number): RankedResult[] {
	const ideas = db
		.select()
		.from(table.idea)
		.where(and(eq(table.idea.activityId, activityId), eq(table.idea.hidden, false)))
		.all()
		.filter((idea) => idea.mergedIntoId === null);
	const clusters = db
		.select()
		.from(table.cluster)
		.where(eq(table.cluster.activityId, activityId))
		.all();
	const breakdown = db
		.select({
			ideaId: table.dot.ideaId,
			clusterId: table.dot.clusterId,
			category: table.participant.category,
			dots: count(),
			voters: countDistinct(table.dot.participantId)
		})
		.from(table.dot)
		.innerJoin(table.participant, eq(table.dot.participantId, table.participant.id))
		.where(eq(table.dot.activityId, activityId))
		.groupBy(table.dot.ideaId, table.dot.clusterId, table.participant.category)
		.all();
	const totals = new Map(tallies(db, activityId).map((t) => [targetKey(t.target), t]));

	const entries: Omit<RankedResult, 'dots' | 'voters' | 'byCategory'>[] = [
		...clusters.map((c) => ({
			target: { kind: 'cluster' as const, id: c.id },
			label: c.title,
			ideaIds: ideas.filter((i) => i.clusterId === c.id).map((i) => i.id)
		})),
		...ideas
			.filter((i) => i.clusterId === null)
			.map((i) => ({ target: { kind: 'idea' as const, id: i.id }, label: i.text, ideaIds: [i.id] }))
	];
	return entries
		.map((entry) => {
			const key = targetKey(entry.target);
			return {
				...entry,
				dots: totals.get(key)?.dots ?? 0,
				voters: totals.get(key)?.voters ?? 0,
				byCategory: breakdown
					.filter((row) => targetKey(targetOf(row)) === key)
					.map(({ category, dots, voters }) => ({ category, dots, voters }))
			};
		})
		.sort((a, b) => b.dots - a.dots || b.voters - a.voters);
}
