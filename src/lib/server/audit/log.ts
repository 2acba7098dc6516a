import { and, desc, eq, gte, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AuditOperation } from '../../domain';
import type { Db } from '../db';
import * as table from '../db/schema';
import { localToInstant } from '../time';

export interface AuditFilters {
	processId: number | null;
	actorUserId: number | null;
	tableName: string | null;
	operation: AuditOperation | null;
	/** Days in Europe/Berlin, `YYYY-MM-DD`, both included. */
	from: string | null;
	to: string | null;
	/** Found anywhere in the record's values before or after, or as its id. */
	text: string;
}

export const noAuditFilters: AuditFilters = {
	processId: null,
	actorUserId: null,
	tableName: null,
	operation: null,
	from: null,
	to: null,
	text: ''
};

export const auditPageSize = 50;
/** An export holds at most this many entries (the newest), so one request stays bounded. */
export const auditExportLimit = 20_000;

function nextDay(isoDate: string): string {
	const date = new Date(`${isoDate}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + 1);
	return date.toISOString().slice(0, 10);
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(organisationId: number, filters: AuditFilters): SQL[] {
	const log = table.auditLog;
	// Accounts belong to no organisation: each shows the changes to its members' accounts.
	const members = sql`SELECT CAST(${table.membership.userId} AS TEXT) FROM ${table.membership} WHERE ${table.membership.organisationId} = ${organisationId}`;
	const where: SQL[] = [
		or(
			eq(log.organisationId, organisationId),
			and(eq(log.tableName, 'user'), isNull(log.organisationId), sql`${log.rowId} IN (${members})`)
		)!
	];
	if (filters.processId !== null) where.push(eq(log.processId, filters.processId));
	if (filters.actorUserId !== null) where.push(eq(log.actorUserId, filters.actorUserId));
	if (filters.tableName !== null) where.push(eq(log.tableName, filters.tableName));
	if (filters.operation !== null) where.push(eq(log.operation, filters.operation));
	if (filters.from !== null) {
		where.push(gte(log.at, new Date(localToInstant(`${filters.from}T00:00`))));
	}
	if (filters.to !== null) {
		where.push(lt(log.at, new Date(localToInstant(`${nextDay(filters.to)}T00:00`))));
	}
	if (filters.text !== '') {
		const pattern = `%${escapeLike(filters.text)}%`;
		where.push(
			or(
				sql`${log.before} LIKE ${pattern} ESCAPE '\\'`,
				sql`${log.after} LIKE ${pattern} ESCAPE '\\'`,
				eq(log.rowId, filters.text)
			)!
		);
	}
	return where;
}

/**
 * One page of an organisation's log, newest first. `before` is the id of the last entry of the
 * previous page (keyset paging: pages stay stable while new entries arrive).
 */
export function listAuditEntries(
	db: Db,
	organisationId: number,
	filters: AuditFilters,
	before: number | null = null,
	limit = auditPageSize
): { entries: table.AuditLogEntry[]; next: number | null } {
	const where = conditions(organisationId, filters);
	if (before !== null) where.push(lt(table.auditLog.id, before));
	const rows = db
		.select()
		.from(table.auditLog)
		.where(and(...where))
		.orderBy(desc(table.auditLog.id))
		.limit(limit + 1)
		.all();
	const entries = rows.slice(0, limit);
	return { entries, next: rows.length > limit ? entries.at(-1)!.id : null };
}

/** Everything the filters select, newest first, for the CSV export (at most `auditExportLimit`). */
export function exportAuditEntries(db: Db, organisationId: number, filters: AuditFilters) {
	return listAuditEntries(db, organisationId, filters, null, auditExportLimit).entries;
}

/** The people who appear in an organisation's log, for the filter. */
export function auditActors(db: Db, organisationId: number) {
	return db
		.selectDistinct({ id: table.auditLog.actorUserId, name: table.user.name })
		.from(table.auditLog)
		.innerJoin(table.user, eq(table.auditLog.actorUserId, table.user.id))
		.where(
			and(eq(table.auditLog.organisationId, organisationId), isNotNull(table.auditLog.actorUserId))
		)
		.orderBy(table.user.name)
		.all()
		.map((actor) => ({ id: actor.id!, name: actor.name }));
}

export type AuditValue = string | number | boolean | null;

export interface FieldChange {
	field: string;
	before: AuditValue | undefined;
	after: AuditValue | undefined;
}

function parseRow(json: string | null): Record<string, AuditValue> {
	if (!json) return {};
	try {
		const parsed: unknown = JSON.parse(json);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as Record<string, AuditValue>)
			: {};
	} catch {
		return {};
	}
}

/**
 * What a write changed, field by field: every field of an insert or a delete, only the
 * changed ones of an update.
 */
export function fieldChanges(entry: Pick<table.AuditLogEntry, 'before' | 'after'>): FieldChange[] {
	const before = parseRow(entry.before);
	const after = parseRow(entry.after);
	const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
	return fields
		.map((field) => ({ field, before: before[field], after: after[field] }))
		.filter(
			(change) =>
				JSON.stringify(change.before ?? null) !== JSON.stringify(change.after ?? null) &&
				!(entry.before === null && change.after === null) &&
				!(entry.after === null && change.before === null)
		);
}

/** Tables whose records have a page of their own, for links from the log. */
export const linkedTables = ['measure', 'event', 'body'] as const;
export type LinkedTable = (typeof linkedTables)[number];

/** Of the records the entries name, those that still exist and have a page (`measure:12`). */
export function existingRecords(
	db: Db,
	entries: Pick<table.AuditLogEntry, 'tableName' | 'rowId'>[]
): Set<string> {
	const found = new Set<string>();
	for (const name of linkedTables) {
		const target = table[name];
		const wanted = entries
			.filter((entry) => entry.tableName === name)
			.map((entry) => Number(entry.rowId))
			.filter(Number.isInteger);
		if (wanted.length === 0) continue;
		const rows = db
			.select({ id: target.id })
			.from(target)
			.where(sql`${target.id} IN (SELECT value FROM json_each(${JSON.stringify(wanted)}))`)
			.all();
		for (const row of rows) found.add(`${name}:${row.id}`);
	}
	return found;
}
