import { beforeEach, describe, expect, it } from 'vitest';
import {
	createMember,
	createTestDb,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import type { Db } from '../db';
import {
	acceptInvitation,
	acceptInvitationWithNewAccount,
	createInvitation,
	findInvitation,
	invitationLifetimeMs,
	listOpenInvitations,
	revokeInvitation
} from './invitations';
import { checkMembership } from './organisations';

let db: Db;
let organisationId: number;
let organisationSlug: string;
let adminId: number;

beforeEach(async () => {
	db = createTestDb();
	const org = createTestOrganisation(db);
	organisationId = org.id;
	organisationSlug = org.slug;
	adminId = (await createMember(db, org.id, 'admin')).id;
});

function invite(role: 'moderator' | 'steering_member' = 'moderator', now = new Date()) {
	return createInvitation(
		db,
		{ organisationId, role, note: 'AG Wohnen', createdByUserId: adminId },
		now
	);
}

describe('invitations', () => {
	it('can be accepted once', async () => {
		const { token } = invite();
		const lookup = findInvitation(db, token);
		expect(lookup.status).toBe('open');
		if (lookup.status !== 'open') return;

		const first = await createTestUser(db);
		const second = await createTestUser(db);
		expect(acceptInvitation(db, lookup.invitation.id, first.id)).toBe(true);
		expect(acceptInvitation(db, lookup.invitation.id, second.id)).toBe(false);

		expect(findInvitation(db, token).status).toBe('used');
		expect(checkMembership(db, first.id, organisationSlug, 'manageEvents').allowed).toBe(true);
		expect(checkMembership(db, second.id, organisationSlug, 'readProcess').allowed).toBe(false);
	});

	it('create the account and the membership together, or neither', async () => {
		const { token } = invite('steering_member');
		const lookup = findInvitation(db, token);
		if (lookup.status !== 'open') throw new Error('expected an open invitation');

		const [winner, loser] = await Promise.all([
			acceptInvitationWithNewAccount(db, lookup.invitation.id, {
				email: 'a@kreis.example',
				name: 'A',
				password: 'langes-passwort-1'
			}),
			acceptInvitationWithNewAccount(db, lookup.invitation.id, {
				email: 'b@kreis.example',
				name: 'B',
				password: 'langes-passwort-2'
			})
		]);
		expect([winner.ok, loser.ok].sort()).toEqual([false, true]);
		const failed = winner.ok ? loser : winner;
		expect(failed).toEqual({ ok: false, reason: 'invitation_gone' });
		const lostEmail = winner.ok ? 'b@kreis.example' : 'a@kreis.example';
		expect(db.query.user.findFirst({ where: (u, { eq }) => eq(u.email, lostEmail) }).sync()).toBe(
			undefined
		);
	});

	it('refuse a taken email without using up the invitation', async () => {
		const existing = await createTestUser(db);
		const { token } = invite();
		const lookup = findInvitation(db, token);
		if (lookup.status !== 'open') throw new Error('expected an open invitation');
		const result = await acceptInvitationWithNewAccount(db, lookup.invitation.id, {
			email: existing.email.toUpperCase(),
			name: 'Doppelt',
			password: 'langes-passwort'
		});
		expect(result).toEqual({ ok: false, reason: 'email_taken' });
		expect(findInvitation(db, token).status).toBe('open');
	});

	it('expire', async () => {
		const created = new Date('2026-01-01T00:00:00Z');
		const { token, invitation } = invite('moderator', created);
		const expiry = new Date(created.getTime() + invitationLifetimeMs);
		expect(findInvitation(db, token, expiry).status).toBe('expired');
		const user = await createTestUser(db);
		expect(acceptInvitation(db, invitation.id, user.id, expiry)).toBe(false);
	});

	it('are unknown with a wrong secret, and can be revoked', () => {
		const { token, invitation } = invite();
		expect(findInvitation(db, `${invitation.id}.wrongsecretwrongsecretwrongsecr`).status).toBe(
			'unknown'
		);
		expect(findInvitation(db, token.replace('.', '')).status).toBe('unknown');
		expect(listOpenInvitations(db, organisationId)).toHaveLength(1);
		revokeInvitation(db, organisationId, invitation.id);
		expect(listOpenInvitations(db, organisationId)).toHaveLength(0);
		expect(findInvitation(db, token).status).toBe('unknown');
	});
});
