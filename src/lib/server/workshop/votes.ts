import { and, count, countDistinct, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { groupBy } from '../../group-by';
import type { ResultGroup, StakeholderCategory } from '../../domain';
import { failure, ok, type LiveResult } from '../../workshop/errors';
import type { DotTarget } from '../../workshop/messages';
import type { MyDotsView, TallyView } from '../../workshop/protocol';
import {
	allowsVoting,
	byDotsThenVoters,
	dotRefusal,
	targetKey,
	targetOf,
	withDot
} from '../../workshop/rules';
import { minGroupSize } from '../privacy/config';
import { groupsToShow, mergeSmallGroups } from '../privacy/small-groups';

/** A dot write's outcome: the sender's dots, and whether this write changed anything. */
export interface DotWrite {
	mine: MyDotsView;
	/** False for a resend of a write applied before. */
	applied: boolean;
}

type DotWriteKind = table.AppliedWrite['kind'];

/** One of a participant's dots on an idea or on a cluster, to take back. */
function oneDotOn(db: Db, column: typeof table.dot.ideaId | typeof table.dot.clusterId) {
	const p = sql.placeholder;
	return db
		.select({ id: table.dot.id })
		.from(table.dot)
		.where(
			and(
				eq(table.dot.activityId, p('activityId')),
				eq(table.dot.participantId, p('participantId')),
				eq(column, p('id'))
			)
		)
		.limit(1)
		.prepare();
}

/**
 * The statements of the dot hot path, built once per database: drizzle builds SQL on every
 * call otherwise, and at a thousand dots a second that costs more than SQLite does.
 */
function prepareDotStatements(db: Db) {
	const p = sql.placeholder;
	return {
		applied: db
			.select({ kind: table.appliedWrite.kind, activityId: table.appliedWrite.activityId })
			.from(table.appliedWrite)
			.where(
				and(
					eq(table.appliedWrite.participantId, p('participantId')),
					eq(table.appliedWrite.clientId, p('clientId'))
				)
			)
			.prepare(),
		markApplied: db
			.insert(table.appliedWrite)
			.values({
				participantId: p('participantId'),
				clientId: p('clientId'),
				kind: p('kind'),
				activityId: p('activityId')
			})
			.prepare(),
		stage: db
			.select({ stage: table.activity.stage })
			.from(table.activity)
			.where(eq(table.activity.id, p('activityId')))
			.prepare(),
		// What can receive dots: every cluster, and every visible idea that is neither merged
		// into another nor part of a cluster (its cluster receives the dots).
		votableCluster: db
			.select({ id: table.cluster.id })
			.from(table.cluster)
			.where(and(eq(table.cluster.id, p('id')), eq(table.cluster.activityId, p('activityId'))))
			.prepare(),
		votableIdea: db
			.select({ id: table.idea.id })
			.from(table.idea)
			.where(
				and(
					eq(table.idea.id, p('id')),
					eq(table.idea.activityId, p('activityId')),
					eq(table.idea.hidden, false),
					isNull(table.idea.mergedIntoId),
					isNull(table.idea.clusterId)
				)
			)
			.prepare(),
		mine: db
			.select({ ideaId: table.dot.ideaId, clusterId: table.dot.clusterId, dots: count() })
			.from(table.dot)
			.where(
				and(
					eq(table.dot.activityId, p('activityId')),
					eq(table.dot.participantId, p('participantId'))
				)
			)
			.groupBy(table.dot.ideaId, table.dot.clusterId)
			.prepare(),
		insertDot: db
			.insert(table.dot)
			.values({
				activityId: p('activityId'),
				participantId: p('participantId'),
				ideaId: p('ideaId'),
				clusterId: p('clusterId')
			})
			.prepare(),
		oneOnIdea: oneDotOn(db, table.dot.ideaId),
		oneOnCluster: oneDotOn(db, table.dot.clusterId),
		deleteDot: db
			.delete(table.dot)
			.where(eq(table.dot.id, p('id')))
			.prepare()
	};
}

const preparedFor = new WeakMap<Db, ReturnType<typeof prepareDotStatements>>();

function statements(db: Db) {
	let prepared = preparedFor.get(db);
	if (!prepared) {
		prepared = prepareDotStatements(db);
		preparedFor.set(db, prepared);
	}
	return prepared;
}

export function myDots(db: Db, activity: table.Activity, participantId: string): MyDotsView {
	const rows = statements(db).mine.all({ activityId: activity.id, participantId });
	const placed = rows.map((row) => ({ target: targetOf(row), dots: row.dots }));
	const spent = placed.reduce((sum, p) => sum + p.dots, 0);
	return { placed, remaining: activity.dotsPerParticipant - spent };
}

interface DotWriteRequest {
	activity: table.Activity;
	participantId: string;
	clientId: string;
	kind: DotWriteKind;
}

/**
 * Runs one dot write in a transaction: a resend is answered with the current dots and applied
 * nothing again, a client id reused for another write is refused, and outside voting nothing
 * changes. Only applied writes are remembered: a refused one may succeed later with the same
 * client id, e.g. once voting opens.
 */
function writeDot(
	db: Db,
	{ activity, participantId, clientId, kind }: DotWriteRequest,
	apply: (run: ReturnType<typeof statements>) => LiveResult<MyDotsView>
): LiveResult<DotWrite> {
	const run = statements(db);
	return db.transaction(() => {
		const earlier = run.applied.get({ participantId, clientId });
		if (earlier) {
			return earlier.kind === kind && earlier.activityId === activity.id
				? ok({ mine: myDots(db, activity, participantId), applied: false })
				: failure('client_id_reused');
		}
		const stage = run.stage.get({ activityId: activity.id })?.stage;
		if (!stage || !allowsVoting(stage)) return failure('wrong_stage');
		const result = apply(run);
		if (!result.ok) return result;
		run.markApplied.run({ participantId, clientId, kind, activityId: activity.id });
		return ok({ mine: result.value, applied: true });
	});
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
	return writeDot(db, { activity, participantId, clientId, kind: 'dot:place' }, (run) => {
		const votable = target.kind === 'cluster' ? run.votableCluster : run.votableIdea;
		if (!votable.get({ id: target.id, activityId: activity.id })) return failure('not_found');
		const mine = myDots(db, activity, participantId);
		const refusal = dotRefusal(mine, target, activity.maxDotsPerTarget);
		if (refusal) return failure(refusal);
		run.insertDot.run({
			activityId: activity.id,
			participantId,
			ideaId: target.kind === 'idea' ? target.id : null,
			clusterId: target.kind === 'cluster' ? target.id : null
		});
		return ok(withDot(mine, target, 1));
	});
}

/** Takes back one of the participant's dots on a target. */
export function removeDot(
	db: Db,
	activity: table.Activity,
	participantId: string,
	clientId: string,
	target: DotTarget
): LiveResult<DotWrite> {
	return writeDot(db, { activity, participantId, clientId, kind: 'dot:remove' }, (run) => {
		const one = (target.kind === 'idea' ? run.oneOnIdea : run.oneOnCluster).get({
			activityId: activity.id,
			participantId,
			id: target.id
		});
		if (!one) return failure('no_dot_there');
		run.deleteDot.run({ id: one.id });
		return ok(myDots(db, activity, participantId));
	});
}

export function tallies(db: Db, activityId: number): TallyView[] {
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

/**
 * The stakeholder groups whose support may be shown on their own for these activities: those
 * with at least `minSize` voters in them (src/lib/server/privacy/small-groups.ts).
 */
export function shownGroups(db: Db, activityIds: number[], minSize = minGroupSize()) {
	if (activityIds.length === 0) return new Set<StakeholderCategory | null>();
	const sizes = db
		.select({
			category: table.participant.category,
			voters: countDistinct(table.dot.participantId)
		})
		.from(table.dot)
		.innerJoin(table.participant, eq(table.dot.participantId, table.participant.id))
		.where(inArray(table.dot.activityId, activityIds))
		.groupBy(table.participant.category)
		.all();
	return groupsToShow(new Map(sizes.map((group) => [group.category, group.voters])), minSize);
}

export interface RankedResult {
	target: DotTarget;
	label: string;
	dots: number;
	voters: number;
	/**
	 * Dots and voters per self-declared stakeholder group (null: not stated); groups with fewer
	 * voters in the activity than `minSize` are merged (src/lib/server/privacy/small-groups.ts).
	 */
	byCategory: { category: ResultGroup; dots: number; voters: number }[];
	ideaIds: number[];
}

/** The ranked results: every votable idea and cluster, most dots first. */
export function rankedResults(
	db: Db,
	activityId: number,
	minSize = minGroupSize()
): RankedResult[] {
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
	const shown = shownGroups(db, [activityId], minSize);
	const totals = new Map(tallies(db, activityId).map((t) => [targetKey(t.target), t]));
	const groupsOf = groupBy(breakdown, (row) => targetKey(targetOf(row)));

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
				byCategory: mergeSmallGroups(
					(groupsOf.get(key) ?? []).map(({ category, dots, voters }) => ({
						category,
						dots,
						voters
					})),
					shown
				)
			};
		})
		.sort(byDotsThenVoters);
}
