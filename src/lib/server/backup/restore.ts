import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pidFilePath, serverPresence } from '../db/presence';
import { BackupError, syncToDisk, verifyDatabaseFile, type MigrationRow } from './backup';

/** The files SQLite keeps beside a database; they belong to it and move with it. */
const companions = ['', '-wal', '-shm', '-journal'];

/** Refuses while a server uses the database; a crashed server's pid file does not count. */
export function refuseWhileServing(databasePath: string) {
	const presence = serverPresence(databasePath);
	if (!presence.running) return presence;
	const who = presence.pid ? `the server (process ${presence.pid})` : 'another process';
	const hint =
		presence.because === 'pid-file'
			? ` If no Mitwirken server runs, delete ${pidFilePath(databasePath)}.`
			: '';
	throw new BackupError(`${who} is using ${databasePath}: stop it first.${hint}`);
}

export interface RestorePlan {
	databasePath: string;
	backupPath: string;
	/** The checked copy of the backup, beside the database, waiting to take its place. */
	stagedPath: string;
	migrations: MigrationRow[];
	/** The database there now, if any: its size and last change. */
	current: { bytes: number; modifiedAt: Date } | null;
	keptAs: string;
	stalePid: number | null;
}

/**
 * Everything a restore can check before it changes anything: no server uses the database,
 * and a copy of the backup, staged beside it, is a sound Mitwirken database this version can
 * run. The backup file itself is only read.
 */
export function prepareRestore(
	backupFile: string,
	databaseFile: string,
	options: { migrationsFolder: string; now?: Date }
): RestorePlan {
	const databasePath = resolve(databaseFile);
	const backupPath = resolve(backupFile);
	const presence = refuseWhileServing(databasePath);
	if (!existsSync(backupPath) || !statSync(backupPath).isFile()) {
		throw new BackupError(`there is no file ${backupPath}`);
	}
	if (backupPath === databasePath) throw new BackupError('the backup is the database itself');
	mkdirSync(dirname(databasePath), { recursive: true });
	const stagedPath = `${databasePath}.restoring`;
	for (const suffix of companions) rmSync(stagedPath + suffix, { force: true });
	let migrations: MigrationRow[];
	try {
		copyFileSync(backupPath, stagedPath);
		migrations = verifyDatabaseFile(stagedPath, options.migrationsFolder);
	} catch (error) {
		for (const suffix of companions) rmSync(stagedPath + suffix, { force: true });
		throw error;
	}
	const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
	const current = existsSync(databasePath) ? statSync(databasePath) : null;
	return {
		databasePath,
		backupPath,
		stagedPath,
		migrations,
		current: current && { bytes: current.size, modifiedAt: current.mtime },
		keptAs: `${databasePath}.before-restore-${stamp}`,
		stalePid: presence.stalePid
	};
}

/**
 * Moves the current database aside (with its WAL and shared-memory files, so a crashed server's
 * last writes stay with it) and puts the staged copy in its place. Checks again that no server
 * started meanwhile. Returns where the old database went, or null if there was none.
 */
export function completeRestore(plan: RestorePlan): string | null {
	refuseWhileServing(plan.databasePath);
	let kept: string | null = null;
	for (const suffix of companions) {
		if (!existsSync(plan.databasePath + suffix)) continue;
		renameSync(plan.databasePath + suffix, plan.keptAs + suffix);
		if (suffix === '') kept = plan.keptAs;
	}
	syncToDisk(plan.stagedPath);
	renameSync(plan.stagedPath, plan.databasePath);
	syncToDisk(dirname(plan.databasePath));
	if (plan.stalePid !== null) rmSync(pidFilePath(plan.databasePath), { force: true });
	return kept;
}

/** Gives up a prepared restore: removes the staged copy. */
export function abandonRestore(plan: RestorePlan) {
	for (const suffix of companions) rmSync(plan.stagedPath + suffix, { force: true });
}
