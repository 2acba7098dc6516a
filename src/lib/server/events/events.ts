import { and, asc, count, eq, gte, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { moveRow, nextPosition, type Direction } from '../process/ordering';
import { anyOf, countRows, type Dependents, type Removal } from '../records/dependents';
import { localToInstant } from '../time';

export type EventInput = Pick<
	table.Event,
	| 'title'
	| 'description'
	| 'place'
	| 'startsAt'
	| 'endsAt'
	| 'isPublic'
	| 'status'
	| 'bodyId'
	| 'phaseId'
> &
	Partial<Pick<table.Event, 'datePrecision'>>;
export type AgendaInput = Pick<table.AgendaItem, 'title' | 'description'>;

export function listEvents(
	db: Db,
	processId: number,
	options: { publicOnly?: boolean; from?: string; archived?: boolean } = {}
) {
	const conditions = [
		eq(table.event.processId, processId),
		options.archived ? isNotNull(table.event.archivedAt) : isNull(table.event.archivedAt)
	];
	if (options.publicOnly) conditions.push(eq(table.event.isPublic, true));
	// Events known only to the month are past by construction: never "upcoming".
	if (options.from) {
		conditions.push(gte(table.event.endsAt, options.from), eq(table.event.datePrecision, 'day'));
	}
	return db
		.select({
			event: table.event,
			bodyName: table.body.name,
			bodyIsPublic: table.body.isPublic,
			phaseTitle: table.phase.title
		})
		.from(table.event)
		.leftJoin(table.body, eq(table.event.bodyId, table.body.id))
		.leftJoin(table.phase, eq(table.event.phaseId, table.phase.id))
		.where(and(...conditions))
		.orderBy(asc(table.event.startsAt))
		.all()
		.filter((row) => !options.publicOnly || row.bodyIsPublic !== false);
}

export function findEvent(db: Db, processId: number, eventId: number) {
	return db
		.select()
		.from(table.event)
		.where(and(eq(table.event.id, eventId), eq(table.event.processId, processId)))
		.get();
}

/** Body and phase must belong to the same process; anything else is dropped. */
function withinProcess(db: Db, processId: number, input: EventInput): EventInput {
	const body =
		input.bodyId &&
		db
			.select({ id: table.body.id })
			.from(table.body)
			.where(and(eq(table.body.id, input.bodyId), eq(table.body.processId, processId)))
			.get();
	const phase =
		input.phaseId &&
		db
			.select({ id: table.phase.id })
			.from(table.phase)
			.where(and(eq(table.phase.id, input.phaseId), eq(table.phase.processId, processId)))
			.get();
	return { ...input, bodyId: body ? body.id : null, phaseId: phase ? phase.id : null };
}

/** Whether the body and phase an event names (if any) belong to the process. */
export function eventRefsInProcess(db: Db, processId: number, input: EventInput): boolean {
	const checked = withinProcess(db, processId, input);
	return checked.bodyId === input.bodyId && checked.phaseId === input.phaseId;
}

export function createEvent(db: Db, processId: number, input: EventInput) {
	return db
		.insert(table.event)
		.values({ ...withinProcess(db, processId, input), processId })
		.returning()
		.get();
}

export function updateEvent(db: Db, processId: number, eventId: number, input: EventInput) {
	db.update(table.event)
		.set(withinProcess(db, processId, input))
		.where(and(eq(table.event.id, eventId), eq(table.event.processId, processId)))
		.run();
}

/** What the event recorded: minutes, workshop results, attendance, and measures drawn from it. */
export function eventDependents(db: DbOrTx, eventId: number): Dependents {
	const ideas =
		db
			.select({ n: count() })
			.from(table.idea)
			.innerJoin(table.activity, eq(table.idea.activityId, table.activity.id))
			.where(eq(table.activity.eventId, eventId))
			.get()?.n ?? 0;
	const dots =
		db
			.select({ n: count() })
			.from(table.dot)
			.innerJoin(table.activity, eq(table.dot.activityId, table.activity.id))
			.where(eq(table.activity.eventId, eventId))
			.get()?.n ?? 0;
	return {
		approvedMinutes: countRows(
			db,
			table.minutes,
			and(eq(table.minutes.eventId, eventId), eq(table.minutes.status, 'approved'))
		),
		minutes: countRows(
			db,
			table.minutes,
			and(eq(table.minutes.eventId, eventId), ne(table.minutes.status, 'approved'))
		),
		activities: countRows(db, table.activity, eq(table.activity.eventId, eventId)),
		ideas,
		dots,
		attendees: countRows(db, table.eventAttendee, eq(table.eventAttendee.eventId, eventId)),
		adoptedResults: countRows(db, table.measureSource, eq(table.measureSource.eventId, eventId)),
		agendaItems: countRows(db, table.agendaItem, eq(table.agendaItem.eventId, eventId))
	};
}

/** An event that recorded any of these is kept: its agenda alone may go with it. */
const eventHistory = [
	'approvedMinutes',
	'minutes',
	'activities',
	'ideas',
	'dots',
	'attendees',
	'adoptedResults'
] as const;

export function eventRemoval(dependents: Dependents): Removal {
	return anyOf(dependents, eventHistory) ? 'archived' : 'deleted';
}

/**
 * Deletes an event that recorded nothing; one with minutes, results or attendance is archived
 * instead (hidden from lists, closed to new phones), so an organisation administrator can
 * restore it. Undefined if the event is not in the process.
 */
export function removeEvent(db: Db, processId: number, eventId: number): Removal | undefined {
	return db.transaction((tx) => {
		const match = and(eq(table.event.id, eventId), eq(table.event.processId, processId));
		const event = tx.select().from(table.event).where(match).get();
		if (!event) return undefined;
		if (event.archivedAt) return 'archived';
		const removal = eventRemoval(eventDependents(tx, eventId));
		if (removal === 'archived') {
			tx.update(table.event).set({ archivedAt: new Date(), joinClosed: true }).where(match).run();
		} else {
			tx.delete(table.event).where(match).run();
		}
		return removal;
	});
}

export function restoreEvent(db: Db, processId: number, eventId: number): boolean {
	return Boolean(
		db
			.update(table.event)
			.set({ archivedAt: null })
			.where(
				and(
					eq(table.event.id, eventId),
					eq(table.event.processId, processId),
					isNotNull(table.event.archivedAt)
				)
			)
			.returning()
			.get()
	);
}

const agendaScope = (eventId: number) => ({
	rows: table.agendaItem,
	parent: table.agendaItem.eventId,
	parentId: eventId
});

export function listAgenda(db: Db, eventId: number) {
	return db
		.select()
		.from(table.agendaItem)
		.where(eq(table.agendaItem.eventId, eventId))
		.orderBy(asc(table.agendaItem.position), asc(table.agendaItem.id))
		.all();
}

export function addAgendaItem(db: Db, eventId: number, input: AgendaInput) {
	db.transaction((tx) =>
		tx
			.insert(table.agendaItem)
			.values({ ...input, eventId, position: nextPosition(tx, agendaScope(eventId)) })
			.run()
	);
}

export function updateAgendaItem(
	db: Db,
	eventId: number,
	itemId: number,
	input: AgendaInput
): boolean {
	return Boolean(
		db
			.update(table.agendaItem)
			.set(input)
			.where(and(eq(table.agendaItem.id, itemId), eq(table.agendaItem.eventId, eventId)))
			.returning()
			.get()
	);
}

export function moveAgendaItem(db: Db, eventId: number, itemId: number, direction: Direction) {
	return db.transaction((tx) => moveRow(tx, agendaScope(eventId), itemId, direction));
}

export function deleteAgendaItem(db: Db, eventId: number, itemId: number) {
	db.delete(table.agendaItem)
		.where(and(eq(table.agendaItem.id, itemId), eq(table.agendaItem.eventId, eventId)))
		.run();
}

/** Who attended: present, whether recorded afterwards or checked in at the door. */
export function listAttendees(db: Db, eventId: number) {
	return db
		.select()
		.from(table.eventAttendee)
		.where(and(eq(table.eventAttendee.eventId, eventId), eq(table.eventAttendee.present, true)))
		.orderBy(asc(table.eventAttendee.name))
		.all();
}

/**
 * Records which members of the event's body attended: ticked members are added (their name
 * and group copied), unticked ones removed. Guests stay as they are.
 */
export function setMemberAttendance(db: Db, event: table.Event, memberIds: number[]) {
	db.transaction((tx) => {
		const members = event.bodyId
			? tx.select().from(table.bodyMember).where(eq(table.bodyMember.bodyId, event.bodyId)).all()
			: [];
		const present = new Set(memberIds);
		for (const member of members) {
			const match = and(
				eq(table.eventAttendee.eventId, event.id),
				eq(table.eventAttendee.bodyMemberId, member.id)
			);
			if (!present.has(member.id)) {
				tx.delete(table.eventAttendee).where(match).run();
				continue;
			}
			tx.insert(table.eventAttendee)
				.values({
					eventId: event.id,
					bodyMemberId: member.id,
					name: member.name,
					affiliation: member.affiliation,
					category: member.category
				})
				.onConflictDoUpdate({
					target: [table.eventAttendee.eventId, table.eventAttendee.bodyMemberId],
					set: { present: true }
				})
				.run();
		}
	});
}

export function addGuest(
	db: Db,
	eventId: number,
	guest: Pick<table.BodyMember, 'name' | 'affiliation' | 'category'>
) {
	db.insert(table.eventAttendee)
		.values({ ...guest, eventId, bodyMemberId: null })
		.run();
}

export function removeAttendee(db: Db, eventId: number, attendeeId: number) {
	db.delete(table.eventAttendee)
		.where(and(eq(table.eventAttendee.id, attendeeId), eq(table.eventAttendee.eventId, eventId)))
		.run();
}

/** Why staff may not mark the event as held (or unmark it), or null when they may. */
export function heldMarkRefusal(
	event: Pick<table.Event, 'endsAt' | 'datePrecision' | 'joinCode'>,
	now = Date.now()
): 'live_session' | 'not_past' | null {
	if (event.joinCode !== null) return 'live_session';
	// A month range ends after the current month at the latest and is past by construction.
	if (event.datePrecision === 'day' && localToInstant(event.endsAt) > now) return 'not_past';
	return null;
}

export function setMarkedHeld(db: Db, processId: number, eventId: number, held: boolean) {
	db.update(table.event)
		.set({ markedHeld: held })
		.where(and(eq(table.event.id, eventId), eq(table.event.processId, processId)))
		.run();
}
