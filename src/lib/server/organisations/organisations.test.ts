import { beforeEach, describe, expect, it } from 'vitest';
import {
	createMember,
	createTestDb,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import type { Db } from '../db';
import { acceptInvitation, createInvitation } from './invitations';
import { changeMemberRole, checkMembership, listMembers, removeMember } from './organisations';

let db: Db;

beforeEach(() => {
	db = createTestDb();
});

describe('organisation slugs', () => {
	it('transliterate umlauts and stay unique', () => {
		expect(createTestOrganisation(db, 'Landkreis Lörrach').slug).toBe('landkreis-loerrach');
		expect(createTestOrganisation(db, 'Landkreis Lörrach').slug).toBe('landkreis-loerrach-2');
		expect(createTestOrganisation(db, 'Rems-Murr-Kreis').slug).toBe('rems-murr-kreis');
	});
});

describe('checkMembership', () => {
	it('grants by role and hides other organisations', async () => {
		const landau = createTestOrganisation(db, 'Stadt Landau');
		const wittmund = createTestOrganisation(db, 'Landkreis Wittmund');
		const moderator = await createMember(db, landau.id, 'moderator');
		const admin = await createMember(db, landau.id, 'admin');

		expect(checkMembership(db, moderator.id, landau.slug, 'manageEvents').allowed).toBe(true);
		expect(checkMembership(db, moderator.id, landau.slug, 'editProcess')).toEqual({
			allowed: false,
			reason: 'forbidden'
		});
		expect(checkMembership(db, admin.id, landau.slug, 'manageOrganisation').allowed).toBe(true);
		expect(checkMembership(db, admin.id, wittmund.slug, 'readProcess')).toEqual({
			allowed: false,
			reason: 'not_found'
		});
		expect(checkMembership(db, admin.id, 'does-not-exist', 'readProcess').allowed).toBe(false);
	});

	it('lets steering group members read but not edit', async () => {
		const org = createTestOrganisation(db);
		const member = await createMember(db, org.id, 'steering_member');
		expect(checkMembership(db, member.id, org.slug, 'readProcess').allowed).toBe(true);
		expect(checkMembership(db, member.id, org.slug, 'manageEvents').allowed).toBe(false);
	});
});

describe('members', () => {
	it('keep at least one administrator', async () => {
		const org = createTestOrganisation(db);
		const admin = await createMember(db, org.id, 'admin');
		expect(changeMemberRole(db, org.id, admin.id, 'moderator')).toEqual({
			ok: false,
			reason: 'last_admin'
		});
		expect(removeMember(db, org.id, admin.id)).toEqual({ ok: false, reason: 'last_admin' });

		const second = await createMember(db, org.id, 'admin');
		expect(changeMemberRole(db, org.id, admin.id, 'moderator')).toEqual({ ok: true });
		expect(removeMember(db, org.id, second.id)).toEqual({ ok: false, reason: 'last_admin' });
		expect(listMembers(db, org.id).map((member) => member.role)).toEqual(['moderator', 'admin']);
	});

	it('keep their last administrator when that person follows an invitation to a lesser role', async () => {
		const org = createTestOrganisation(db);
		const admin = await createMember(db, org.id, 'admin');
		const { invitation } = createInvitation(db, {
			organisationId: org.id,
			role: 'moderator',
			note: '',
			createdByUserId: admin.id
		});
		expect(acceptInvitation(db, invitation.id, admin.id)).toBe(true);
		expect(listMembers(db, org.id).map((member) => member.role)).toEqual(['admin']);
	});

	it('cannot be changed in an organisation they do not belong to', async () => {
		const org = createTestOrganisation(db);
		const stranger = await createTestUser(db);
		expect(removeMember(db, org.id, stranger.id)).toEqual({ ok: false, reason: 'not_member' });
	});
});
