import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';

export type BodyInput = Pick<
	table.Body,
	'kind' | 'name' | 'description' | 'fieldOfActionId' | 'isPublic'
>;
export type MemberInput = Pick<
	table.BodyMember,
	'name' | 'affiliation' | 'function' | 'category' | 'userId'
>;

export function listBodies(db: Db, processId: number) {
	const bodies = db
		.select()
		.from(table.body)
		.where(eq(table.body.processId, processId))
		.orderBy(asc(table.body.kind), asc(table.body.name))
		.all();
	const memberCounts = new Map(
		db
			.select({ bodyId: table.bodyMember.bodyId, members: count() })
			.from(table.bodyMember)
			.innerJoin(table.body, eq(table.bodyMember.bodyId, table.body.id))
			.where(eq(table.body.processId, processId))
			.groupBy(table.bodyMember.bodyId)
			.all()
			.map((row) => [row.bodyId, row.members])
	);
	return bodies.map((body) => ({ ...body, members: memberCounts.get(body.id) ?? 0 }));
}

export function findBody(db: Db, processId: number, bodyId: number) {
	return db
		.select()
		.from(table.body)
		.where(and(eq(table.body.id, bodyId), eq(table.body.processId, processId)))
		.get();
}

/** A field of action is only accepted from the same process. */
function fieldInProcess(db: Db, processId: number, fieldId: number | null): number | null {
	if (fieldId === null) return null;
	const field = db
		.select({ id: table.fieldOfAction.id })
		.from(table.fieldOfAction)
		.where(and(eq(table.fieldOfAction.id, fieldId), eq(table.fieldOfAction.processId, processId)))
		.get();
	return field?.id ?? null;
}

export function createBody(db: Db, processId: number, input: BodyInput) {
	return db
		.insert(table.body)
		.values({
			...input,
			processId,
			fieldOfActionId: fieldInProcess(db, processId, input.fieldOfActionId)
		})
		.returning()
		.get();
}

export function updateBody(db: Db, processId: number, bodyId: number, input: BodyInput) {
	db.update(table.body)
		.set({ ...input, fieldOfActionId: fieldInProcess(db, processId, input.fieldOfActionId) })
		.where(and(eq(table.body.id, bodyId), eq(table.body.processId, processId)))
		.run();
}

export function countBodyEvents(db: Db, bodyId: number): number {
	return db.select({ n: count() }).from(table.event).where(eq(table.event.bodyId, bodyId)).get()!.n;
}

/** Deletes the body with its seat plan, members and meetings. */
export function deleteBody(db: Db, processId: number, bodyId: number) {
	db.delete(table.body)
		.where(and(eq(table.body.id, bodyId), eq(table.body.processId, processId)))
		.run();
}

export function getSeatPlan(db: Db, body: table.Body) {
	const seats = db
		.select({ category: table.bodySeat.category, seats: table.bodySeat.seats })
		.from(table.bodySeat)
		.where(eq(table.bodySeat.bodyId, body.id))
		.all();
	const order = table.stakeholderCategories;
	seats.sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category));
	return { maxMembers: body.maxMembers, seats };
}

export function setSeatPlan(
	db: Db,
	bodyId: number,
	plan: { maxMembers: number | null; seats: Partial<Record<table.StakeholderCategory, number>> }
) {
	db.transaction((tx) => {
		tx.update(table.body)
			.set({ maxMembers: plan.maxMembers })
			.where(eq(table.body.id, bodyId))
			.run();
		tx.delete(table.bodySeat).where(eq(table.bodySeat.bodyId, bodyId)).run();
		const seats = Object.entries(plan.seats)
			.filter(([, n]) => n && n > 0)
			.map(([category, seats]) => ({
				bodyId,
				category: category as table.StakeholderCategory,
				seats: seats!
			}));
		if (seats.length > 0) tx.insert(table.bodySeat).values(seats).run();
	});
}

const functionOrder = { chair: 0, deputy: 1, member: 2 } as const;

export function listMembers(db: Db, bodyId: number) {
	return db
		.select()
		.from(table.bodyMember)
		.where(eq(table.bodyMember.bodyId, bodyId))
		.orderBy(asc(table.bodyMember.name))
		.all()
		.sort((a, b) => functionOrder[a.function] - functionOrder[b.function]);
}

export function addMember(db: Db, bodyId: number, input: MemberInput) {
	return db
		.insert(table.bodyMember)
		.values({ ...input, bodyId })
		.returning()
		.get();
}

export function updateMember(db: Db, bodyId: number, memberId: number, input: MemberInput) {
	db.update(table.bodyMember)
		.set(input)
		.where(and(eq(table.bodyMember.id, memberId), eq(table.bodyMember.bodyId, bodyId)))
		.run();
}

export function removeMember(db: Db, bodyId: number, memberId: number) {
	db.delete(table.bodyMember)
		.where(and(eq(table.bodyMember.id, memberId), eq(table.bodyMember.bodyId, bodyId)))
		.run();
}

export function membersByIds(db: Db, bodyId: number, ids: number[]) {
	if (ids.length === 0) return [];
	return db
		.select()
		.from(table.bodyMember)
		.where(and(eq(table.bodyMember.bodyId, bodyId), inArray(table.bodyMember.id, ids)))
		.all();
}
