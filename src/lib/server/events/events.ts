import { and, asc, eq, gte } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { moveRow, nextPosition, type Direction } from '../process/ordering';

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
>;
export type AgendaInput = Pick<table.AgendaItem, 'title' | 'description'>;

export function listEvents(
	db: Db,
	processId: number,
	options: { publicOnly?: boolean; from?: string } = {}
) {
	const conditions = [eq(table.event.processId, processId)];
	if (options.publicOnly) conditions.push(eq(table.event.isPublic, true));
	if (options.from) conditions.push(gte(table.event.endsAt, options.from));
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

export function deleteEvent(db: Db, processId: number, eventId: number) {
	db.delete(table.event)
		.where(and(eq(table.event.id, eventId), eq(table.event.processId, processId)))
		.run();
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

export function updateAgendaItem(db: Db, eventId: number, itemId: number, input: AgendaInput) {
	db.update(table.agendaItem)
		.set(input)
		.where(and(eq(table.agendaItem.id, itemId), eq(table.agendaItem.eventId, eventId)))
		.run();
}

export function moveAgendaItem(db: Db, eventId: number, itemId: number, direction: Direction) {
	db.transaction((tx) => moveRow(tx, agendaScope(eventId), itemId, direction));
}

export function deleteAgendaItem(db: Db, eventId: number, itemId: number) {
	db.delete(table.agendaItem)
		.where(and(eq(table.agendaItem.id, itemId), eq(table.agendaItem.eventId, eventId)))
		.run();
}

export function listAttendees(db: Db, eventId: number) {
	return db
		.select()
		.from(table.eventAttendee)
		.where(eq(table.eventAttendee.eventId, eventId))
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
				.onConflictDoNothing()
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
