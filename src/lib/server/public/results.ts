import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { rankedResults } from '../workshop/votes';

/** Stages in which a workshop's results have been shown to the room. */
const revealedStages: table.ActivityStage[] = ['revealed', 'closed'];

/** How many results of one question the public page lists. */
export const publicResultsPerQuestion = 10;

/**
 * The revealed results of the process's public workshops, for the public page: per question
 * the most supported ideas and clusters with their dots and voters. No breakdown by group and
 * nothing of who took part; hidden ideas are not results (rankedResults leaves them out).
 */
export function publicWorkshopResults(db: Db, processId: number) {
	const rows = db
		.select({ activity: table.activity, event: table.event })
		.from(table.activity)
		.innerJoin(table.event, eq(table.activity.eventId, table.event.id))
		.leftJoin(table.body, eq(table.event.bodyId, table.body.id))
		.where(
			and(
				eq(table.event.processId, processId),
				eq(table.event.isPublic, true),
				isNull(table.event.archivedAt),
				inArray(table.activity.stage, revealedStages),
				or(isNull(table.event.bodyId), eq(table.body.isPublic, true))
			)
		)
		.orderBy(asc(table.event.startsAt), asc(table.activity.position))
		.all();
	const events = new Map<
		number,
		{
			id: number;
			title: string;
			startsAt: string;
			questions: {
				id: number;
				question: string;
				results: { key: string; label: string; dots: number; voters: number }[];
				more: number;
			}[];
		}
	>();
	for (const { activity, event } of rows) {
		const entry = events.get(event.id) ?? {
			id: event.id,
			title: event.title,
			startsAt: event.startsAt,
			questions: []
		};
		const ranked = rankedResults(db, activity.id).filter((result) => result.dots > 0);
		entry.questions.push({
			id: activity.id,
			question: activity.question,
			results: ranked.slice(0, publicResultsPerQuestion).map((result) => ({
				key: `${result.target.kind}:${result.target.id}`,
				label: result.label,
				dots: result.dots,
				voters: result.voters
			})),
			more: Math.max(0, ranked.length - publicResultsPerQuestion)
		});
		events.set(event.id, entry);
	}
	return [...events.values()];
}
