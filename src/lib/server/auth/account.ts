/**
 * What an account holder may do with their own account: take their data with them, and delete
 * it. What they wrote for their organisation stays; their name on it gives way to "former
 * member". The references to users are all nullable with ON DELETE SET NULL (or CASCADE for
 * what only the account needs: sessions, memberships, reset links), so deleting the user row
 * keeps every foreign key true; only the names copied next to them need replacing here.
 */
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { accessChanged } from './access-changes';
import { listUserSessions } from './session';

export function exportAccountData(db: Db, userId: number, now = new Date()) {
	const profile = db
		.select({
			id: table.user.id,
			email: table.user.email,
			name: table.user.name,
			isSystemAdmin: table.user.isSystemAdmin,
			createdAt: table.user.createdAt
		})
		.from(table.user)
		.where(eq(table.user.id, userId))
		.get();
	if (!profile) return null;
	const processTitle = table.process.title;
	return {
		exportedAt: now,
		profile,
		memberships: db
			.select({
				organisation: table.organisation.name,
				slug: table.organisation.slug,
				role: table.membership.role,
				since: table.membership.createdAt
			})
			.from(table.membership)
			.innerJoin(table.organisation, eq(table.membership.organisationId, table.organisation.id))
			.where(eq(table.membership.userId, userId))
			.orderBy(asc(table.organisation.name))
			.all(),
		sessions: listUserSessions(db, userId, now).map(({ createdAt, lastVerifiedAt, userAgent }) => ({
			createdAt,
			lastUsedAt: lastVerifiedAt,
			userAgent
		})),
		bodySeats: db
			.select({
				process: processTitle,
				body: table.body.name,
				name: table.bodyMember.name,
				affiliation: table.bodyMember.affiliation,
				function: table.bodyMember.function,
				category: table.bodyMember.category
			})
			.from(table.bodyMember)
			.innerJoin(table.body, eq(table.bodyMember.bodyId, table.body.id))
			.innerJoin(table.process, eq(table.body.processId, table.process.id))
			.where(eq(table.bodyMember.userId, userId))
			.all(),
		conceptComments: db
			.select({
				process: processTitle,
				target: table.conceptComment.target,
				body: table.conceptComment.body,
				createdAt: table.conceptComment.createdAt,
				resolvedAt: table.conceptComment.resolvedAt
			})
			.from(table.conceptComment)
			.innerJoin(table.process, eq(table.conceptComment.processId, table.process.id))
			.where(eq(table.conceptComment.authorId, userId))
			.orderBy(asc(table.conceptComment.createdAt))
			.all(),
		conceptVersionsSaved: db
			.select({
				process: processTitle,
				number: table.conceptVersion.number,
				note: table.conceptVersion.note,
				createdAt: table.conceptVersion.createdAt
			})
			.from(table.conceptVersion)
			.innerJoin(table.process, eq(table.conceptVersion.processId, table.process.id))
			.where(eq(table.conceptVersion.createdBy, userId))
			.orderBy(asc(table.conceptVersion.createdAt))
			.all(),
		minutesApproved: db
			.select({
				event: table.event.title,
				revision: table.minutes.revision,
				approvedAt: table.minutes.approvedAt
			})
			.from(table.minutes)
			.innerJoin(table.event, eq(table.minutes.eventId, table.event.id))
			.where(eq(table.minutes.approvedBy, userId))
			.all(),
		measuresAdoptedFromResults: db
			.select({
				measure: table.measure.title,
				source: table.measureSource.label,
				event: table.measureSource.eventTitle,
				createdAt: table.measureSource.createdAt
			})
			.from(table.measureSource)
			.innerJoin(table.measure, eq(table.measureSource.measureId, table.measure.id))
			.where(eq(table.measureSource.adoptedBy, userId))
			.all(),
		invitationsCreated: db
			.select({
				organisation: table.organisation.name,
				role: table.invitation.role,
				note: table.invitation.note,
				createdAt: table.invitation.createdAt,
				acceptedAt: table.invitation.acceptedAt
			})
			.from(table.invitation)
			.innerJoin(table.organisation, eq(table.invitation.organisationId, table.organisation.id))
			.where(eq(table.invitation.createdByUserId, userId))
			.all()
	};
}

export type AccountData = NonNullable<ReturnType<typeof exportAccountData>>;

export type AccountDeletionCheck =
	| { allowed: true }
	| { allowed: false; reason: 'last_admin'; organisations: string[] }
	| { allowed: false; reason: 'last_system_admin' };

/**
 * An account may go unless an organisation would be left without an administrator, or the
 * install without a system administrator (then the set-up page would open to anyone again).
 */
export function checkAccountDeletion(db: DbOrTx, userId: number): AccountDeletionCheck {
	const administered = db
		.select({ id: table.membership.organisationId, name: table.organisation.name })
		.from(table.membership)
		.innerJoin(table.organisation, eq(table.membership.organisationId, table.organisation.id))
		.where(and(eq(table.membership.userId, userId), eq(table.membership.role, 'admin')))
		.all();
	if (administered.length > 0) {
		const admins = db
			.select({ organisationId: table.membership.organisationId, admins: count() })
			.from(table.membership)
			.where(
				and(
					eq(table.membership.role, 'admin'),
					inArray(
						table.membership.organisationId,
						administered.map((o) => o.id)
					)
				)
			)
			.groupBy(table.membership.organisationId)
			.all();
		const alone = administered.filter(
			(o) => (admins.find((a) => a.organisationId === o.id)?.admins ?? 0) <= 1
		);
		if (alone.length > 0) {
			return { allowed: false, reason: 'last_admin', organisations: alone.map((o) => o.name) };
		}
	}
	const user = db
		.select({ isSystemAdmin: table.user.isSystemAdmin })
		.from(table.user)
		.where(eq(table.user.id, userId))
		.get();
	if (user?.isSystemAdmin) {
		const systemAdmins = db
			.select({ n: count() })
			.from(table.user)
			.where(eq(table.user.isSystemAdmin, true))
			.get();
		if ((systemAdmins?.n ?? 0) <= 1) return { allowed: false, reason: 'last_system_admin' };
	}
	return { allowed: true };
}

/**
 * Deletes the account, its sessions and memberships; what the person wrote stays, signed
 * `formerMemberName`. Checked again inside the transaction, so two administrators deleting
 * themselves at once cannot both leave.
 */
export function deleteAccount(
	db: Db,
	userId: number,
	formerMemberName: string
): AccountDeletionCheck {
	const result = db.transaction((tx) => {
		const check = checkAccountDeletion(tx, userId);
		if (!check.allowed) return check;
		tx.update(table.conceptComment)
			.set({ authorName: formerMemberName })
			.where(eq(table.conceptComment.authorId, userId))
			.run();
		tx.update(table.conceptVersion)
			.set({ createdByName: formerMemberName })
			.where(eq(table.conceptVersion.createdBy, userId))
			.run();
		tx.update(table.minutes)
			.set({ approvedByName: formerMemberName })
			.where(eq(table.minutes.approvedBy, userId))
			.run();
		tx.delete(table.user).where(eq(table.user.id, userId)).run();
		return check;
	});
	if (result.allowed) accessChanged(userId);
	return result;
}
