import { and, eq, inArray, or } from 'drizzle-orm';
import type { StakeholderCategory } from '../../domain';
import type { Db } from '../db';
import * as table from '../db/schema';
import { mergeSmallGroups } from '../privacy/small-groups';
import { shownGroups } from '../workshop/votes';

/** A workshop result: an idea or cluster of one activity. */
export interface ItemRef {
	activityId: number;
	kind: 'idea' | 'cluster';
	id: number;
}

export const itemKey = (item: ItemRef) => `${item.activityId}:${item.kind}:${item.id}`;

/** Whether the idea or cluster is one of its activity's. */
function isInActivity(db: Db, item: ItemRef): boolean {
	const found =
		item.kind === 'idea'
			? db
					.select({ id: table.idea.id })
					.from(table.idea)
					.where(and(eq(table.idea.id, item.id), eq(table.idea.activityId, item.activityId)))
					.get()
			: db
					.select({ id: table.cluster.id })
					.from(table.cluster)
					.where(and(eq(table.cluster.id, item.id), eq(table.cluster.activityId, item.activityId)))
					.get();
	return found !== undefined;
}

/**
 * Marks results of the process's workshops as one topic. A result already in another topic
 * moves to this one. Fewer than two results, or one outside the process, make no topic.
 */
export function linkAsTopic(db: Db, processId: number, title: string, items: ItemRef[]) {
	const unique = [...new Map(items.map((item) => [itemKey(item), item])).values()];
	if (unique.length < 2) return undefined;
	const activityIds = [...new Set(unique.map((item) => item.activityId))];
	const ours = db
		.select({ id: table.activity.id })
		.from(table.activity)
		.innerJoin(table.event, eq(table.activity.eventId, table.event.id))
		.where(and(inArray(table.activity.id, activityIds), eq(table.event.processId, processId)))
		.all();
	if (ours.length !== activityIds.length) return undefined;
	if (!unique.every((item) => isInActivity(db, item))) return undefined;
	return db.transaction((tx) => {
		const topic = tx.insert(table.topic).values({ processId, title }).returning().get();
		for (const item of unique) {
			const match = and(
				eq(table.topicItem.activityId, item.activityId),
				eq(table.topicItem.targetKind, item.kind),
				eq(table.topicItem.targetId, item.id)
			);
			tx.delete(table.topicItem).where(match).run();
			tx.insert(table.topicItem)
				.values({
					topicId: topic.id,
					activityId: item.activityId,
					targetKind: item.kind,
					targetId: item.id
				})
				.run();
		}
		return topic;
	});
}

/** A topic of the process with how many results it links; undefined if not the process's. */
export function findTopic(db: Db, processId: number, topicId: number) {
	const topic = db
		.select()
		.from(table.topic)
		.where(and(eq(table.topic.id, topicId), eq(table.topic.processId, processId)))
		.get();
	if (!topic) return undefined;
	const results = db
		.select({ id: table.topicItem.topicId })
		.from(table.topicItem)
		.where(eq(table.topicItem.topicId, topic.id))
		.all().length;
	return { ...topic, results };
}

/** Dissolves a topic: its results stand alone again. False if not the process's. */
export function unlinkTopic(db: Db, processId: number, topicId: number): boolean {
	return (
		db
			.delete(table.topic)
			.where(and(eq(table.topic.id, topicId), eq(table.topic.processId, processId)))
			.run().changes > 0
	);
}

/** Each linked result of the process with its topic. */
export function topicsOf(db: Db, processId: number) {
	const rows = db
		.select({ topic: table.topic, item: table.topicItem })
		.from(table.topicItem)
		.innerJoin(table.topic, eq(table.topicItem.topicId, table.topic.id))
		.where(eq(table.topic.processId, processId))
		.all();
	return new Map(
		rows.map(({ topic, item }) => [
			itemKey({ activityId: item.activityId, kind: item.targetKind, id: item.targetId }),
			{ id: topic.id, title: topic.title }
		])
	);
}

/**
 * The support of several results together: all their dots, and every person once however
 * many of the results they gave dots to; groups too small across these activities merged.
 */
export function combinedSupport(db: Db, items: ItemRef[], minSize?: number) {
	if (items.length === 0)
		return { dots: 0, voters: 0, byCategory: [], shown: new Set<StakeholderCategory | null>() };
	const rows = db
		.select({ participantId: table.dot.participantId, category: table.participant.category })
		.from(table.dot)
		.innerJoin(table.participant, eq(table.dot.participantId, table.participant.id))
		.where(
			or(
				...items.map((item) =>
					and(
						eq(table.dot.activityId, item.activityId),
						eq(item.kind === 'idea' ? table.dot.ideaId : table.dot.clusterId, item.id)
					)
				)
			)
		)
		.all();
	const groups = new Map<StakeholderCategory | null, { dots: number; people: Set<string> }>();
	for (const { participantId, category } of rows) {
		const group = groups.get(category) ?? { dots: 0, people: new Set<string>() };
		group.dots += 1;
		group.people.add(participantId);
		groups.set(category, group);
	}
	const shown = shownGroups(db, [...new Set(items.map((item) => item.activityId))], minSize);
	return {
		dots: rows.length,
		voters: new Set(rows.map((row) => row.participantId)).size,
		byCategory: mergeSmallGroups(
			[...groups].map(([category, { dots, people }]) => ({
				category,
				dots,
				voters: people.size
			})),
			shown
		),
		shown
	};
}
