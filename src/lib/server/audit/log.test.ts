import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	createMember,
	createTestDb,
	createTestEvent,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import { addMember } from '../organisations/organisations';
import { runAudited, type AuditContext } from '../db/audit';
import type { Db } from '../db';
import * as table from '../db/schema';
import { auditCsv } from './csv';
import { parseAuditFilters } from './filters';
import { existingRecords, fieldChanges, listAuditEntries, noAuditFilters } from './log';

const as = (user: table.User): AuditContext => ({
	actorKind: 'user',
	actorUserId: user.id,
	actorName: user.name,
	organisationId: null,
	processId: null,
	path: 'test'
});

async function twoProcesses(db: Db) {
	const organisation = createTestOrganisation(db, 'Landkreis Konstanz');
	const admin = await createMember(db, organisation.id, 'admin');
	// A name a spreadsheet would run as a formula, for the CSV export.
	const owner = await createTestUser(db, { name: '=SUMME(1;2)' });
	addMember(db, organisation.id, owner.id, 'process_owner');
	const first = runAudited(as(admin), () => createTestEvent(db, organisation.id, 'Fachkonferenz'));
	const second = runAudited(as(owner), () =>
		createTestEvent(db, organisation.id, 'Zukunftskonferenz')
	);
	runAudited(as(owner), () =>
		db
			.update(table.event)
			.set({ place: '=HYPERLINK("http://böse.example")' })
			.where(eq(table.event.id, second.event.id))
			.run()
	);
	return { organisation, admin, owner, first, second };
}

const filters = (query: string, processes: { id: number; slug: string }[] = []) =>
	parseAuditFilters(new URLSearchParams(query), processes);

describe('reading the filters from the URL', () => {
	it('reads German and ISO dates, a process by its slug, and the rest', () => {
		const parsed = filters(
			'process=fortschreibung&person=7&kind=measure&action=update&from=1.3.2026&to=2026-03-31&q=+Jobcafé+',
			[{ id: 4, slug: 'fortschreibung' }]
		);
		expect(parsed.errors).toEqual({});
		expect(parsed.filters).toEqual({
			processId: 4,
			actorUserId: 7,
			tableName: 'measure',
			operation: 'update',
			from: '2026-03-01',
			to: '2026-03-31',
			text: 'Jobcafé'
		});
	});

	it('answers bad input with a message per field and no filters, never an exception', () => {
		const parsed = filters(
			'process=anderswo&person=x&kind=session&action=drop&from=31.02.2026&to=morgen&q=' +
				'a'.repeat(201)
		);
		expect(Object.keys(parsed.errors).sort()).toEqual(
			['action', 'from', 'kind', 'person', 'process', 'q', 'to'].sort()
		);
		expect(parsed.filters).toEqual(noAuditFilters);
		expect(filters('from=2026-04-02&to=1.4.2026').errors).toEqual({
			to: expect.stringMatching(/Bis-Datum|"to" date/)
		});
		expect(filters('before=12').before).toBe(12);
		expect(filters('before=-1').before).toBeNull();
	});
});

describe('listing an organisation’s log', () => {
	it('filters by process, person, kind, action, day and text', async () => {
		const db = createTestDb();
		const { organisation, admin, owner, first, second } = await twoProcesses(db);
		const list = (change: Partial<typeof noAuditFilters>) =>
			listAuditEntries(db, organisation.id, { ...noAuditFilters, ...change }).entries;

		const all = list({});
		expect(all.length).toBeGreaterThanOrEqual(5);
		expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
		expect(
			list({ processId: first.process.id }).every((e) => e.processId === first.process.id)
		).toBe(true);
		expect(list({ actorUserId: admin.id }).every((e) => e.actorUserId === admin.id)).toBe(true);
		expect(list({ actorUserId: owner.id }).length).toBeGreaterThan(0);
		expect(
			list({ tableName: 'event' })
				.map((e) => e.rowId)
				.sort()
		).toEqual([String(first.event.id), String(second.event.id), String(second.event.id)].sort());
		expect(list({ operation: 'update' })).toMatchObject([
			{ tableName: 'event', rowId: String(second.event.id) }
		]);
		expect(list({ text: 'HYPERLINK' })).toHaveLength(1);
		expect(list({ text: '100%' })).toEqual([]);
		// A record's number finds it (and whatever else holds the digits).
		expect(
			list({ text: String(first.event.id), tableName: 'event' }).map((e) => e.rowId)
		).toContain(String(first.event.id));
		expect(list({ from: '2000-01-01', to: '2000-12-31' })).toEqual([]);
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
			new Date()
		);
		expect(list({ from: today, to: today })).toHaveLength(all.length);
	});

	it('pages newest first by keyset, and never shows another organisation’s entries', async () => {
		const db = createTestDb();
		const { organisation } = await twoProcesses(db);
		const other = await twoProcesses(db);
		const all = listAuditEntries(db, organisation.id, noAuditFilters).entries;
		const first = listAuditEntries(db, organisation.id, noAuditFilters, null, 2);
		expect(first.entries).toEqual(all.slice(0, 2));
		const second = listAuditEntries(db, organisation.id, noAuditFilters, first.next, 2);
		expect(second.entries).toEqual(all.slice(2, 4));
		const otherIds = new Set(
			listAuditEntries(db, other.organisation.id, noAuditFilters).entries.map((e) => e.id)
		);
		expect(all.some((e) => otherIds.has(e.id))).toBe(false);
		expect(all.every((e) => e.organisationId === organisation.id)).toBe(true);
	});

	it('shows an edit as the fields it changed, and links only records that still exist', async () => {
		const db = createTestDb();
		const { organisation, second } = await twoProcesses(db);
		const [update] = listAuditEntries(db, organisation.id, {
			...noAuditFilters,
			operation: 'update'
		}).entries;
		expect(fieldChanges(update!)).toEqual([
			{ field: 'place', before: '', after: '=HYPERLINK("http://böse.example")' }
		]);
		expect(existingRecords(db, [update!]).has(`event:${second.event.id}`)).toBe(true);
		db.delete(table.event).where(eq(table.event.id, second.event.id)).run();
		expect(existingRecords(db, [update!]).size).toBe(0);
	});
});

describe('the CSV export', () => {
	it('holds the entries given, with cells that look like formulas defused', async () => {
		const db = createTestDb();
		const { organisation, first } = await twoProcesses(db);
		const entries = listAuditEntries(db, organisation.id, {
			...noAuditFilters,
			operation: 'update'
		}).entries;
		const csv = auditCsv(entries, new Map([[first.process.id, 'Integrationskonzept']]));
		const lines = csv
			.replace(/^\uFEFF/, '')
			.split('\r\n')
			.filter(Boolean);
		expect(lines).toHaveLength(1 + entries.length);
		expect(lines[0]).toMatch(/^Zeitpunkt;Person;|^When;Person;/);
		expect(csv).toMatch(/Ort: |Place: /);
		expect(csv).toContain(`;"'=SUMME(1;2)";`);
		expect(csv).not.toMatch(/(^|;|\n)"?=/);
	});
});

describe('accounts in an organisation’s log', () => {
	it('show its members’ account changes, a new password as a fact, and no other account', async () => {
		const db = createTestDb();
		const ours = createTestOrganisation(db, 'Landkreis Lörrach');
		const theirs = createTestOrganisation(db, 'Landkreis Wittmund');
		const member = await createMember(db, ours.id, 'moderator');
		const stranger = await createMember(db, theirs.id, 'moderator');
		for (const person of [member, stranger]) {
			runAudited(as(person), () =>
				db
					.update(table.user)
					.set({ name: `${person.name} (neu)`, passwordHash: 'anders' })
					.where(eq(table.user.id, person.id))
					.run()
			);
		}
		const { entries } = listAuditEntries(db, ours.id, noAuditFilters);
		const accounts = entries.filter((entry) => entry.tableName === 'user');
		expect(accounts.map((entry) => entry.rowId)).toEqual([String(member.id)]);
		expect(fieldChanges(accounts[0]!)).toEqual([
			{ field: 'name', before: member.name, after: `${member.name} (neu)` },
			{ field: 'credentials_changed', before: false, after: true }
		]);
		expect(JSON.stringify(accounts)).not.toContain('anders');
	});
});
