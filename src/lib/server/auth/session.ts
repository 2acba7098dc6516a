import { and, desc, eq, gt, ne } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { accessChanged } from './access-changes';
import { issueToken, secretMatches, splitToken } from './token';

export const sessionCookieName = 'mitwirken_session';
/** A session ends after this long without a request. */
export const inactivityTimeoutMs = 1000 * 60 * 60 * 24 * 14;
/** Activity is written back at most this often, to keep reads cheap. */
export const activityCheckIntervalMs = 1000 * 60 * 60;

export type SessionUser = Pick<table.User, 'id' | 'email' | 'name' | 'isSystemAdmin'>;

export type SessionValidation =
	{ valid: true; session: table.Session; user: SessionUser; renewed: boolean } | { valid: false };

/** Enough of a user agent to tell browsers apart; the rest is noise. */
export const maxUserAgentLength = 256;

export function createSession(db: Db, userId: number, now = new Date(), userAgent = '') {
	const { id, secretHash, token } = issueToken();
	const session: table.Session = {
		id,
		userId,
		secretHash,
		createdAt: now,
		lastVerifiedAt: now,
		userAgent: userAgent.slice(0, maxUserAgentLength)
	};
	db.insert(table.session).values(session).run();
	return { session, token };
}

export function validateSessionToken(db: Db, token: string, now = new Date()): SessionValidation {
	const parts = splitToken(token);
	if (!parts) return { valid: false };
	const row = db
		.select({
			session: table.session,
			user: {
				id: table.user.id,
				email: table.user.email,
				name: table.user.name,
				isSystemAdmin: table.user.isSystemAdmin
			}
		})
		.from(table.session)
		.innerJoin(table.user, eq(table.session.userId, table.user.id))
		.where(eq(table.session.id, parts.id))
		.get();
	if (!row || !secretMatches(parts.secret, row.session.secretHash)) return { valid: false };

	const idleFor = now.getTime() - row.session.lastVerifiedAt.getTime();
	if (idleFor >= inactivityTimeoutMs) {
		invalidateSession(db, row.session.id);
		return { valid: false };
	}
	const renewed = idleFor >= activityCheckIntervalMs;
	if (renewed) {
		row.session.lastVerifiedAt = now;
		db.update(table.session)
			.set({ lastVerifiedAt: now })
			.where(eq(table.session.id, row.session.id))
			.run();
	}
	return { valid: true, session: row.session, user: row.user, renewed };
}

export function sessionExpiresAt(session: table.Session): Date {
	return new Date(session.lastVerifiedAt.getTime() + inactivityTimeoutMs);
}

/** Whether a session still exists and has been used recently enough to be valid. */
export function sessionIsActive(db: Db, sessionId: string, now = new Date()): boolean {
	const session = db
		.select({ lastVerifiedAt: table.session.lastVerifiedAt })
		.from(table.session)
		.where(eq(table.session.id, sessionId))
		.get();
	return !!session && now.getTime() - session.lastVerifiedAt.getTime() < inactivityTimeoutMs;
}

export function invalidateSession(db: Db, sessionId: string) {
	const ended = db
		.delete(table.session)
		.where(eq(table.session.id, sessionId))
		.returning({ userId: table.session.userId })
		.get();
	if (ended) accessChanged(ended.userId);
}

export function invalidateUserSessions(db: Db, userId: number) {
	db.delete(table.session).where(eq(table.session.userId, userId)).run();
	accessChanged(userId);
}

/**
 * A user's sessions that are still valid, most recently used first. "Last used" is exact to
 * `activityCheckIntervalMs`, as often as activity is written back.
 */
export function listUserSessions(db: Db, userId: number, now = new Date()) {
	return db
		.select({
			id: table.session.id,
			createdAt: table.session.createdAt,
			lastVerifiedAt: table.session.lastVerifiedAt,
			userAgent: table.session.userAgent
		})
		.from(table.session)
		.where(
			and(
				eq(table.session.userId, userId),
				gt(table.session.lastVerifiedAt, new Date(now.getTime() - inactivityTimeoutMs))
			)
		)
		.orderBy(desc(table.session.lastVerifiedAt), desc(table.session.createdAt))
		.all();
}

/** Ends one of the user's own sessions; another user's session id ends nothing. */
export function invalidateOwnSession(db: Db, userId: number, sessionId: string): boolean {
	const ended = db
		.delete(table.session)
		.where(and(eq(table.session.id, sessionId), eq(table.session.userId, userId)))
		.run();
	if (ended.changes > 0) accessChanged(userId);
	return ended.changes > 0;
}

/** Ends all of the user's sessions but the one in use. */
export function invalidateOtherSessions(db: Db, userId: number, keepSessionId: string): number {
	const ended = db
		.delete(table.session)
		.where(and(eq(table.session.userId, userId), ne(table.session.id, keepSessionId)))
		.run();
	if (ended.changes > 0) accessChanged(userId);
	return ended.changes;
}
