import { and, asc, count, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { accessChanged } from '../auth/access-changes';
import { roleAllows, type Permission, type Role } from '../auth/roles';
import { uniqueSlug } from './slug';

export interface NewOrganisation {
	name: string;
	kind: (typeof table.organisationKinds)[number];
}

export function createOrganisation(db: DbOrTx, input: NewOrganisation): table.Organisation {
	const slug = uniqueSlug(input.name, (candidate) =>
		Boolean(
			db
				.select({ id: table.organisation.id })
				.from(table.organisation)
				.where(eq(table.organisation.slug, candidate))
				.get()
		)
	);
	return db
		.insert(table.organisation)
		.values({ name: input.name.trim(), kind: input.kind, slug })
		.returning()
		.get();
}

/**
 * Adds a member, or gives an existing one the new role (e.g. through an invitation link), except
 * that the last administrator stays one: an organisation always keeps at least one.
 */
export function addMember(db: DbOrTx, organisationId: number, userId: number, role: Role) {
	const current = findRole(db, organisationId, userId);
	if (current === 'admin' && role !== 'admin' && countAdmins(db, organisationId) <= 1) return;
	db.insert(table.membership)
		.values({ organisationId, userId, role })
		.onConflictDoUpdate({
			target: [table.membership.organisationId, table.membership.userId],
			set: { role }
		})
		.run();
}

export function listOrganisationsOf(db: Db, userId: number) {
	return db
		.select({ organisation: table.organisation, role: table.membership.role })
		.from(table.membership)
		.innerJoin(table.organisation, eq(table.membership.organisationId, table.organisation.id))
		.where(eq(table.membership.userId, userId))
		.orderBy(asc(table.organisation.name))
		.all();
}

export type MembershipCheck =
	| { allowed: true; organisation: table.Organisation; role: Role }
	| { allowed: false; reason: 'not_found' | 'forbidden' };

/**
 * Whether the user may do `permission` in the organisation with this slug. Someone who is not
 * a member learns nothing about the organisation: it is reported as not found.
 */
export function checkMembership(
	db: Db,
	userId: number,
	organisationSlug: string,
	permission: Permission
): MembershipCheck {
	const row = db
		.select({ organisation: table.organisation, role: table.membership.role })
		.from(table.organisation)
		.innerJoin(
			table.membership,
			and(
				eq(table.membership.organisationId, table.organisation.id),
				eq(table.membership.userId, userId)
			)
		)
		.where(eq(table.organisation.slug, organisationSlug))
		.get();
	if (!row) return { allowed: false, reason: 'not_found' };
	if (!roleAllows(row.role, permission)) return { allowed: false, reason: 'forbidden' };
	return { allowed: true, organisation: row.organisation, role: row.role };
}

export function listMembers(db: Db, organisationId: number) {
	return db
		.select({
			userId: table.user.id,
			name: table.user.name,
			email: table.user.email,
			role: table.membership.role
		})
		.from(table.membership)
		.innerJoin(table.user, eq(table.membership.userId, table.user.id))
		.where(eq(table.membership.organisationId, organisationId))
		.orderBy(asc(table.user.name))
		.all();
}

function countAdmins(db: DbOrTx, organisationId: number): number {
	const row = db
		.select({ admins: count() })
		.from(table.membership)
		.where(
			and(eq(table.membership.organisationId, organisationId), eq(table.membership.role, 'admin'))
		)
		.get();
	return row?.admins ?? 0;
}

function findRole(db: DbOrTx, organisationId: number, userId: number): Role | undefined {
	return db
		.select({ role: table.membership.role })
		.from(table.membership)
		.where(
			and(eq(table.membership.organisationId, organisationId), eq(table.membership.userId, userId))
		)
		.get()?.role;
}

export type MemberChange = { ok: true } | { ok: false; reason: 'not_member' | 'last_admin' };

/** Changes a member's role; an organisation always keeps at least one administrator. */
export function changeMemberRole(
	db: Db,
	organisationId: number,
	userId: number,
	role: Role
): MemberChange {
	const result = db.transaction((tx) => {
		const current = findRole(tx, organisationId, userId);
		if (!current) return { ok: false, reason: 'not_member' } as const;
		if (current === 'admin' && role !== 'admin' && countAdmins(tx, organisationId) <= 1) {
			return { ok: false, reason: 'last_admin' } as const;
		}
		tx.update(table.membership)
			.set({ role })
			.where(
				and(
					eq(table.membership.organisationId, organisationId),
					eq(table.membership.userId, userId)
				)
			)
			.run();
		return { ok: true } as const;
	});
	if (result.ok) accessChanged(userId);
	return result;
}

export function removeMember(db: Db, organisationId: number, userId: number): MemberChange {
	const result = db.transaction((tx) => {
		const current = findRole(tx, organisationId, userId);
		if (!current) return { ok: false, reason: 'not_member' } as const;
		if (current === 'admin' && countAdmins(tx, organisationId) <= 1) {
			return { ok: false, reason: 'last_admin' } as const;
		}
		tx.delete(table.membership)
			.where(
				and(
					eq(table.membership.organisationId, organisationId),
					eq(table.membership.userId, userId)
				)
			)
			.run();
		return { ok: true } as const;
	});
	if (result.ok) accessChanged(userId);
	return result;
}
