import { and, count, eq } from 'drizzle-orm';
import { stakeholderCategories, type StakeholderCategory } from '../../domain';
import type { Db } from '../db';
import * as table from '../db/schema';

/**
 * Who took part over the process, per stakeholder group: people on attendance lists, phones
 * in workshops, and for comparison the seats the bodies' seat plans give each group.
 */
export function participationByGroup(db: Db, processId: number) {
	const tally = (rows: { category: StakeholderCategory | null; n: number | string | null }[]) =>
		new Map(rows.map((row) => [row.category, Number(row.n ?? 0)]));
	const attendees = tally(
		db
			.select({ category: table.eventAttendee.category, n: count() })
			.from(table.eventAttendee)
			.innerJoin(table.event, eq(table.eventAttendee.eventId, table.event.id))
			.where(and(eq(table.event.processId, processId), eq(table.eventAttendee.present, true)))
			.groupBy(table.eventAttendee.category)
			.all()
	);
	const phones = tally(
		db
			.select({ category: table.participant.category, n: count() })
			.from(table.participant)
			.innerJoin(table.event, eq(table.participant.eventId, table.event.id))
			.where(eq(table.event.processId, processId))
			.groupBy(table.participant.category)
			.all()
	);
	// A sub-group's seats are part of its parent's: the parent keeps only the seats left over.
	const seats = new Map<StakeholderCategory | null, number>();
	for (const seat of db
		.select({
			category: table.bodySeat.category,
			parentCategory: table.bodySeat.parentCategory,
			n: table.bodySeat.seats
		})
		.from(table.bodySeat)
		.innerJoin(table.body, eq(table.bodySeat.bodyId, table.body.id))
		.where(eq(table.body.processId, processId))
		.all()) {
		seats.set(seat.category, (seats.get(seat.category) ?? 0) + seat.n);
		if (seat.parentCategory) {
			seats.set(seat.parentCategory, (seats.get(seat.parentCategory) ?? 0) - seat.n);
		}
	}
	return [...stakeholderCategories, null]
		.map((category) => ({
			category,
			attendees: attendees.get(category) ?? 0,
			phones: phones.get(category) ?? 0,
			seats: category === null ? null : (seats.get(category) ?? 0)
		}))
		.filter((row) => row.attendees + row.phones + (row.seats ?? 0) > 0);
}
