import { and, asc, eq, or } from 'drizzle-orm';
import { stakeholderCategories, type StakeholderCategory } from '../../domain';
import type { Db } from '../db';
import * as table from '../db/schema';

export type Person = Pick<table.EventAttendee, 'name' | 'affiliation' | 'category'>;

export type CheckIn =
	| { kind: 'checked_in'; attendee: table.EventAttendee }
	| { kind: 'already'; attendee: table.EventAttendee }
	| { kind: 'not_found' };

/** The door list: everyone registered or present, by name. */
export function doorList(db: Db, eventId: number) {
	return db
		.select()
		.from(table.eventAttendee)
		.where(
			and(
				eq(table.eventAttendee.eventId, eventId),
				or(eq(table.eventAttendee.registered, true), eq(table.eventAttendee.present, true))
			)
		)
		.orderBy(asc(table.eventAttendee.name), asc(table.eventAttendee.id))
		.all();
}

/** Signs someone up in advance: on the door list, not yet present. */
export function register(db: Db, eventId: number, person: Person) {
	return db
		.insert(table.eventAttendee)
		.values({ ...person, eventId, registered: true, present: false })
		.returning()
		.get();
}

/**
 * Checks a registered person in at the door. A second check-in (two volunteers, a double tap)
 * keeps the first time and says so.
 */
export function checkIn(db: Db, eventId: number, attendeeId: number, now = new Date()): CheckIn {
	return db.transaction((tx) => {
		const match = and(
			eq(table.eventAttendee.id, attendeeId),
			eq(table.eventAttendee.eventId, eventId)
		);
		const attendee = tx.select().from(table.eventAttendee).where(match).get();
		if (!attendee) return { kind: 'not_found' };
		if (attendee.present) return { kind: 'already', attendee };
		const updated = tx
			.update(table.eventAttendee)
			.set({ present: true, checkedInAt: now })
			.where(match)
			.returning()
			.get()!;
		return { kind: 'checked_in', attendee: updated };
	});
}

/** Takes back a mistaken check-in of a registered person; false if there was none. */
export function undoCheckIn(db: Db, eventId: number, attendeeId: number): boolean {
	return Boolean(
		db
			.update(table.eventAttendee)
			.set({ present: false, checkedInAt: null })
			.where(
				and(
					eq(table.eventAttendee.id, attendeeId),
					eq(table.eventAttendee.eventId, eventId),
					eq(table.eventAttendee.registered, true),
					eq(table.eventAttendee.present, true)
				)
			)
			.returning()
			.get()
	);
}

/** Someone who came without registering: present from now on. */
export function addWalkIn(db: Db, eventId: number, person: Person, now = new Date()) {
	return db
		.insert(table.eventAttendee)
		.values({ ...person, eventId, registered: false, present: true, checkedInAt: now })
		.returning()
		.get();
}

export interface GroupAttendance {
	category: StakeholderCategory | null;
	registered: number;
	/** Registered and checked in. */
	checkedIn: number;
	walkIns: number;
	/** Everyone present: the turnout. */
	present: number;
}

/** Registered against present, per stakeholder group, and the totals. */
export function attendanceByGroup(db: Db, eventId: number) {
	const rows = db
		.select()
		.from(table.eventAttendee)
		.where(eq(table.eventAttendee.eventId, eventId))
		.all();
	const empty = (category: StakeholderCategory | null): GroupAttendance => ({
		category,
		registered: 0,
		checkedIn: 0,
		walkIns: 0,
		present: 0
	});
	const groups = new Map([...stakeholderCategories, null].map((c) => [c, empty(c)]));
	const total = empty(null);
	for (const row of rows) {
		for (const tally of [groups.get(row.category)!, total]) {
			if (row.registered) tally.registered++;
			if (row.registered && row.present) tally.checkedIn++;
			if (!row.registered && row.present) tally.walkIns++;
			if (row.present) tally.present++;
		}
	}
	return {
		groups: [...groups.values()].filter((g) => g.registered + g.present > 0),
		total
	};
}
