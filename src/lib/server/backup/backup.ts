import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import {
	closeSync,
	existsSync,
	fsyncSync,
	mkdirSync,
	openSync,
	renameSync,
	rmSync,
	statSync
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as v from 'valibot';

/** Why a backup or a restore did not happen, in words for the administrator. */
export class BackupError extends Error {
	override name = 'BackupError';
}

const migrationRows = v.array(
	v.object({ hash: v.string(), createdAt: v.pipe(v.number(), v.integer()) })
);
export type MigrationRow = v.InferOutput<typeof migrationRows>[number];

/** drizzle's record of the migrations applied to a file, oldest first; null if it has none. */
export function appliedMigrations(sqlite: Database.Database): MigrationRow[] | null {
	const exists = sqlite
		.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
		.get();
	if (!exists) return null;
	const rows = sqlite
		.prepare(
			'SELECT hash, created_at AS createdAt FROM __drizzle_migrations ORDER BY created_at, id'
		)
		.all();
	const parsed = v.safeParse(migrationRows, rows);
	return parsed.success ? parsed.output : null;
}

/** Tables every Mitwirken database has had since its first migration. */
const coreTables = ['user', 'organisation', 'session'];

function errorCode(error: unknown): string {
	return String((error as { code?: unknown }).code ?? '');
}

/**
 * Checks a database file that is about to become, or just became, a backup or the app's
 * database, and makes it self-contained (rollback journal instead of WAL, so it is one file).
 * Throws a BackupError saying what is wrong: not SQLite, damaged, not Mitwirken, or made by a
 * newer version of the app (it has migrations this code does not know).
 */
export function verifyDatabaseFile(
	path: string,
	migrationsFolder: string,
	options: { integrityChecked?: boolean } = {}
): MigrationRow[] {
	const newestKnown = Math.max(
		...readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis)
	);
	let sqlite: Database.Database | undefined;
	try {
		sqlite = new Database(path, { fileMustExist: true });
		sqlite.pragma('journal_mode = DELETE');
		if (!options.integrityChecked) {
			refuseDamage(sqlite.pragma(integrityCheck) as { integrity_check: string }[]);
		}
		const tables = new Set(
			(
				sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
					name: string;
				}[]
			).map((row) => row.name)
		);
		const migrations = appliedMigrations(sqlite);
		if (!migrations?.length || coreTables.some((name) => !tables.has(name))) {
			throw new BackupError('the file is an SQLite database, but not one of Mitwirken');
		}
		const newest = migrations.at(-1)!.createdAt;
		if (newest > newestKnown) {
			throw new BackupError(
				`the file comes from a newer version of Mitwirken (its newest migration is from ${new Date(newest).toISOString()}, this version's from ${new Date(newestKnown).toISOString()}); update the app first`
			);
		}
		return migrations;
	} catch (error) {
		if (error instanceof BackupError) throw error;
		const code = errorCode(error);
		if (code === 'SQLITE_NOTADB') throw new BackupError('the file is not an SQLite database');
		if (code.startsWith('SQLITE_CORRUPT')) {
			throw new BackupError(`the file is damaged (${(error as Error).message})`);
		}
		throw new BackupError(`the file cannot be read (${(error as Error).message})`);
	} finally {
		sqlite?.close();
	}
}

const integrityCheck = 'integrity_check(10)';

function refuseDamage(rows: { integrity_check: string }[]) {
	const problems = rows.map((row) => row.integrity_check);
	if (problems.join() !== 'ok') {
		throw new BackupError(`the file is damaged (integrity check: ${problems.join('; ')})`);
	}
}

// A worker of its own: the check reads every page (about 1.2 s for 68 MB on these machines), and
// in the server it would hold up every phone's vote that long.
const integrityWorker = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let sqlite;
try {
	sqlite = new Database(workerData.path, { readonly: true, fileMustExist: true });
	parentPort.postMessage({ rows: sqlite.pragma(workerData.pragma) });
} catch (error) {
	parentPort.postMessage({ failure: String(error.message), code: String(error.code ?? '') });
} finally {
	sqlite?.close();
}`;

/** SQLite's integrity check of a file, run beside the event loop; throws if the file is damaged. */
export async function checkIntegrityAside(path: string): Promise<void> {
	const worker = new Worker(integrityWorker, {
		eval: true,
		workerData: {
			driver: createRequire(import.meta.url).resolve('better-sqlite3'),
			path,
			pragma: integrityCheck
		}
	});
	type Answer = { rows: { integrity_check: string }[] } | { failure: string; code: string };
	const answer = await new Promise<Answer>((done, failed) => {
		worker.once('message', done);
		worker.once('error', failed);
		worker.once('exit', (code) => failed(new Error(`the integrity check ended with ${code}`)));
	});
	await worker.terminate();
	if ('rows' in answer) return refuseDamage(answer.rows);
	if (answer.code.startsWith('SQLITE_CORRUPT') || answer.code === 'SQLITE_NOTADB') {
		throw new BackupError(`the file is damaged (${answer.failure})`);
	}
	throw new BackupError(`the file cannot be read (${answer.failure})`);
}

/** Flushes a file, or a folder's entries (a rename), to the disk. */
export function syncToDisk(path: string) {
	const fd = openSync(path, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

export interface BackupResult {
	path: string;
	bytes: number;
	migrations: number;
	durationMs: number;
}

/**
 * Copies the open database to `target` with SQLite's online backup while the app keeps
 * writing, checks the copy, and only then gives it its name: a file at `target` is always a
 * whole, checked backup.
 *
 * `pagesPerStep`: the server backs up its own connection in small steps between requests (its
 * writes go into the copy as it proceeds); a separate process copies in one step, as another
 * connection's write would restart a stepwise copy, under steady voting again and again.
 */
export async function backupDatabase(
	source: Database.Database,
	target: string,
	options: { force?: boolean; migrationsFolder: string; pagesPerStep?: number }
): Promise<BackupResult> {
	const path = resolve(target);
	if (existsSync(path) && !options.force) {
		throw new BackupError(`${path} exists already; add --force to replace it`);
	}
	mkdirSync(dirname(path), { recursive: true });
	const partial = `${path}.partial`;
	const removePartial = () => {
		for (const suffix of ['', '-wal', '-shm', '-journal'])
			rmSync(partial + suffix, { force: true });
	};
	removePartial();
	const startedAt = performance.now();
	try {
		const pages = options.pagesPerStep;
		await (pages ? source.backup(partial, { progress: () => pages }) : source.backup(partial));
		// Journal mode first (a WAL copy is not one file), then the long check aside.
		const copy = new Database(partial, { fileMustExist: true });
		try {
			copy.pragma('journal_mode = DELETE');
		} finally {
			copy.close();
		}
		await checkIntegrityAside(partial);
		const copied = verifyDatabaseFile(partial, options.migrationsFolder, {
			integrityChecked: true
		});
		const original = appliedMigrations(source) ?? [];
		if (JSON.stringify(copied) !== JSON.stringify(original)) {
			throw new BackupError('the copy does not list the same migrations as the database');
		}
		syncToDisk(partial);
		renameSync(partial, path);
		syncToDisk(dirname(path));
		return {
			path,
			bytes: statSync(path).size,
			migrations: copied.length,
			durationMs: performance.now() - startedAt
		};
	} catch (error) {
		removePartial();
		if (error instanceof BackupError) throw error;
		throw new BackupError(`the backup failed (${(error as Error).message})`);
	}
}

/** Sizes for people: 1 decimal, binary units as `ls -h` prints them. */
export function formatBytes(bytes: number): string {
	const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
