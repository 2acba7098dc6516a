/**
 * Backs up the app's database (DATABASE_URL) while the server runs, and checks the copy:
 *   npm run backup -- /srv/backup/mitwirken-2026-12-02.db [--force]
 * Exit codes: 0 written, 1 refused or failed (nothing left behind), 2 wrong arguments.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupDatabase, BackupError, formatBytes } from '../backup/backup';
import { appDatabaseUrl, migrationsFolder } from '../db';

const usage = 'usage: npm run backup -- <file> [--force]';

function fail(message: string, code: number): never {
	console.error(`backup: ${message}`);
	process.exit(code);
}

function readArguments() {
	try {
		const { values, positionals } = parseArgs({
			allowPositionals: true,
			options: { force: { type: 'boolean', default: false } }
		});
		if (positionals.length !== 1 || !positionals[0]!.trim()) fail(usage, 2);
		return { file: positionals[0]!, force: values.force };
	} catch (error) {
		return fail(`${(error as Error).message}\n${usage}`, 2);
	}
}

async function main() {
	const { file, force } = readArguments();
	const databasePath = resolve(appDatabaseUrl());
	if (!existsSync(databasePath)) fail(`there is no database at ${databasePath} (DATABASE_URL)`, 1);
	// Opened as it is, without migrations: the running server owns its schema.
	const source = new Database(databasePath, { fileMustExist: true, timeout: 5000 });
	console.log(`Backing up ${databasePath} to ${resolve(file)} …`);
	try {
		const result = await backupDatabase(source, file, {
			force,
			migrationsFolder,
			pagesPerStep: 2 ** 31 - 1
		});
		console.log(
			`Backup written and checked: ${result.path} (${formatBytes(result.bytes)}, ${result.migrations} migrations)`
		);
	} catch (error) {
		fail(error instanceof BackupError ? error.message : String(error), 1);
	} finally {
		source.close();
	}
}

await main();
