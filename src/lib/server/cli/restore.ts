/**
 * Puts a backup in place of the app's database (DATABASE_URL), only while no server runs:
 *   npm run restore -- /srv/backup/mitwirken-2026-12-02.db [--yes]
 * Checks the backup first, keeps the current database beside it under a dated name, and asks
 * before it replaces anything (`--yes` answers for scripts).
 * Exit codes: 0 restored, 1 refused (nothing changed), 2 wrong arguments or not confirmed.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { BackupError, formatBytes } from '../backup/backup';
import {
	abandonRestore,
	completeRestore,
	prepareRestore,
	type RestorePlan
} from '../backup/restore';
import { appDatabaseUrl, migrationsFolder } from '../db';

const usage = 'usage: npm run restore -- <file> [--yes]';

function fail(message: string, code: number): never {
	console.error(`restore: ${message}`);
	process.exit(code);
}

function readArguments() {
	try {
		const { values, positionals } = parseArgs({
			allowPositionals: true,
			options: { yes: { type: 'boolean', default: false } }
		});
		if (positionals.length !== 1 || !positionals[0]!.trim()) fail(usage, 2);
		return { file: positionals[0]!, yes: values.yes };
	} catch (error) {
		return fail(`${(error as Error).message}\n${usage}`, 2);
	}
}

function describe(plan: RestorePlan) {
	const newest = new Date(plan.migrations.at(-1)!.createdAt).toISOString().slice(0, 10);
	console.log(
		`Backup ${plan.backupPath}: checked, sound, ${plan.migrations.length} migrations (newest of ${newest}).`
	);
	if (plan.current) {
		console.log(
			`It replaces ${plan.databasePath} (${formatBytes(plan.current.bytes)}, last changed ${plan.current.modifiedAt.toISOString()}),`
		);
		console.log(`which is kept as ${plan.keptAs}.`);
	} else {
		console.log(`It becomes ${plan.databasePath} (there is no database there yet).`);
	}
	if (plan.stalePid !== null) {
		console.log(
			`The server (process ${plan.stalePid}) did not stop cleanly; it is not running now.`
		);
	}
}

async function confirmed(plan: RestorePlan): Promise<boolean> {
	if (!process.stdin.isTTY) return false;
	const prompt = createInterface({ input: process.stdin, output: process.stdout });
	const answer = await prompt.question(`Replace ${plan.databasePath}? Type "yes" to restore: `);
	prompt.close();
	return answer.trim().toLowerCase() === 'yes';
}

async function main() {
	const { file, yes } = readArguments();
	let plan: RestorePlan;
	try {
		plan = prepareRestore(file, appDatabaseUrl(), { migrationsFolder });
	} catch (error) {
		return fail(`refused: ${error instanceof BackupError ? error.message : String(error)}`, 1);
	}
	describe(plan);
	if (!yes && !(await confirmed(plan))) {
		abandonRestore(plan);
		return fail('not confirmed, nothing changed (add --yes to confirm without a terminal)', 2);
	}
	try {
		const kept = completeRestore(plan);
		console.log(
			`Restored ${plan.databasePath}${kept ? `; the previous database is ${kept}` : ''}.`
		);
		console.log('Start the server: it applies any newer migrations of this version on start.');
	} catch (error) {
		abandonRestore(plan);
		fail(`refused: ${error instanceof BackupError ? error.message : String(error)}`, 1);
	}
}

await main();
