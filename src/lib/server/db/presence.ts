import Database from 'better-sqlite3';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import * as v from 'valibot';

/**
 * Whether a server has the database open, for commands that must not run beside one (restore).
 * Two signs: the pid file a server writes beside its database and removes when it stops, and
 * SQLite's own lock. A crashed server leaves its pid file behind, but its pid is then dead and
 * its lock gone, so it does not block anything.
 */

export const pidFilePath = (databasePath: string) => `${resolve(databasePath)}.pid`;

const pidFile = v.object({
	pid: v.pipe(v.number(), v.integer(), v.minValue(1)),
	host: v.string(),
	startedAt: v.string()
});

/** Written when the app opens its database; `process.pid` unless told otherwise (tests). */
export function writePidFile(databasePath: string, pid = process.pid) {
	const content = { pid, host: hostname(), startedAt: new Date().toISOString() };
	writeFileSync(pidFilePath(databasePath), `${JSON.stringify(content)}\n`);
}

/** Removed on a graceful stop, unless another process has written it since (a restart). */
export function removePidFile(databasePath: string, pid = process.pid) {
	if (readPidFile(databasePath)?.pid === pid) rmSync(pidFilePath(databasePath), { force: true });
}

function readPidFile(databasePath: string) {
	try {
		const parsed = v.safeParse(
			pidFile,
			JSON.parse(readFileSync(pidFilePath(databasePath), 'utf8'))
		);
		return parsed.success ? parsed.output : undefined;
	} catch {
		return undefined;
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Tries SQLite's exclusive lock without waiting. Any connection to a database in WAL mode holds
 * a shared lock on the file for as long as it is open, so this fails while a server runs,
 * however idle, and succeeds once the process has gone, even if it crashed.
 */
function isLockedByAnother(databasePath: string): boolean {
	if (!existsSync(databasePath)) return false;
	let probe: Database.Database | undefined;
	try {
		probe = new Database(databasePath, { fileMustExist: true, timeout: 0 });
		probe.pragma('locking_mode = EXCLUSIVE');
		probe.exec('BEGIN EXCLUSIVE');
		probe.exec('COMMIT');
		return false;
	} catch (error) {
		if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
		// Not a database at all, or unreadable: nobody can be serving it.
		return false;
	} finally {
		probe?.close();
	}
}

export type Presence =
	| { running: true; pid: number | null; because: 'pid-file' | 'lock' }
	| { running: false; stalePid: number | null };

export function serverPresence(databasePath: string): Presence {
	const written = readPidFile(databasePath);
	const sameHost = written?.host === hostname();
	const livePid = written && sameHost && isAlive(written.pid) ? written.pid : null;
	if (isLockedByAnother(databasePath)) return { running: true, pid: livePid, because: 'lock' };
	// A server between starting and opening its database, or a pid reused after a crash: the
	// message names the file, so that an administrator can remove it in the second case.
	if (livePid !== null && livePid !== process.pid) {
		return { running: true, pid: livePid, because: 'pid-file' };
	}
	return { running: false, stalePid: written && livePid === null ? written.pid : null };
}
