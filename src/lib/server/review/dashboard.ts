import { and, count, eq, type SQL } from 'drizzle-orm';
import type { StakeholderCategory } from '../../domain';
import { measuresOfIdeas } from '../concept/measures';
import type { Db } from '../db';
import * as table from '../db/schema';
import { listIdeas } from '../live/ideas';
import { talliesAreVisibleToParticipants } from '../live/views';
import { rankedResults } from '../live/votes';
import { breadthOfSupport } from './breadth';

export interface ReviewFilters {
	fieldId: number | null;
	eventId: number | null;
	phaseId: number | null;
}

/** The phones of an event per stated group: who was there to give support. */
function presentAt(db: Db, eventId: number) {
	const rows = db
		.select({ category: table.participant.category, people: count() })
		.from(table.participant)
		.where(eq(table.participant.eventId, eventId))
		.groupBy(table.participant.category)
		.all();
	return new Map(
		rows
			.filter(
				(row): row is { category: StakeholderCategory; people: number } => row.category !== null
			)
			.map((row) => [row.category, row.people])
	);
}

/**
 * Every revealed workshop result of the process in one list, with its share of its
 * activity's dots (budgets differ between activities), the breadth of its support across the
 * groups present, and the measures it became; most broadly carried shares first.
 */
export function reviewResults(db: Db, processId: number, filters: ReviewFilters) {
	const conditions: SQL[] = [eq(table.event.processId, processId)];
	if (filters.eventId) conditions.push(eq(table.event.id, filters.eventId));
	if (filters.phaseId) conditions.push(eq(table.event.phaseId, filters.phaseId));
	if (filters.fieldId) conditions.push(eq(table.activity.fieldOfActionId, filters.fieldId));
	const activities = db
		.select({ activity: table.activity, event: table.event })
		.from(table.activity)
		.innerJoin(table.event, eq(table.activity.eventId, table.event.id))
		.where(and(...conditions))
		.all()
		.filter(({ activity }) => talliesAreVisibleToParticipants(activity));

	const items = activities.flatMap(({ activity, event }) => {
		const results = rankedResults(db, activity.id);
		const total = results.reduce((sum, r) => sum + r.dots, 0);
		const present = presentAt(db, event.id);
		const texts = new Map(listIdeas(db, activity.id).map((idea) => [idea.id, idea.text]));
		const measures = measuresOfIdeas(
			db,
			processId,
			results.flatMap((r) => r.ideaIds)
		);
		return results.map((result, index) => ({
			key: `${activity.id}:${result.target.kind}:${result.target.id}`,
			eventId: event.id,
			eventTitle: event.title,
			question: activity.question,
			rank: index + 1,
			label: result.label,
			ideas:
				result.target.kind === 'cluster' ? result.ideaIds.map((id) => texts.get(id) ?? '') : [],
			dots: result.dots,
			voters: result.voters,
			share: total > 0 ? result.dots / total : 0,
			byCategory: result.byCategory,
			breadth: breadthOfSupport(result.byCategory, present),
			measures: [
				...new Map(
					result.ideaIds.flatMap((id) => measures.get(id) ?? []).map((m) => [m.id, m])
				).values()
			]
		}));
	});
	return items.sort((a, b) => b.share - a.share || (b.breadth ?? -1) - (a.breadth ?? -1));
}
