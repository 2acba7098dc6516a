import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import type { DotTarget } from '../../workshop/messages';
import { rankedResults } from '../workshop/votes';
import { minGroupSize } from '../privacy/config';
import { protectStoredBreakdowns } from '../privacy/small-groups';
import { createMeasure, type MeasureInput } from './measures';

export interface ResultRef {
	activityId: number;
	target: DotTarget;
}

/** A ranked idea or cluster of one of the process's workshops, with its support now. */
export function findResult(db: Db, processId: number, ref: ResultRef) {
	const found = db
		.select({ activity: table.activity, event: table.event })
		.from(table.activity)
		.innerJoin(table.event, eq(table.activity.eventId, table.event.id))
		.where(and(eq(table.activity.id, ref.activityId), eq(table.event.processId, processId)))
		.get();
	if (!found) return undefined;
	const result = rankedResults(db, ref.activityId).find(
		(r) => r.target.kind === ref.target.kind && r.target.id === ref.target.id
	);
	return result ? { ...found, result } : undefined;
}

/**
 * Turns a workshop result into a measure, or adds it to an existing one. The measure keeps
 * where it came from: the event, the question, the ideas, and the dots and people behind
 * them per stakeholder group, as they stood at this moment.
 */
export function adoptResult(
	db: Db,
	processId: number,
	userId: number,
	ref: ResultRef,
	into: { measureId: number } | { create: MeasureInput }
): table.Measure | undefined {
	const found = findResult(db, processId, ref);
	if (!found) return undefined;
	const { activity, event, result } = found;
	return db.transaction((tx) => {
		const measure =
			'create' in into
				? createMeasure(tx, processId, into.create)
				: tx
						.select()
						.from(table.measure)
						.where(
							and(
								eq(table.measure.id, into.measureId),
								eq(table.measure.processId, processId),
								isNull(table.measure.archivedAt)
							)
						)
						.get();
		if (!measure) return undefined;
		tx.insert(table.measureSource)
			.values({
				measureId: measure.id,
				eventId: event.id,
				activityId: activity.id,
				eventTitle: event.title,
				question: activity.question,
				label: result.label,
				targetKind: result.target.kind,
				targetId: result.target.id,
				dots: result.dots,
				voters: result.voters,
				breakdown: result.byCategory,
				groupsMerged: true,
				adoptedBy: userId
			})
			.onConflictDoNothing()
			.run();
		// The ideas behind the result, and the duplicates merged into them.
		const ideaIds =
			result.ideaIds.length === 0
				? []
				: tx
						.select({ id: table.idea.id, mergedIntoId: table.idea.mergedIntoId })
						.from(table.idea)
						.where(eq(table.idea.activityId, activity.id))
						.all()
						.filter(
							(idea) =>
								result.ideaIds.includes(idea.id) ||
								(idea.mergedIntoId !== null && result.ideaIds.includes(idea.mergedIntoId))
						)
						.map((idea) => idea.id);
		for (const ideaId of ideaIds) {
			tx.insert(table.measureIdea)
				.values({ measureId: measure.id, ideaId })
				.onConflictDoNothing()
				.run();
		}
		return measure;
	});
}

/** A stored source as it may be shown: small groups merged if they were not when stored. */
function shownSource(source: table.MeasureSource) {
	return source.groupsMerged
		? source
		: {
				...source,
				breakdown: protectStoredBreakdowns([{ byCategory: source.breakdown }], minGroupSize())[0]!
					.byCategory
			};
}

/** Where each measure of the process came from, in one query, by measure id. */
export function sourcesOfProcess(db: Db, processId: number) {
	const byMeasure = new Map<number, ReturnType<typeof shownSource>[]>();
	const rows = db
		.select({ source: table.measureSource })
		.from(table.measureSource)
		.innerJoin(table.measure, eq(table.measureSource.measureId, table.measure.id))
		.where(eq(table.measure.processId, processId))
		.orderBy(table.measureSource.id)
		.all();
	for (const { source } of rows) {
		const list = byMeasure.get(source.measureId) ?? [];
		list.push(shownSource(source));
		byMeasure.set(source.measureId, list);
	}
	return byMeasure;
}

/** Where a measure came from, and the ideas it grew from. */
export function provenanceOf(db: Db, measureId: number) {
	const sources = db
		.select()
		.from(table.measureSource)
		.where(eq(table.measureSource.measureId, measureId))
		.orderBy(table.measureSource.id)
		.all()
		.map(shownSource);
	const ideas = db
		.select({
			id: table.idea.id,
			text: table.idea.text,
			language: table.idea.language,
			activityId: table.idea.activityId
		})
		.from(table.measureIdea)
		.innerJoin(table.idea, eq(table.measureIdea.ideaId, table.idea.id))
		.where(eq(table.measureIdea.measureId, measureId))
		.orderBy(table.idea.id)
		.all();
	return { sources, ideas };
}
