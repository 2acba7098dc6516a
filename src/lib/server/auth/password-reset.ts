import { and, eq, gt, inArray, ne } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { hashPassword } from './password';
import { invalidateUserSessions } from './session';
import { issueToken, secretMatches, splitToken } from './token';

/** A reset link is good for one hour and one use. */
export const passwordResetLifetimeMs = 1000 * 60 * 60;

/**
 * A new one-time link for the user to choose a password; an older unused link of theirs stops
 * working, so only the latest one handed out counts.
 */
export function createPasswordReset(
	db: Db,
	userId: number,
	createdByUserId: number | null = null,
	now = new Date()
) {
	const { id, secretHash, token } = issueToken();
	const expiresAt = new Date(now.getTime() + passwordResetLifetimeMs);
	db.transaction((tx) => {
		tx.delete(table.passwordReset).where(eq(table.passwordReset.userId, userId)).run();
		tx.insert(table.passwordReset)
			.values({ id, userId, secretHash, createdByUserId, createdAt: now, expiresAt })
			.run();
	});
	return { token, expiresAt };
}

export type PasswordResetLookup =
	| { status: 'open'; resetId: string; user: Pick<table.User, 'id' | 'email' | 'name'> }
	| { status: 'unknown' }
	| { status: 'expired' };

export function findPasswordReset(db: Db, token: string, now = new Date()): PasswordResetLookup {
	const parts = splitToken(token);
	if (!parts) return { status: 'unknown' };
	const row = db
		.select({
			reset: table.passwordReset,
			user: { id: table.user.id, email: table.user.email, name: table.user.name }
		})
		.from(table.passwordReset)
		.innerJoin(table.user, eq(table.passwordReset.userId, table.user.id))
		.where(eq(table.passwordReset.id, parts.id))
		.get();
	if (!row || !secretMatches(parts.secret, row.reset.secretHash)) return { status: 'unknown' };
	if (row.reset.expiresAt <= now) return { status: 'expired' };
	return { status: 'open', resetId: row.reset.id, user: row.user };
}

export type PasswordResetResult =
	{ ok: true; userId: number } | { ok: false; reason: 'unknown' | 'expired' };

/**
 * Sets the new password and uses the link up, in one step: of two tabs submitting the same link,
 * one wins. Every session of the user ends (and their live connections with them), so whoever
 * knew the old password is out.
 */
export async function resetPassword(
	db: Db,
	token: string,
	password: string,
	now = new Date()
): Promise<PasswordResetResult> {
	const lookup = findPasswordReset(db, token, now);
	if (lookup.status !== 'open') return { ok: false, reason: lookup.status };
	const passwordHash = await hashPassword(password);
	const claimed = db.transaction((tx) => {
		const reset = tx
			.delete(table.passwordReset)
			.where(
				and(eq(table.passwordReset.id, lookup.resetId), gt(table.passwordReset.expiresAt, now))
			)
			.returning({ userId: table.passwordReset.userId })
			.get();
		if (!reset) return null;
		tx.delete(table.passwordReset).where(eq(table.passwordReset.userId, reset.userId)).run();
		tx.update(table.user).set({ passwordHash }).where(eq(table.user.id, reset.userId)).run();
		return reset.userId;
	});
	if (claimed === null) return { ok: false, reason: 'unknown' };
	invalidateUserSessions(db, claimed);
	return { ok: true, userId: claimed };
}

export type AdminResetCheck =
	| { allowed: true; user: Pick<table.User, 'id' | 'email' | 'name'> }
	| { allowed: false; reason: 'not_member' | 'outside_reach' };

/**
 * Whether an organisation's administrator may make a reset link for a member. Not for someone
 * who is a member elsewhere too (unless the administrator administers those organisations as
 * well) and not for a system administrator: the link would hand over more than this
 * organisation.
 */
export function checkAdminReset(
	db: Db,
	administratorId: number,
	organisationId: number,
	userId: number
): AdminResetCheck {
	const member = db
		.select({
			id: table.user.id,
			email: table.user.email,
			name: table.user.name,
			isSystemAdmin: table.user.isSystemAdmin
		})
		.from(table.membership)
		.innerJoin(table.user, eq(table.membership.userId, table.user.id))
		.where(
			and(eq(table.membership.organisationId, organisationId), eq(table.membership.userId, userId))
		)
		.get();
	if (!member) return { allowed: false, reason: 'not_member' };
	if (member.isSystemAdmin && member.id !== administratorId) {
		return { allowed: false, reason: 'outside_reach' };
	}
	const elsewhere = db
		.select({ organisationId: table.membership.organisationId })
		.from(table.membership)
		.where(
			and(eq(table.membership.userId, userId), ne(table.membership.organisationId, organisationId))
		)
		.all()
		.map((row) => row.organisationId);
	if (elsewhere.length > 0) {
		const administered = db
			.select({ organisationId: table.membership.organisationId })
			.from(table.membership)
			.where(
				and(
					eq(table.membership.userId, administratorId),
					eq(table.membership.role, 'admin'),
					inArray(table.membership.organisationId, elsewhere)
				)
			)
			.all();
		if (administered.length < elsewhere.length) return { allowed: false, reason: 'outside_reach' };
	}
	return { allowed: true, user: { id: member.id, email: member.email, name: member.name } };
}
