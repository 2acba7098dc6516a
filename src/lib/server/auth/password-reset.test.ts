import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	createMember,
	createTestDb,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import * as table from '../db/schema';
import { addMember } from '../organisations/organisations';
import { verifyPassword } from './password';
import {
	checkAdminReset,
	createPasswordReset,
	findPasswordReset,
	passwordResetLifetimeMs,
	resetPassword
} from './password-reset';
import { createSession, validateSessionToken } from './session';
import { splitToken } from './token';

const start = new Date('2026-03-01T09:00:00Z');
const later = (ms: number) => new Date(start.getTime() + ms);

describe('password reset links', () => {
	it('keep only a hash of the secret and expire within the hour', async () => {
		const db = createTestDb();
		const user = await createTestUser(db);
		const { token, expiresAt } = createPasswordReset(db, user.id, null, start);
		expect(expiresAt).toEqual(later(passwordResetLifetimeMs));
		expect(passwordResetLifetimeMs).toBeLessThanOrEqual(60 * 60 * 1000);
		const row = db.select().from(table.passwordReset).get()!;
		expect(JSON.stringify(row)).not.toContain(splitToken(token)!.secret);

		expect(findPasswordReset(db, token, later(1000)).status).toBe('open');
		expect(findPasswordReset(db, token, later(passwordResetLifetimeMs)).status).toBe('expired');
		expect(findPasswordReset(db, `${splitToken(token)!.id}.${'a'.repeat(32)}`, start).status).toBe(
			'unknown'
		);
		expect(findPasswordReset(db, 'nonsense', start).status).toBe('unknown');
		expect(
			(await resetPassword(db, token, 'ein-neues-passwort', later(passwordResetLifetimeMs))).ok
		).toBe(false);
	});

	it('set the new password once and end every session of the user', async () => {
		const db = createTestDb();
		const user = await createTestUser(db);
		const other = await createTestUser(db);
		const sessions = [createSession(db, user.id, start), createSession(db, user.id, start)];
		const othersSession = createSession(db, other.id, start);
		const { token } = createPasswordReset(db, user.id, null, start);

		expect(await resetPassword(db, token, 'ein-neues-passwort', later(1000))).toEqual({
			ok: true,
			userId: user.id
		});
		const stored = db.select().from(table.user).where(eq(table.user.id, user.id)).get()!;
		expect(await verifyPassword(stored.passwordHash, 'ein-neues-passwort')).toBe(true);
		for (const { token: sessionToken } of sessions) {
			expect(validateSessionToken(db, sessionToken, later(2000)).valid).toBe(false);
		}
		expect(validateSessionToken(db, othersSession.token, later(2000)).valid).toBe(true);

		expect(await resetPassword(db, token, 'noch-ein-passwort', later(3000))).toEqual({
			ok: false,
			reason: 'unknown'
		});
	});

	it('replace an older unused link of the same user', async () => {
		const db = createTestDb();
		const user = await createTestUser(db);
		const first = createPasswordReset(db, user.id, null, start);
		const second = createPasswordReset(db, user.id, null, start);
		expect(findPasswordReset(db, first.token, start).status).toBe('unknown');
		expect(findPasswordReset(db, second.token, start).status).toBe('open');
	});
});

describe('reset links made by an administrator', () => {
	it('are for members of the organisation only', async () => {
		const db = createTestDb();
		const organisation = createTestOrganisation(db);
		const elsewhere = createTestOrganisation(db, 'Landkreis Lörrach');
		const admin = await createMember(db, organisation.id, 'admin');
		const member = await createMember(db, organisation.id, 'moderator');
		const stranger = await createMember(db, elsewhere.id, 'moderator');

		const allowed = checkAdminReset(db, admin.id, organisation.id, member.id);
		expect(allowed.allowed && allowed.user.email).toBe(member.email);
		expect(checkAdminReset(db, admin.id, organisation.id, stranger.id)).toEqual({
			allowed: false,
			reason: 'not_member'
		});
	});

	it('are refused for members of other organisations and for system administrators', async () => {
		const db = createTestDb();
		const organisation = createTestOrganisation(db);
		const elsewhere = createTestOrganisation(db, 'Landkreis Lörrach');
		const admin = await createMember(db, organisation.id, 'admin');
		const shared = await createMember(db, organisation.id, 'moderator');
		addMember(db, elsewhere.id, shared.id, 'admin');
		expect(checkAdminReset(db, admin.id, organisation.id, shared.id)).toEqual({
			allowed: false,
			reason: 'outside_reach'
		});
		// An administrator of both organisations may.
		addMember(db, elsewhere.id, admin.id, 'admin');
		expect(checkAdminReset(db, admin.id, organisation.id, shared.id).allowed).toBe(true);

		const systemAdmin = await createMember(db, organisation.id, 'moderator');
		db.update(table.user)
			.set({ isSystemAdmin: true })
			.where(eq(table.user.id, systemAdmin.id))
			.run();
		expect(checkAdminReset(db, admin.id, organisation.id, systemAdmin.id)).toEqual({
			allowed: false,
			reason: 'outside_reach'
		});
	});
});
