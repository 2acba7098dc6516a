import { and, asc, eq } from 'drizzle-orm';
import { accessChanged } from '../auth/access-changes';
import { roleAllows, type Permission, type Role } from '../auth/roles';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';

/**
 * A person's role in one process: their organisation role if they are a member of its
 * organisation, else the role of a process membership (an external consultant or moderator),
 * else none.
 */
export function processRoleOf(db: DbOrTx, userId: number, processId: number): Role | null {
	const row = db
		.select({ orgRole: table.membership.role, processRole: table.processMembership.role })
		.from(table.process)
		.leftJoin(
			table.membership,
			and(
				eq(table.membership.organisationId, table.process.organisationId),
				eq(table.membership.userId, userId)
			)
		)
		.leftJoin(
			table.processMembership,
			and(
				eq(table.processMembership.processId, table.process.id),
				eq(table.processMembership.userId, userId)
			)
		)
		.where(eq(table.process.id, processId))
		.get();
	return row?.orgRole ?? row?.processRole ?? null;
}

export type ProcessAccess =
	| { allowed: true; organisation: table.Organisation; process: table.Process; role: Role }
	| { allowed: false; reason: 'not_found' | 'forbidden' };

/**
 * Whether the user may do `permission` in the process `processSlug` of the organisation
 * `organisationSlug`. A process they have no role in is not found, as if it did not exist.
 */
export function checkProcessAccess(
	db: Db,
	userId: number,
	organisationSlug: string,
	processSlug: string,
	permission: Permission
): ProcessAccess {
	const found = db
		.select({ organisation: table.organisation, process: table.process })
		.from(table.process)
		.innerJoin(table.organisation, eq(table.process.organisationId, table.organisation.id))
		.where(and(eq(table.organisation.slug, organisationSlug), eq(table.process.slug, processSlug)))
		.get();
	if (!found) return { allowed: false, reason: 'not_found' };
	const role = processRoleOf(db, userId, found.process.id);
	if (!role) return { allowed: false, reason: 'not_found' };
	if (!roleAllows(role, permission)) return { allowed: false, reason: 'forbidden' };
	return { allowed: true, ...found, role };
}

export function findOrganisationBySlug(db: Db, slug: string) {
	return db.select().from(table.organisation).where(eq(table.organisation.slug, slug)).get();
}

/** The processes of the organisation a person without an organisation role may enter. */
export function processesOfGuest(db: Db, userId: number, organisationId: number) {
	return db
		.select({ process: table.process, role: table.processMembership.role })
		.from(table.processMembership)
		.innerJoin(table.process, eq(table.processMembership.processId, table.process.id))
		.where(
			and(
				eq(table.processMembership.userId, userId),
				eq(table.process.organisationId, organisationId)
			)
		)
		.orderBy(asc(table.process.title))
		.all();
}

/** The organisations in which a person has roles in single processes only, with one of them. */
export function guestOrganisationsOf(db: Db, userId: number) {
	const rows = db
		.select({ organisation: table.organisation, role: table.processMembership.role })
		.from(table.processMembership)
		.innerJoin(table.process, eq(table.processMembership.processId, table.process.id))
		.innerJoin(table.organisation, eq(table.process.organisationId, table.organisation.id))
		.where(eq(table.processMembership.userId, userId))
		.orderBy(asc(table.organisation.name), asc(table.process.title))
		.all();
	return [...new Map(rows.map((row) => [row.organisation.id, row])).values()];
}

/** Everyone with a role in one process of the organisation only, for the members page. */
export function listProcessMembers(db: Db, organisationId: number) {
	return db
		.select({
			userId: table.user.id,
			name: table.user.name,
			email: table.user.email,
			role: table.processMembership.role,
			processId: table.process.id,
			processTitle: table.process.title
		})
		.from(table.processMembership)
		.innerJoin(table.user, eq(table.processMembership.userId, table.user.id))
		.innerJoin(table.process, eq(table.processMembership.processId, table.process.id))
		.where(eq(table.process.organisationId, organisationId))
		.orderBy(asc(table.user.name), asc(table.process.title))
		.all();
}

function isOrganisationMember(db: DbOrTx, organisationId: number, userId: number) {
	return !!db
		.select({ userId: table.membership.userId })
		.from(table.membership)
		.where(
			and(eq(table.membership.organisationId, organisationId), eq(table.membership.userId, userId))
		)
		.get();
}

export type ProcessMemberChange = { ok: true } | { ok: false; reason: 'organisation_member' };

/**
 * Gives a person a role in one process. Members of the organisation keep their organisation
 * role, which counts in every process; a second grant changes the role.
 */
export function grantProcessRole(
	db: DbOrTx,
	process: Pick<table.Process, 'id' | 'organisationId'>,
	userId: number,
	role: Role
): ProcessMemberChange {
	if (isOrganisationMember(db, process.organisationId, userId)) {
		return { ok: false, reason: 'organisation_member' };
	}
	db.insert(table.processMembership)
		.values({ processId: process.id, userId, role })
		.onConflictDoUpdate({
			target: [table.processMembership.processId, table.processMembership.userId],
			set: { role }
		})
		.run();
	accessChanged(userId);
	return { ok: true };
}

/** Ends a person's role in one process of the organisation; false if they had none. */
export function removeProcessRole(
	db: Db,
	organisationId: number,
	processId: number,
	userId: number
): boolean {
	const inOrganisation = db
		.select({ id: table.process.id })
		.from(table.process)
		.where(and(eq(table.process.id, processId), eq(table.process.organisationId, organisationId)))
		.get();
	if (!inOrganisation) return false;
	const removed = db
		.delete(table.processMembership)
		.where(
			and(
				eq(table.processMembership.processId, processId),
				eq(table.processMembership.userId, userId)
			)
		)
		.run();
	if (removed.changes > 0) accessChanged(userId);
	return removed.changes > 0;
}
