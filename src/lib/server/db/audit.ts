/**
 * The audit log's machinery: who is writing (a request's staff member, a moderator's socket, a
 * CLI, the demo seed), kept in an AsyncLocalStorage store, and SQLite triggers, generated from
 * the drizzle schema for every connection, that copy each staff write into `audit_log`.
 *
 * better-sqlite3 runs statements synchronously, so the SQL functions the triggers call
 * (`audit_kind()` …) read the store of the code that ran the statement. Without a store
 * (participants' phones, the login form) nothing is logged. The triggers are TEMP: they live in
 * the connection that registered the functions, so a connection without them (the sqlite3
 * shell, a backup) can still write. The triggers that keep `audit_log` append-only are not
 * TEMP: they guard the file for every connection.
 *
 * This sits in db/ rather than audit/ because opening a connection installs it, and audit/
 * (reading the log) imports db.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { getTableConfig, SQLiteTable, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { is } from 'drizzle-orm';
import type { AuditActorKind } from '../../domain';
import * as schema from './schema';

export interface AuditContext {
	actorKind: AuditActorKind;
	/** The signed-in account, if any (a CLI or the demo seed has none). */
	actorUserId: number | null;
	actorName: string;
	/**
	 * An account this very request creates (set-up, accepting an invitation with a new account):
	 * once inserted, it is the actor of the request's later writes.
	 */
	actorEmail?: string;
	/** The organisation and process the request works in, once the guard has resolved them. */
	organisationId: number | null;
	processId: number | null;
	/** The route and form action, or the live message, that writes. */
	path: string;
}

const store = new AsyncLocalStorage<AuditContext>();

/** Runs `work` (and whatever it awaits) as `context`: its writes to staff tables are logged. */
export function runAudited<T>(context: AuditContext, work: () => T): T {
	return store.run(context, work);
}

/** Runs `work` unlogged, e.g. a timer started during a request that must not inherit it. */
export function runUnaudited<T>(work: () => T): T {
	return store.exit(work);
}

/** How the log names a request: method, route and form action (never the URL: it may hold a token). */
export function requestAuditPath(method: string, routeId: string | null, url: URL): string {
	const action = url.search.startsWith('?/') ? url.search.split('&')[0] : '';
	return `${method} ${routeId ?? ''}${action}`;
}

/** A request by someone without an account yet, who creates one (set-up, an invitation). */
export function newAccountAuditContext(
	account: { name: string; email: string },
	path: string
): AuditContext {
	return {
		actorKind: 'user',
		actorUserId: null,
		actorName: account.name,
		actorEmail: account.email.trim().toLowerCase(),
		organisationId: null,
		processId: null,
		path
	};
}

export function currentAuditContext(): AuditContext | undefined {
	return store.getStore();
}

/** Records the organisation and process a request turned out to work in (see guard.ts). */
export function noteAuditScope(scope: { organisationId?: number; processId?: number }) {
	const context = store.getStore();
	if (!context) return;
	if (scope.organisationId !== undefined) context.organisationId = scope.organisationId;
	if (scope.processId !== undefined) context.processId = scope.processId;
}

/**
 * What is logged of each table. Every table needs a decision here (a test fails otherwise);
 * a table missing from it is logged in full.
 * - `all`: inserts, updates and deletes.
 * - `changes`: updates and deletes only (ideas are inserted by phones, changed by moderators).
 * - `excluded`: nothing, with the reason.
 */
export const auditPolicy = {
	organisation: 'all',
	membership: 'all',
	process_membership: 'all',
	invitation: 'all',
	// An administrator's reset link for a member; its secret hash is never copied.
	password_reset: 'all',
	process: 'all',
	phase: 'all',
	field_of_action: 'all',
	guideline: 'all',
	body: 'all',
	body_seat: 'all',
	body_member: 'all',
	event: 'all',
	agenda_item: 'all',
	event_attendee: 'all',
	activity: 'all',
	cluster: 'all',
	idea: 'changes',
	goal: 'all',
	measure: 'all',
	measure_source: 'all',
	measure_idea: 'all',
	measure_party: 'all',
	measure_cost: 'all',
	measure_field: 'all',
	measure_guideline: 'all',
	project: 'all',
	minutes: 'all',
	minutes_item: 'all',
	minutes_approval: 'all',
	concept_version: 'all',
	adoption_step: 'all',
	adoption_step_correction: 'all',
	starter_measure: 'all',
	concept_comment: 'all',
	measure_update: 'all',
	indicator: 'all',
	indicator_value: 'all',
	report_narrative: 'all',
	topic: 'all',
	topic_item: 'all',
	// Accounts: who was invited in, renamed, or changed a password (as a fact, never the hash);
	// an organisation's log shows the accounts of its members (audit/log.ts).
	user: 'all',
	// Who uploaded which file for an import; the file itself is a blob, never copied.
	import_upload: 'all',
	// Council papers and annexes: who attached which file (name, type, size, SHA-256), never the bytes.
	attachment: 'all',
	// The start page's sign-language video: who uploaded or removed it, never the bytes.
	sign_video: 'all',
	sign_video_chunk: { excluded: "the sign-language video's bytes; sign_video logs the upload" },
	public_comment_period: 'all',
	// Comments are written by the public; staff publish, reject and answer them.
	public_comment: 'changes',
	// The outbox is a log of its own; the sender is an organisation setting staff change.
	notification: { excluded: 'the outbox is itself the record of what was sent' },
	notification_sender: 'all',
	notification_setting: { excluded: "a user's own mail preferences, not records" },
	notification_opt_out: { excluded: "a user's own mail preferences, not records" },
	minutes_submitter: { excluded: 'whom to tell of an approval; minutes logs the submission' },
	questionnaire: 'all',
	questionnaire_question: 'all',
	questionnaire_option: 'all',
	// Phones write without an audit store; staff typing in a paper form are logged.
	questionnaire_response: 'all',
	questionnaire_answer: { excluded: 'anonymous answers; the response row logs paper entries' },
	session: { excluded: 'sign-ins, not records; holds token hashes' },
	participant: { excluded: "participants' phones; holds device token hashes" },
	dot: { excluded: "participants' votes: high volume, and not staff writes" },
	applied_write: { excluded: "participants' write ids" },
	audit_log: { excluded: 'the log itself' },
	// An FTS5 table outside the drizzle schema (drizzle/0014_measure_search.sql).
	measure_search: { excluded: "derived: the measures' search index, kept in step by triggers" }
} as const satisfies Record<string, 'all' | 'changes' | { excluded: string }>;

type AuditRule = (typeof auditPolicy)[keyof typeof auditPolicy];

/** The field an update of a password or key logs instead of the value: true when it changed. */
export const credentialsChanged = 'credentials_changed';

/** Columns never copied into the log: hashes and tokens (and blobs, which JSON cannot hold). */
export function isSecretColumn(column: AnySQLiteColumn): boolean {
	return (
		/(^|_)(hash|secret|token|password)(_|$)/.test(column.name) || column.getSQLType() === 'blob'
	);
}

export const schemaTables: SQLiteTable[] = (Object.values(schema) as unknown[]).filter(
	(value): value is SQLiteTable => is(value, SQLiteTable)
);

const tablesByName = new Map(schemaTables.map((t) => [getTableConfig(t).name, t]));

export function ruleOf(tableName: string): AuditRule {
	return (auditPolicy as Record<string, AuditRule>)[tableName] ?? 'all';
}

/** The columns of a table that the log copies. */
export function auditedColumns(tableName: string): string[] {
	const table = tablesByName.get(tableName);
	if (!table) return [];
	return getTableConfig(table)
		.columns.filter((column) => !isSecretColumn(column))
		.map((column) => column.name);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

interface Scope {
	process: string | null;
	organisation: string | null;
}

/**
 * SQL for the process and organisation of a row, following its foreign keys up to `process` or
 * `organisation` (shortest path, required keys first). `ref` names a column of the row.
 */
function scopeOf(
	table: SQLiteTable,
	ref: (column: string) => string,
	depth = 0,
	seen = new Set<string>()
): { scope: Scope; depth: number } | null {
	const config = getTableConfig(table);
	const names = new Set(config.columns.map((c) => c.name));
	if (config.name === 'organisation')
		return { scope: { process: null, organisation: ref('id') }, depth };
	if (config.name === 'process') {
		return { scope: { process: ref('id'), organisation: ref('organisation_id') }, depth };
	}
	const references = config.foreignKeys.map((fk) => fk.reference());
	const toTable = (name: string) =>
		references.find((r) => r.columns.length === 1 && getTableConfig(r.foreignTable).name === name);
	const direct = toTable('process');
	const organisation = toTable('organisation');
	if (direct) {
		const process = ref(direct.columns[0]!.name);
		const ofProcess = `(SELECT organisation_id FROM process WHERE id = ${process})`;
		return {
			scope: {
				process,
				// A row that may name a process (an invitation to one process) names its organisation.
				organisation: organisation
					? `COALESCE(${ofProcess}, ${ref(organisation.columns[0]!.name)})`
					: ofProcess
			},
			depth
		};
	}
	if (organisation && names.has(organisation.columns[0]!.name)) {
		return { scope: { process: null, organisation: ref(organisation.columns[0]!.name) }, depth };
	}
	if (depth >= 4) return null;
	const candidates = references
		.filter((r) => r.columns.length === 1 && r.foreignColumns.length === 1)
		.filter((r) => !seen.has(getTableConfig(r.foreignTable).name) && r.foreignTable !== table)
		.sort((a, b) => Number(b.columns[0]!.notNull) - Number(a.columns[0]!.notNull));
	let best: { scope: Scope; depth: number } | null = null;
	for (const reference of candidates) {
		const parent = reference.foreignTable;
		const parentName = getTableConfig(parent).name;
		const alias = `a${depth + 1}`;
		const found = scopeOf(
			parent,
			(column) => `${alias}.${quote(column)}`,
			depth + 1,
			new Set([...seen, config.name])
		);
		if (!found || (best && found.depth >= best.depth)) continue;
		const lookup = (expression: string | null) =>
			expression === null
				? null
				: `(SELECT ${expression} FROM ${quote(parentName)} AS ${alias} WHERE ${alias}.${quote(reference.foreignColumns[0]!.name)} = ${ref(reference.columns[0]!.name)})`;
		best = {
			scope: {
				process: lookup(found.scope.process),
				organisation: lookup(found.scope.organisation)
			},
			depth: found.depth
		};
	}
	return best;
}

/** SQL for a row's id: its primary key, or the columns of a composite key joined by ":". */
function rowIdOf(table: SQLiteTable, ref: (column: string) => string): string {
	const config = getTableConfig(table);
	const single = config.columns.filter((c) => c.primary);
	const columns = single.length > 0 ? single : (config.primaryKeys[0]?.columns ?? []);
	if (columns.length === 0) return `CAST(${ref('rowid')} AS TEXT)`;
	return columns.map((c) => `CAST(${ref(c.name)} AS TEXT)`).join(` || ':' || `);
}

const operations = [
	{ name: 'insert', event: 'INSERT', row: 'NEW' },
	{ name: 'update', event: 'UPDATE', row: 'NEW' },
	{ name: 'delete', event: 'DELETE', row: 'OLD' }
] as const;

/** The statements that (re)create the TEMP triggers of one table. */
export function triggerStatements(table: SQLiteTable): string[] {
	const config = getTableConfig(table);
	const rule = ruleOf(config.name);
	if (typeof rule === 'object') return [];
	const columns = auditedColumns(config.name);
	const booleans = new Set(
		config.columns.filter((c) => c.columnType === 'SQLiteBoolean').map((c) => c.name)
	);
	// Booleans as JSON true/false rather than SQLite's 0/1, so the log can say "yes" and "no".
	const value = (row: 'OLD' | 'NEW', column: string) =>
		booleans.has(column)
			? `json(CASE WHEN ${row}.${quote(column)} IS NULL THEN 'null' WHEN ${row}.${quote(column)} THEN 'true' ELSE 'false' END)`
			: `${row}.${quote(column)}`;
	// A changed password or key is logged as the fact that it changed, never as its value.
	const secrets = config.columns.filter(isSecretColumn).map((c) => c.name);
	const secretChanged = secrets.map((c) => `OLD.${quote(c)} IS NOT NEW.${quote(c)}`).join(' OR ');
	const json = (row: 'OLD' | 'NEW', operation: 'insert' | 'update' | 'delete') => {
		const entries = columns.map((c) => `${literal(c)}, ${value(row, c)}`);
		if (operation === 'update' && secrets.length > 0) {
			const changed =
				row === 'OLD' ? "'false'" : `CASE WHEN ${secretChanged} THEN 'true' ELSE 'false' END`;
			entries.push(`${literal(credentialsChanged)}, json(${changed})`);
		}
		return `json_object(${entries.join(', ')})`;
	};
	return operations
		.filter((operation) => rule === 'all' || operation.name !== 'insert')
		.flatMap(({ name, event, row }) => {
			const ref = (column: string) => `${row}.${quote(column)}`;
			const scope = scopeOf(table, ref)?.scope ?? { process: null, organisation: null };
			const changed =
				name === 'update'
					? ` AND (${[...columns, ...secrets].map((c) => `OLD.${quote(c)} IS NOT NEW.${quote(c)}`).join(' OR ')})`
					: '';
			const trigger = quote(`audit_${config.name}_${name}`);
			// An organisation's own rows (members, invitations) belong to no process.
			const process =
				scope.process === null ? 'NULL' : `COALESCE(${scope.process}, audit_process())`;
			return [
				`DROP TRIGGER IF EXISTS temp.${trigger}`,
				`CREATE TEMP TRIGGER ${trigger} AFTER ${event} ON ${quote(config.name)}
WHEN audit_kind() IS NOT NULL${changed}
BEGIN
	INSERT INTO audit_log (actor_user_id, actor_name, actor_kind, organisation_id, process_id,
		table_name, row_id, operation, before, after, path)
	VALUES (COALESCE((SELECT id FROM "user" WHERE id = audit_actor()),
			(SELECT id FROM "user" WHERE email = audit_actor_email())),
		audit_actor_name(), audit_kind(),
		COALESCE(${scope.organisation ?? 'NULL'}, audit_organisation()), ${process},
		${literal(config.name)}, ${rowIdOf(table, ref)}, ${literal(name)},
		${name === 'insert' ? 'NULL' : json('OLD', name)}, ${name === 'delete' ? 'NULL' : json('NEW', name)},
		audit_path());
END`
			];
		});
}

/**
 * The append-only guard. The one change allowed: the account of an entry set to NULL when the
 * account is deleted (its foreign key's ON DELETE SET NULL), the name staying as it was.
 */
function guardStatements(): { name: string; sql: string }[] {
	const others = auditedColumns('audit_log').filter((c) => c !== 'actor_user_id');
	const onlyAccountCleared = [
		'NEW.actor_user_id IS NULL',
		...others.map((c) => `NEW.${quote(c)} IS OLD.${quote(c)}`)
	].join(' AND ');
	return [
		{
			name: 'audit_log_append_only_update',
			sql: `CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
WHEN NOT (${onlyAccountCleared})
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END`
		},
		{
			name: 'audit_log_append_only_delete',
			sql: `CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END`
		}
	];
}

/** Registers the context functions and creates the triggers on a freshly migrated connection. */
export function installAudit(sqlite: Database.Database) {
	const context = () => store.getStore();
	const options = { deterministic: false, varargs: false };
	sqlite.function('audit_kind', options, () => context()?.actorKind ?? null);
	sqlite.function('audit_actor', options, () => context()?.actorUserId ?? null);
	sqlite.function('audit_actor_email', options, () => context()?.actorEmail ?? null);
	sqlite.function('audit_actor_name', options, () => context()?.actorName ?? null);
	sqlite.function('audit_organisation', options, () => context()?.organisationId ?? null);
	sqlite.function('audit_process', options, () => context()?.processId ?? null);
	sqlite.function('audit_path', options, () => context()?.path ?? '');

	const existing = sqlite.prepare<[string], { sql: string }>(
		"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?"
	);
	sqlite.transaction(() => {
		// Written only when missing or outdated: every connection opens through here.
		for (const guard of guardStatements()) {
			if (existing.get(guard.name)?.sql === guard.sql) continue;
			sqlite.exec(`DROP TRIGGER IF EXISTS ${guard.name}`);
			sqlite.exec(guard.sql);
		}
		for (const table of schemaTables) {
			for (const statement of triggerStatements(table)) sqlite.exec(statement);
		}
	})();
}
