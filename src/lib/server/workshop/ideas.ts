import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { nextPosition } from '../process/ordering';
import { failure, ok, type LiveResult } from '../../workshop/errors';
import { acceptsIdeas, allowsEditing, allowsRegrouping } from '../../workshop/rules';
import type { Translations } from '../../workshop/translations';

const clusterScope = (activityId: number) => ({
	rows: table.cluster,
	parent: table.cluster.activityId,
	parentId: activityId
});

export interface IdeaSubmission {
	participantId: string;
	clientId: string;
	text: string;
	language: string;
}

/**
 * Stores a participant's idea while the activity collects. A resend with the same client id
 * returns the idea stored the first time; that client id used for another activity is refused.
 */
export function submitIdea(
	db: Db,
	activity: table.Activity,
	submission: IdeaSubmission,
	/** Whether a new idea may be stored now (a rate limit); asked only for a new, valid idea. */
	admit: () => boolean = () => true
): LiveResult<{ idea: table.Idea; duplicate: boolean }> {
	return db.transaction((tx) => {
		const earlier = tx
			.select()
			.from(table.idea)
			.where(
				and(
					eq(table.idea.participantId, submission.participantId),
					eq(table.idea.clientId, submission.clientId)
				)
			)
			.get();
		if (earlier) {
			return earlier.activityId === activity.id
				? ok({ idea: earlier, duplicate: true })
				: failure('client_id_reused');
		}
		const current = tx
			.select({ stage: table.activity.stage })
			.from(table.activity)
			.where(eq(table.activity.id, activity.id))
			.get();
		if (!current || !acceptsIdeas(current.stage)) return failure('wrong_stage');
		if (!admit()) return failure('rate_limited');
		const idea = tx
			.insert(table.idea)
			.values({ ...submission, activityId: activity.id })
			.returning()
			.get();
		return ok({ idea, duplicate: false });
	});
}

export function listIdeas(db: Db, activityId: number) {
	return db
		.select()
		.from(table.idea)
		.where(eq(table.idea.activityId, activityId))
		.orderBy(asc(table.idea.id))
		.all();
}

export function listClusters(db: Db, activityId: number) {
	return db
		.select()
		.from(table.cluster)
		.where(eq(table.cluster.activityId, activityId))
		.orderBy(asc(table.cluster.position), asc(table.cluster.id))
		.all();
}

function findIdea(db: DbOrTx, activityId: number, ideaId: number) {
	return db
		.select()
		.from(table.idea)
		.where(and(eq(table.idea.id, ideaId), eq(table.idea.activityId, activityId)))
		.get();
}

function findCluster(db: Db, activityId: number, clusterId: number) {
	return db
		.select()
		.from(table.cluster)
		.where(and(eq(table.cluster.id, clusterId), eq(table.cluster.activityId, activityId)))
		.get();
}

function changeIdea(
	db: DbOrTx,
	activity: table.Activity,
	ideaId: number,
	changes: Partial<Pick<table.Idea, 'text' | 'hidden' | 'clusterId' | 'mergedIntoId'>>
): LiveResult<table.Idea> {
	if (!allowsEditing(activity.stage)) return failure('wrong_stage');
	const updated = db
		.update(table.idea)
		.set(changes)
		.where(and(eq(table.idea.id, ideaId), eq(table.idea.activityId, activity.id)))
		.returning()
		.get();
	return updated ? ok(updated) : failure('not_found');
}

/** Hidden ideas are kept (and can be shown again), never deleted. */
export function setIdeaHidden(db: Db, activity: table.Activity, ideaId: number, hidden: boolean) {
	return changeIdea(db, activity, ideaId, { hidden });
}

export function correctIdea(db: Db, activity: table.Activity, ideaId: number, text: string) {
	return changeIdea(db, activity, ideaId, { text });
}

/**
 * Dots follow an idea that is regrouped after votes were cast (voting reopened): onto the
 * idea it was merged into, or onto its cluster. Runs in the transaction of the regrouping.
 */
function moveDotsWithIdea(tx: DbOrTx, activityId: number, ideaId: number) {
	let home = findIdea(tx, activityId, ideaId);
	while (home?.mergedIntoId) home = findIdea(tx, activityId, home.mergedIntoId);
	if (!home || (home.id === ideaId && home.clusterId === null)) return;
	tx.update(table.dot)
		.set(
			home.clusterId !== null
				? { ideaId: null, clusterId: home.clusterId }
				: { ideaId: home.id, clusterId: null }
		)
		.where(and(eq(table.dot.activityId, activityId), eq(table.dot.ideaId, ideaId)))
		.run();
}

function regroup(
	db: Db,
	activity: table.Activity,
	ideaId: number,
	changes: Pick<table.Idea, 'clusterId'> | Pick<table.Idea, 'mergedIntoId'>
): LiveResult<table.Idea> {
	if (!allowsRegrouping(activity.stage)) return failure('wrong_stage');
	return db.transaction((tx) => {
		const result = changeIdea(tx, activity, ideaId, changes);
		if (result.ok) moveDotsWithIdea(tx, activity.id, ideaId);
		return result;
	});
}

/** Folds a duplicate into another idea; the duplicate stays stored, marked as merged. */
export function mergeIdea(
	db: Db,
	activity: table.Activity,
	duplicateId: number,
	intoId: number
): LiveResult<table.Idea> {
	const target = findIdea(db, activity.id, intoId);
	if (!target || target.mergedIntoId || duplicateId === intoId) return failure('not_found');
	return regroup(db, activity, duplicateId, { mergedIntoId: intoId });
}

export function moveIdeaToCluster(
	db: Db,
	activity: table.Activity,
	ideaId: number,
	clusterId: number | null
): LiveResult<table.Idea> {
	if (clusterId !== null && !findCluster(db, activity.id, clusterId)) return failure('not_found');
	return regroup(db, activity, ideaId, { clusterId });
}

/**
 * Creates a cluster, with the given ideas in it. Every idea must be one of the activity's own;
 * otherwise nothing is created.
 */
export function createCluster(
	db: Db,
	activity: table.Activity,
	title: string,
	ideaIds: number[] = []
): LiveResult<table.Cluster> {
	if (!allowsRegrouping(activity.stage)) return failure('wrong_stage');
	const wanted = [...new Set(ideaIds)];
	return db.transaction((tx) => {
		const found =
			wanted.length === 0
				? []
				: tx
						.select({ id: table.idea.id })
						.from(table.idea)
						.where(and(eq(table.idea.activityId, activity.id), inArray(table.idea.id, wanted)))
						.all();
		if (found.length !== wanted.length) return failure('not_found');
		const cluster = tx
			.insert(table.cluster)
			.values({
				activityId: activity.id,
				title,
				position: nextPosition(tx, clusterScope(activity.id))
			})
			.returning()
			.get();
		if (wanted.length > 0) {
			tx.update(table.idea)
				.set({ clusterId: cluster.id })
				.where(and(eq(table.idea.activityId, activity.id), inArray(table.idea.id, wanted)))
				.run();
			for (const id of wanted) moveDotsWithIdea(tx, activity.id, id);
		}
		return ok(cluster);
	});
}

/** Renames a cluster or replaces its translations; the cluster must belong to the activity. */
function changeCluster(
	db: Db,
	activity: table.Activity,
	clusterId: number,
	change: Pick<table.Cluster, 'title'> | Pick<table.Cluster, 'titleTranslations'>
): LiveResult<table.Cluster> {
	if (!allowsEditing(activity.stage)) return failure('wrong_stage');
	const updated = db
		.update(table.cluster)
		.set(change)
		.where(and(eq(table.cluster.id, clusterId), eq(table.cluster.activityId, activity.id)))
		.returning()
		.get();
	return updated ? ok(updated) : failure('not_found');
}

export function renameCluster(
	db: Db,
	activity: table.Activity,
	clusterId: number,
	title: string
): LiveResult<table.Cluster> {
	return changeCluster(db, activity, clusterId, { title });
}

export function translateCluster(
	db: Db,
	activity: table.Activity,
	clusterId: number,
	translations: Translations
): LiveResult<table.Cluster> {
	return changeCluster(db, activity, clusterId, { titleTranslations: translations });
}
