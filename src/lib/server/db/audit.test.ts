import { eq } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import {
	createMember,
	createTestDb,
	createTestEvent,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import { auditChoiceLabel, auditTableNames } from '../../audit-labels';
import { createMeasure, updateMeasure, type MeasureInput } from '../concept/measures';
import { createInvitation } from '../organisations/invitations';
import { addField } from '../process/fields';
import { createActivity, moveToStage } from '../workshop/activities';
import { setIdeaHidden, submitIdea } from '../workshop/ideas';
import { joinEvent } from '../workshop/participants';
import { placeDot } from '../workshop/votes';
import { auditedColumns, auditPolicy, runAudited, schemaTables, type AuditContext } from './audit';
import type { Db } from './index';
import * as table from './schema';

const tableNames = schemaTables.map((t) => getTableConfig(t).name);
const audited = tableNames.filter(
	(name) => typeof auditPolicy[name as keyof typeof auditPolicy] !== 'object'
);

function staff(user: table.User, scope: Partial<AuditContext> = {}): AuditContext {
	return {
		actorKind: 'user',
		actorUserId: user.id,
		actorName: user.name,
		organisationId: null,
		processId: null,
		path: 'test',
		...scope
	};
}

const entries = (db: Db) => db.select().from(table.auditLog).orderBy(table.auditLog.id).all();

const measureInput = (fieldOfActionId: number, title: string): MeasureInput => ({
	fieldOfActionId,
	goalId: null,
	title,
	description: '',
	lead: 'Jobcenter',
	timeframe: 'short',
	costEstimate: '',
	funding: 'open',
	priority: 'medium',
	status: 'proposed'
});

async function workshopWithIdea(db: Db) {
	const organisation = createTestOrganisation(db);
	const moderator = await createMember(db, organisation.id, 'moderator');
	const { process, event } = createTestEvent(db, organisation.id);
	const activity = createActivity(db, event.id, {
		question: 'Was fehlt?',
		fieldOfActionId: null,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 3,
		namedIdeas: false
	});
	const phone = joinEvent(db, event.id, { displayName: null, category: null, locale: 'de' });
	const idea = submitIdea(db, activity, {
		participantId: phone.participant.id,
		clientId: 'a',
		text: 'Sprachcafé am Abend',
		language: 'de'
	});
	if (!idea.ok) throw new Error(idea.error);
	return { organisation, moderator, process, event, activity, phone, idea: idea.value.idea };
}

describe('which tables the audit log covers', () => {
	it('has a decision for every table of the database, and for no other', () => {
		const db = createTestDb();
		// Virtual tables (full-text search) are not in the drizzle schema; their shadow tables
		// and SQLite's and drizzle's own are no records.
		const tables = db.$client
			.prepare<[], { name: string }>(
				"SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'"
			)
			.all()
			.map((row) => row.name);
		expect(tables).toEqual(expect.arrayContaining(tableNames));
		expect(Object.keys(auditPolicy).sort()).toEqual([...tables].sort());
	});

	it('names every audited table in the reader’s words', () => {
		expect([...auditTableNames].sort()).toEqual([...audited].sort());
	});

	it('shows every stored choice in the reader’s words, not as its code', () => {
		let choices = 0;
		for (const audited of schemaTables) {
			const config = getTableConfig(audited);
			const copied = new Set(auditedColumns(config.name));
			if (typeof auditPolicy[config.name as keyof typeof auditPolicy] === 'object') continue;
			for (const column of config.columns.filter((c) => copied.has(c.name))) {
				for (const value of column.enumValues ?? []) {
					choices += 1;
					expect(
						auditChoiceLabel(config.name, column.name, value),
						`${config.name}.${column.name}=${value}`
					).toBeTruthy();
				}
			}
		}
		expect(choices).toBeGreaterThan(50);
	});

	it('has triggers on every audited table, none on participants’ high-volume tables', () => {
		const db = createTestDb();
		const triggers = db.$client
			.prepare<[], { name: string; tbl_name: string }>(
				"SELECT name, tbl_name FROM sqlite_temp_master WHERE type = 'trigger'"
			)
			.all();
		const on = (name: string) => triggers.filter((t) => t.tbl_name === name).map((t) => t.name);
		for (const name of audited) {
			const operations =
				auditPolicy[name as keyof typeof auditPolicy] === 'changes'
					? ['update', 'delete']
					: ['insert', 'update', 'delete'];
			expect(on(name).sort(), name).toEqual(operations.map((o) => `audit_${name}_${o}`).sort());
		}
		for (const name of ['dot', 'participant', 'applied_write', 'session', 'audit_log']) {
			expect(on(name), name).toEqual([]);
		}
	});

	it('never copies a column that holds a secret', () => {
		for (const name of tableNames) {
			for (const column of auditedColumns(name)) {
				expect(column).not.toMatch(/hash|secret|token|password/);
			}
		}
		expect(auditedColumns('invitation')).not.toContain('secret_hash');
		expect(auditedColumns('invitation')).toContain('note');
	});
});

describe('what the audit log records', () => {
	it('records a staff edit with who, where, and the fields before and after', async () => {
		const db = createTestDb();
		const organisation = createTestOrganisation(db);
		const owner = await createMember(db, organisation.id, 'process_owner');
		const { process } = createTestEvent(db, organisation.id);
		addField(db, process.id, { code: '1', title: 'Arbeit', description: '' });
		const fieldId = db
			.select()
			.from(table.fieldOfAction)
			.where(eq(table.fieldOfAction.processId, process.id))
			.get()!.id;
		expect(entries(db)).toEqual([]);

		const context = staff(owner, { organisationId: organisation.id, path: 'POST /measures' });
		const measure = runAudited(context, () =>
			createMeasure(db, process.id, measureInput(fieldId, 'Jobcafé'))
		)!;
		runAudited(context, () =>
			updateMeasure(db, process.id, measure.id, {
				...measureInput(fieldId, 'Jobcafé mit Ehrenamtlichen'),
				status: 'agreed'
			})
		);

		const log = entries(db);
		expect(log.map((e) => [e.tableName, e.operation])).toEqual([
			['measure', 'insert'],
			['measure', 'update']
		]);
		const [created, updated] = log as [table.AuditLogEntry, table.AuditLogEntry];
		expect(created).toMatchObject({
			actorUserId: owner.id,
			actorName: owner.name,
			actorKind: 'user',
			organisationId: organisation.id,
			processId: process.id,
			rowId: String(measure.id),
			before: null,
			path: 'POST /measures'
		});
		expect(JSON.parse(created.after!)).toMatchObject({ title: 'Jobcafé', status: 'proposed' });
		expect(JSON.parse(updated.before!)).toMatchObject({ title: 'Jobcafé', status: 'proposed' });
		expect(JSON.parse(updated.after!)).toMatchObject({
			title: 'Jobcafé mit Ehrenamtlichen',
			status: 'agreed'
		});
	});

	it('finds the organisation and process of a row from its foreign keys', async () => {
		const db = createTestDb();
		const { organisation, moderator, process, activity, idea } = await workshopWithIdea(db);
		// The context names no organisation: the trigger follows idea → activity → event → process.
		runAudited(staff(moderator), () => setIdeaHidden(db, activity, idea.id, true));
		const [entry] = entries(db);
		expect(entry).toMatchObject({
			tableName: 'idea',
			operation: 'update',
			organisationId: organisation.id,
			processId: process.id
		});
		expect(JSON.parse(entry!.before!).hidden).toBe(false);
		expect(JSON.parse(entry!.after!).hidden).toBe(true);
	});

	it('logs nothing of participants: phones, ideas as submitted, dots', async () => {
		const db = createTestDb();
		const { moderator, event, phone, idea, ...workshop } = await workshopWithIdea(db);
		let activity = workshop.activity;
		// Even inside a staff member's request, participants' tables have no triggers.
		runAudited(staff(moderator), () => {
			const second = joinEvent(db, event.id, { displayName: 'Gast', category: null, locale: 'de' });
			submitIdea(db, activity, {
				participantId: second.participant.id,
				clientId: 'b',
				text: 'Mehr Kita-Plätze',
				language: 'de'
			});
		});
		for (const stage of ['clustering', 'voting'] as const) {
			const moved = moveToStage(db, activity, stage);
			if (!moved.ok) throw new Error(moved.error);
			activity = moved.value;
		}
		placeDot(db, activity, phone.participant.id, 'd1', { kind: 'idea', id: idea.id });
		expect(entries(db)).toEqual([]);
	});

	it('logs nothing without a context (a participant’s request, the login form)', async () => {
		const db = createTestDb();
		const organisation = createTestOrganisation(db);
		createTestEvent(db, organisation.id);
		await createMember(db, organisation.id, 'admin');
		expect(entries(db)).toEqual([]);
	});

	it('keeps invitation secrets out of the log', async () => {
		const db = createTestDb();
		const organisation = createTestOrganisation(db);
		const admin = await createMember(db, organisation.id, 'admin');
		const { invitation, token } = runAudited(staff(admin), () =>
			createInvitation(db, {
				organisationId: organisation.id,
				role: 'moderator',
				note: 'Moderation Wohnen',
				createdByUserId: admin.id
			})
		);
		const stored = db
			.select()
			.from(table.invitation)
			.where(eq(table.invitation.id, invitation.id))
			.get()!;
		const [entry] = entries(db);
		expect(entry).toMatchObject({ tableName: 'invitation', organisationId: organisation.id });
		const text = JSON.stringify(entries(db));
		expect(text).toContain('Moderation Wohnen');
		expect(text).not.toContain(token.split('.').at(-1));
		expect(text).not.toContain(stored.secretHash.toString('hex'));
		expect(text).not.toContain('secret');
	});
});

describe('the audit log is append-only', () => {
	async function oneEntry() {
		const db = createTestDb();
		const organisation = createTestOrganisation(db);
		const admin = await createMember(db, organisation.id, 'admin');
		runAudited(staff(admin), () => createTestEvent(db, organisation.id));
		expect(entries(db).length).toBeGreaterThan(0);
		return { db, admin };
	}

	it('refuses to change or delete an entry', async () => {
		const { db } = await oneEntry();
		expect(() => db.update(table.auditLog).set({ actorName: 'Jemand anderes' }).run()).toThrow(
			/append-only/
		);
		expect(() => db.update(table.auditLog).set({ after: '{}' }).run()).toThrow(/append-only/);
		expect(() => db.delete(table.auditLog).run()).toThrow(/append-only/);
		expect(() => db.$client.exec('DELETE FROM audit_log')).toThrow(/append-only/);
	});

	it('lets an account be deleted: its entries keep the name, lose the link', async () => {
		const { db, admin } = await oneEntry();
		const count = entries(db).length;
		db.delete(table.user).where(eq(table.user.id, admin.id)).run();
		const log = entries(db);
		expect(log.length).toBeGreaterThanOrEqual(count);
		expect(log.every((e) => e.actorUserId === null && e.actorName === admin.name)).toBe(true);
	});

	it('names the account a request creates as the actor of its later writes', async () => {
		const db = createTestDb();
		const organisation = createTestOrganisation(db);
		const person = runAudited(
			{
				actorKind: 'user',
				actorUserId: null,
				actorName: 'Neue Moderatorin',
				actorEmail: 'neu@kreis.example',
				organisationId: null,
				processId: null,
				path: 'POST /invite/[token]?/register'
			},
			async () => {
				const user = await createTestUser(db, { email: 'neu@kreis.example' });
				db.insert(table.membership)
					.values({ organisationId: organisation.id, userId: user.id, role: 'moderator' })
					.run();
				return user;
			}
		);
		const user = await person;
		expect(entries(db)).toMatchObject([
			{ tableName: 'user', operation: 'insert', actorUserId: user.id, organisationId: null },
			{
				tableName: 'membership',
				operation: 'insert',
				actorUserId: user.id,
				organisationId: organisation.id,
				processId: null
			}
		]);
	});
});
