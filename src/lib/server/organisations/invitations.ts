import { and, desc, eq, gt, isNull, TransactionRollbackError } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db';
import * as table from '../db/schema';
import type { Role } from '../auth/roles';
import { issueToken, secretMatches, splitToken } from '../auth/token';
import { insertUser, prepareUser, type NewUser } from '../auth/users';
import { addMember } from './organisations';
import { grantProcessRole } from './process-members';

export const invitationLifetimeMs = 1000 * 60 * 60 * 24 * 14;

export function createInvitation(
	db: DbOrTx,
	input: {
		organisationId: number;
		role: Role;
		note: string;
		createdByUserId: number;
		/** An invitation to this one process of the organisation only. */
		processId?: number | null;
	},
	now = new Date()
) {
	const { id, secretHash, token } = issueToken();
	const invitation = db
		.insert(table.invitation)
		.values({
			id,
			secretHash,
			organisationId: input.organisationId,
			role: input.role,
			processId: input.processId ?? null,
			note: input.note.trim(),
			createdByUserId: input.createdByUserId,
			createdAt: now,
			expiresAt: new Date(now.getTime() + invitationLifetimeMs)
		})
		.returning()
		.get();
	return { invitation, token };
}

export type InvitationLookup =
	| {
			status: 'open';
			invitation: table.Invitation;
			organisation: table.Organisation;
	  }
	| { status: 'unknown' | 'used' | 'expired' };

export function findInvitation(db: Db, token: string, now = new Date()): InvitationLookup {
	const parts = splitToken(token);
	if (!parts) return { status: 'unknown' };
	const row = db
		.select({ invitation: table.invitation, organisation: table.organisation })
		.from(table.invitation)
		.innerJoin(table.organisation, eq(table.invitation.organisationId, table.organisation.id))
		.where(eq(table.invitation.id, parts.id))
		.get();
	if (!row || !secretMatches(parts.secret, row.invitation.secretHash)) return { status: 'unknown' };
	if (row.invitation.acceptedAt) return { status: 'used' };
	if (row.invitation.expiresAt <= now) return { status: 'expired' };
	return { status: 'open', ...row };
}

function claimInvitation(tx: Tx, invitationId: string, userId: number, now: Date) {
	const claimed = tx
		.update(table.invitation)
		.set({ acceptedAt: now, acceptedByUserId: userId })
		.where(
			and(
				eq(table.invitation.id, invitationId),
				isNull(table.invitation.acceptedAt),
				gt(table.invitation.expiresAt, now)
			)
		)
		.returning()
		.get();
	if (claimed?.processId) {
		grantProcessRole(
			tx,
			{ id: claimed.processId, organisationId: claimed.organisationId },
			userId,
			claimed.role
		);
	} else if (claimed) addMember(tx, claimed.organisationId, userId, claimed.role);
	return Boolean(claimed);
}

/**
 * Marks the invitation used and makes the user a member, in one step: of two people
 * accepting the same link at once, only one gets in.
 */
export function acceptInvitation(
	db: Db,
	invitationId: string,
	userId: number,
	now = new Date()
): boolean {
	return db.transaction((tx) => claimInvitation(tx, invitationId, userId, now));
}

export type AcceptWithAccountResult =
	{ ok: true; user: table.User } | { ok: false; reason: 'email_taken' | 'invitation_gone' };

/** Creates the invited person's account and accepts the invitation, or does neither. */
export async function acceptInvitationWithNewAccount(
	db: Db,
	invitationId: string,
	account: NewUser,
	now = new Date()
): Promise<AcceptWithAccountResult> {
	const values = await prepareUser(account);
	try {
		return db.transaction((tx) => {
			const created = insertUser(tx, values);
			if (created.ok && !claimInvitation(tx, invitationId, created.user.id, now)) tx.rollback();
			return created;
		});
	} catch (error) {
		if (error instanceof TransactionRollbackError) return { ok: false, reason: 'invitation_gone' };
		throw error;
	}
}

export function listOpenInvitations(db: Db, organisationId: number, now = new Date()) {
	return db
		.select({
			id: table.invitation.id,
			role: table.invitation.role,
			note: table.invitation.note,
			processTitle: table.process.title,
			createdAt: table.invitation.createdAt,
			expiresAt: table.invitation.expiresAt
		})
		.from(table.invitation)
		.leftJoin(table.process, eq(table.invitation.processId, table.process.id))
		.where(
			and(
				eq(table.invitation.organisationId, organisationId),
				isNull(table.invitation.acceptedAt),
				gt(table.invitation.expiresAt, now)
			)
		)
		.orderBy(desc(table.invitation.createdAt))
		.all();
}

/** Revokes an open invitation; false when the organisation has no such open invitation. */
export function revokeInvitation(db: Db, organisationId: number, invitationId: string): boolean {
	const revoked = db
		.delete(table.invitation)
		.where(
			and(
				eq(table.invitation.id, invitationId),
				eq(table.invitation.organisationId, organisationId),
				isNull(table.invitation.acceptedAt)
			)
		)
		.run();
	return revoked.changes > 0;
}
