import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { currentMinutes, listRevisions } from '../minutes/minutes';

/** The process's public events: public themselves, of no body or of a public one, not archived. */
function publicEvents(db: Db, processId: number, eventId?: number) {
	return db
		.select({ event: table.event })
		.from(table.event)
		.leftJoin(table.body, eq(table.event.bodyId, table.body.id))
		.where(
			and(
				eq(table.event.processId, processId),
				eventId === undefined ? undefined : eq(table.event.id, eventId),
				eq(table.event.isPublic, true),
				isNull(table.event.archivedAt),
				or(isNull(table.event.bodyId), eq(table.body.isPublic, true))
			)
		)
		.orderBy(asc(table.event.startsAt))
		.all()
		.map(({ event }) => event);
}

function latestApproved(db: Db, eventId: number) {
	return listRevisions(db, eventId).find((revision) => revision.status === 'approved');
}

/** The public events whose minutes the steering group approved, for the public page's list. */
export function listPublishedMinutes(db: Db, processId: number) {
	return publicEvents(db, processId).flatMap((event) => {
		const approved = latestApproved(db, event.id);
		return approved
			? [
					{
						eventId: event.id,
						title: event.title,
						startsAt: event.startsAt,
						approvedAt: approved.approvedAt
					}
				]
			: [];
	});
}

/**
 * What the public may read of a public event's minutes: the latest approved revision's summary,
 * decisions and ranked results (no attendees, tasks, or breakdowns by group). `undefined` when
 * the event is not public (the page answers 404), `minutes: null` when none is approved yet.
 */
export function publishedMinutesOf(db: Db, processId: number, eventId: number) {
	const [event] = publicEvents(db, processId, eventId);
	if (!event) return undefined;
	const approved = latestApproved(db, event.id);
	const found = approved && currentMinutes(db, event.id, approved.revision);
	const eventView = {
		id: event.id,
		title: event.title,
		startsAt: event.startsAt,
		endsAt: event.endsAt,
		datePrecision: event.datePrecision,
		place: event.place
	};
	if (!found) return { event: eventView, minutes: null };
	return {
		event: eventView,
		minutes: {
			revision: found.minutes.revision,
			approvedAt: found.minutes.approvedAt,
			summary: found.minutes.summary,
			decisions: found.decisions.map(({ id, title, notes }) => ({ id, title, notes })),
			activities: found.minutes.results.activities.map(({ activityId, question, results }) => ({
				activityId,
				question,
				results: results.map(({ label, kind, targetId, dots, voters }) => ({
					key: `${kind}:${targetId}`,
					label,
					dots,
					voters
				}))
			}))
		}
	};
}
