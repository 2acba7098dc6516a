import { and, asc, count, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { anyOf, countRows, type Dependents, type Removal } from '../records/dependents';
import { orderedSeats, seatPlanRefusal, type SeatPlan, type SeatPlanRefusal } from './seat-plan';

export type BodyInput = Pick<
	table.Body,
	'kind' | 'name' | 'description' | 'fieldOfActionId' | 'isPublic'
>;
export type MemberInput = Pick<
	table.BodyMember,
	'name' | 'affiliation' | 'function' | 'category' | 'userId'
> &
	Partial<Pick<table.BodyMember, 'deputy' | 'contact'>>;

/** The bodies of the process; archived ones only with `archived` (then only those). */
/** The names of the process's bodies by id, archived ones included (a measure may name one). */
export function bodyNamesOf(db: DbOrTx, processId: number): Map<number, string> {
	return new Map(
		db
			.select({ id: table.body.id, name: table.body.name })
			.from(table.body)
			.where(eq(table.body.processId, processId))
			.all()
			.map((body) => [body.id, body.name])
	);
}

export function listBodies(db: Db, processId: number, options: { archived?: boolean } = {}) {
	const bodies = db
		.select()
		.from(table.body)
		.where(
			and(
				eq(table.body.processId, processId),
				options.archived ? isNotNull(table.body.archivedAt) : isNull(table.body.archivedAt)
			)
		)
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

/** Whether the field of action a body names (if any) belongs to the process. */
export function bodyRefsInProcess(db: Db, processId: number, input: BodyInput): boolean {
	return fieldInProcess(db, processId, input.fieldOfActionId) === input.fieldOfActionId;
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

export function bodyDependents(db: DbOrTx, bodyId: number): Dependents {
	return {
		events: countRows(db, table.event, eq(table.event.bodyId, bodyId)),
		members: countRows(db, table.bodyMember, eq(table.bodyMember.bodyId, bodyId))
	};
}

export function bodyRemoval(dependents: Dependents): Removal {
	return anyOf(dependents, ['events', 'members']) ? 'archived' : 'deleted';
}

/**
 * Deletes a body without members or meetings (its seat plan goes with it); any other is
 * archived, so its meetings and their minutes stay. Undefined if not in the process.
 */
export function removeBody(db: Db, processId: number, bodyId: number): Removal | undefined {
	return db.transaction((tx) => {
		const match = and(eq(table.body.id, bodyId), eq(table.body.processId, processId));
		const body = tx.select().from(table.body).where(match).get();
		if (!body) return undefined;
		if (body.archivedAt) return 'archived';
		const removal = bodyRemoval(bodyDependents(tx, bodyId));
		if (removal === 'archived') {
			tx.update(table.body).set({ archivedAt: new Date() }).where(match).run();
		} else {
			tx.delete(table.body).where(match).run();
		}
		return removal;
	});
}

export function restoreBody(db: Db, processId: number, bodyId: number): boolean {
	return Boolean(
		db
			.update(table.body)
			.set({ archivedAt: null })
			.where(
				and(
					eq(table.body.id, bodyId),
					eq(table.body.processId, processId),
					isNotNull(table.body.archivedAt)
				)
			)
			.returning()
			.get()
	);
}

export function getSeatPlan(db: DbOrTx, body: table.Body): SeatPlan {
	const seats = db
		.select({
			category: table.bodySeat.category,
			seats: table.bodySeat.seats,
			parentCategory: table.bodySeat.parentCategory
		})
		.from(table.bodySeat)
		.where(eq(table.bodySeat.bodyId, body.id))
		.all();
	return { maxMembers: body.maxMembers, seats: orderedSeats(seats) };
}

export interface SeatPlanInput {
	maxMembers: number | null;
	seats: Partial<Record<table.StakeholderCategory, number>>;
	/** Sub-groups: the group whose seats they are part of. */
	parents?: Partial<Record<table.StakeholderCategory, table.StakeholderCategory>>;
}

/**
 * Replaces a body's seat plan; groups without seats are left out. A plan that does not add up
 * (`seatPlanRefusal`) is refused and the old plan stays.
 */
export function setSeatPlan(
	db: DbOrTx,
	bodyId: number,
	plan: SeatPlanInput
): SeatPlanRefusal | null {
	const seats = table.stakeholderCategories
		.filter((category) => (plan.seats[category] ?? 0) > 0)
		.map((category) => ({
			category,
			seats: plan.seats[category]!,
			parentCategory: plan.parents?.[category] ?? null
		}));
	const refusal = seatPlanRefusal({ maxMembers: plan.maxMembers, seats });
	if (refusal) return refusal;
	const write = (tx: DbOrTx) => {
		tx.update(table.body)
			.set({ maxMembers: plan.maxMembers })
			.where(eq(table.body.id, bodyId))
			.run();
		tx.delete(table.bodySeat).where(eq(table.bodySeat.bodyId, bodyId)).run();
		if (seats.length > 0) {
			tx.insert(table.bodySeat)
				.values(seats.map((seat) => ({ ...seat, bodyId })))
				.run();
		}
	};
	db.transaction(write);
	return null;
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

export type MemberChange =
	{ ok: true } | { ok: false; reason: 'not_found' | 'not_in_organisation' };

/** A linked account must belong to the organisation that runs the body's process. */
function accountInOrganisation(db: DbOrTx, bodyId: number, userId: number | null): boolean {
	if (userId === null) return true;
	return Boolean(
		db
			.select({ userId: table.membership.userId })
			.from(table.body)
			.innerJoin(table.process, eq(table.body.processId, table.process.id))
			.innerJoin(
				table.membership,
				and(
					eq(table.membership.organisationId, table.process.organisationId),
					eq(table.membership.userId, userId)
				)
			)
			.where(eq(table.body.id, bodyId))
			.get()
	);
}

/** Adds a member; undefined if the linked account is not a member of the organisation. */
export function addMember(db: Db, bodyId: number, input: MemberInput) {
	return db.transaction((tx) => {
		if (!accountInOrganisation(tx, bodyId, input.userId)) return undefined;
		return tx
			.insert(table.bodyMember)
			.values({ ...input, bodyId })
			.returning()
			.get();
	});
}

export function updateMember(
	db: Db,
	bodyId: number,
	memberId: number,
	input: MemberInput
): MemberChange {
	return db.transaction((tx) => {
		if (!findMember(tx, bodyId, memberId)) return { ok: false, reason: 'not_found' } as const;
		if (!accountInOrganisation(tx, bodyId, input.userId)) {
			return { ok: false, reason: 'not_in_organisation' } as const;
		}
		tx.update(table.bodyMember)
			.set(input)
			.where(and(eq(table.bodyMember.id, memberId), eq(table.bodyMember.bodyId, bodyId)))
			.run();
		return { ok: true } as const;
	});
}

export function findMember(db: DbOrTx, bodyId: number, memberId: number) {
	return db
		.select()
		.from(table.bodyMember)
		.where(and(eq(table.bodyMember.id, memberId), eq(table.bodyMember.bodyId, bodyId)))
		.get();
}

/** Removes a member; the attendance lists keep the name as it was recorded. */
export function removeMember(db: Db, bodyId: number, memberId: number): boolean {
	return Boolean(
		db
			.delete(table.bodyMember)
			.where(and(eq(table.bodyMember.id, memberId), eq(table.bodyMember.bodyId, bodyId)))
			.returning()
			.get()
	);
}

export function membersByIds(db: Db, bodyId: number, ids: number[]) {
	if (ids.length === 0) return [];
	return db
		.select()
		.from(table.bodyMember)
		.where(and(eq(table.bodyMember.bodyId, bodyId), inArray(table.bodyMember.id, ids)))
		.all();
}

/** How the body approves minutes: one member, the chair, or a majority (`minutes/approval.ts`). */
export function setApprovalRule(db: Db, bodyId: number, rule: table.ApprovalRule) {
	db.update(table.body).set({ approvalRule: rule }).where(eq(table.body.id, bodyId)).run();
}
