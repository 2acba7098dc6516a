import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, createTestUser } from '../../../../tests/factories';
import type { Db } from '../db';
import * as table from '../db/schema';
import {
	activityCheckIntervalMs,
	createSession,
	inactivityTimeoutMs,
	invalidateOtherSessions,
	invalidateOwnSession,
	invalidateSession,
	invalidateUserSessions,
	listUserSessions,
	maxUserAgentLength,
	sessionExpiresAt,
	validateSessionToken
} from './session';
import { splitToken } from './token';

let db: Db;
let userId: number;
const start = new Date('2026-03-01T09:00:00Z');
const later = (ms: number) => new Date(start.getTime() + ms);

beforeEach(async () => {
	db = createTestDb();
	userId = (await createTestUser(db)).id;
});

describe('sessions', () => {
	it('store a hash of the secret, never the token', () => {
		const { session, token } = createSession(db, userId, start);
		const row = db.select().from(table.session).where(eq(table.session.id, session.id)).get()!;
		const secret = splitToken(token)!.secret;
		expect(row.secretHash.toString('utf8')).not.toContain(secret);
		expect(JSON.stringify(row)).not.toContain(secret);
	});

	it('validate the right token and refuse a wrong secret', () => {
		const { token } = createSession(db, userId, start);
		const result = validateSessionToken(db, token, later(1000));
		expect(result.valid && result.user.id).toBe(userId);

		const [id] = token.split('.');
		expect(validateSessionToken(db, `${id}.${'a'.repeat(32)}`, later(1000)).valid).toBe(false);
		expect(validateSessionToken(db, 'nonsense', later(1000)).valid).toBe(false);
	});

	it('renew at most once per check interval, sliding the expiry', () => {
		const { token } = createSession(db, userId, start);

		const early = validateSessionToken(db, token, later(activityCheckIntervalMs - 1));
		expect(early.valid && early.renewed).toBe(false);

		const renewedAt = later(activityCheckIntervalMs);
		const renewed = validateSessionToken(db, token, renewedAt);
		expect(renewed.valid && renewed.renewed).toBe(true);
		expect(renewed.valid && sessionExpiresAt(renewed.session)).toEqual(
			new Date(renewedAt.getTime() + inactivityTimeoutMs)
		);

		// Active use keeps the session alive well past the first timeout.
		const muchLater = new Date(renewedAt.getTime() + inactivityTimeoutMs - 1);
		expect(validateSessionToken(db, token, muchLater).valid).toBe(true);
	});

	it('expire after the inactivity timeout and are deleted', () => {
		const { session, token } = createSession(db, userId, start);
		expect(validateSessionToken(db, token, later(inactivityTimeoutMs)).valid).toBe(false);
		expect(db.select().from(table.session).where(eq(table.session.id, session.id)).get()).toBe(
			undefined
		);
	});

	it('end on logout, one or all of a user', () => {
		const first = createSession(db, userId, start);
		const second = createSession(db, userId, start);
		invalidateSession(db, first.session.id);
		expect(validateSessionToken(db, first.token, start).valid).toBe(false);
		expect(validateSessionToken(db, second.token, start).valid).toBe(true);
		invalidateUserSessions(db, userId);
		expect(validateSessionToken(db, second.token, start).valid).toBe(false);
	});
});

describe('a user’s own sessions', () => {
	it('are listed with their browser, most recently used first, expired ones left out', () => {
		const old = createSession(db, userId, later(-inactivityTimeoutMs), 'Old Browser');
		const office = createSession(db, userId, start, 'Firefox/133.0 '.repeat(40));
		const phone = createSession(db, userId, later(1000), 'Android Chrome/131.0');
		const listed = listUserSessions(db, userId, later(2000));
		expect(listed.map((s) => s.id)).toEqual([phone.session.id, office.session.id]);
		expect(listed[1]!.userAgent).toHaveLength(maxUserAgentLength);
		expect(listed.map((s) => s.id)).not.toContain(old.session.id);
	});

	it('end one at a time, but never another user’s', async () => {
		const stranger = (await createTestUser(db)).id;
		const mine = createSession(db, userId, start);
		const theirs = createSession(db, stranger, start);
		expect(invalidateOwnSession(db, userId, theirs.session.id)).toBe(false);
		expect(validateSessionToken(db, theirs.token, start).valid).toBe(true);
		expect(invalidateOwnSession(db, userId, mine.session.id)).toBe(true);
		expect(validateSessionToken(db, mine.token, start).valid).toBe(false);
	});

	it('end all but the current one', () => {
		const current = createSession(db, userId, start);
		const others = [createSession(db, userId, start), createSession(db, userId, start)];
		expect(invalidateOtherSessions(db, userId, current.session.id)).toBe(2);
		expect(validateSessionToken(db, current.token, start).valid).toBe(true);
		for (const other of others)
			expect(validateSessionToken(db, other.token, start).valid).toBe(false);
	});
});
