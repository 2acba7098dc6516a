import { beforeEach, describe, expect, it } from 'vitest';
import {
	createMember,
	createTestDb,
	createTestEvent,
	createTestOrganisation
} from '../../../../tests/factories';
import { createBody, listMembers as listBodyMembers } from '../bodies/bodies';
import type { Db } from '../db';
import { createInvitation, listOpenInvitations } from '../organisations/invitations';
import { inviteMembers, planMembers } from './members-import';
import type { TableRow } from './read-table';

let db: Db;
let organisationId: number;
let adminId: number;
let bodyId: number;
let memberEmail: string;

beforeEach(async () => {
	db = createTestDb();
	organisationId = createTestOrganisation(db).id;
	const admin = await createMember(db, organisationId, 'admin');
	adminId = admin.id;
	memberEmail = (await createMember(db, organisationId, 'moderator')).email;
	const { process } = createTestEvent(db, organisationId);
	bodyId = createBody(db, process.id, {
		kind: 'steering_group',
		name: 'Steuerungsgruppe Integration',
		description: '',
		fieldOfActionId: null,
		isPublic: false
	}).id;
	createInvitation(db, {
		organisationId,
		role: 'moderator',
		note: 'Schon Eingeladen <eingeladen@kreis.example>',
		createdByUserId: adminId
	});
});

const header = ['Name', 'E-Mail-Adresse', 'Rolle', 'Gremium', 'Stakeholder-Gruppe'];
const rowsFrom = (lines: string[][]): TableRow[] =>
	lines.map((cells, index) => ({ line: index + 2, cells }));

describe('inviting members from a list', () => {
	it('invites new people, reports known ones, and refuses bad rows', () => {
		const rows = rowsFrom([
			[
				'Leitung Jobcenter',
				'Jobcenter@Kreis.example',
				'Moderation',
				'steuerungsgruppe integration',
				'Verwaltung'
			],
			['Bekannt', memberEmail.toUpperCase(), '', '', ''],
			['Schon Eingeladen', 'eingeladen@kreis.example', '', '', ''],
			['Ohne Adresse', 'keine-adresse', '', '', ''],
			['Falsches Gremium', 'gremium@kreis.example', '', 'Kreistag', ''],
			['Doppelt', 'jobcenter@kreis.example', '', '', '']
		]);
		const plan = planMembers(db, organisationId, header, rows, 'hash');
		expect(plan.rows.map((row) => row.action)).toEqual([
			'invite',
			'existing',
			'existing',
			'refused',
			'refused',
			'refused'
		]);
		expect(plan.rows[0]).toMatchObject({
			email: 'jobcenter@kreis.example',
			role: 'moderator',
			bodyId,
			category: 'administration'
		});
		expect(plan.rows[4]!.details[0]).toContain('Kreistag');
		expect(
			inviteMembers(db, organisationId, adminId, header, rows, 'hash', plan.fingerprint)
		).toEqual({
			ok: false,
			reason: 'refused_rows'
		});

		const good = rows.slice(0, 3);
		const goodPlan = planMembers(db, organisationId, header, good, 'hash');
		const outcome = inviteMembers(
			db,
			organisationId,
			adminId,
			header,
			good,
			'hash',
			goodPlan.fingerprint
		);
		expect(outcome).toMatchObject({ ok: true, existing: 2 });
		expect(listOpenInvitations(db, organisationId).map((i) => i.note)).toContain(
			'Leitung Jobcenter <jobcenter@kreis.example>'
		);
		expect(listBodyMembers(db, bodyId).map((member) => member.name)).toContain('Leitung Jobcenter');
		// Importing the same list again invites nobody twice.
		const again = planMembers(db, organisationId, header, good, 'hash');
		expect(again.counts).toEqual({ invite: 0, existing: 3, refused: 0 });
	});

	it('needs a name and an e-mail column', () => {
		const plan = planMembers(db, organisationId, ['Wer', 'Rolle'], rowsFrom([['A', '']]), 'h');
		expect(plan.problems).toHaveLength(2);
		expect(plan.rows).toEqual([]);
	});
});
