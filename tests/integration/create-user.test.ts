import { execFile } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/lib/server/auth/password';
import { openDatabase } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { checkMembership } from '../../src/lib/server/organisations/organisations';
import { tempDatabasePath } from '../factories';

/**
 * Runs the command as an administrator would. Asynchronously, so that a hanging command ends at
 * its timeout instead of blocking the test worker (and vitest's own timeouts) for good.
 */
function createUser(
	databasePath: string,
	args: string[],
	password: string
): Promise<{ status: number | null; stdout: string; stderr: string }> {
	return new Promise((done) => {
		execFile(
			'npm',
			['run', '--silent', 'user:create', '--', ...args],
			{
				env: { ...process.env, DATABASE_URL: databasePath, MITWIRKEN_PASSWORD: password },
				encoding: 'utf8',
				timeout: 60_000
			},
			(error, stdout, stderr) => {
				const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
				done({ status, stdout, stderr });
			}
		);
	});
}

describe('npm run user:create', () => {
	it('creates a system administrator of a new organisation from the shell', async () => {
		const databasePath = tempDatabasePath();
		const run = await createUser(
			databasePath,
			[
				'--email',
				'IT@Kreis.example',
				'--name',
				'Fachbereich Integration',
				'--organisation',
				'Landkreis Lörrach'
			],
			'ein-sehr-langes-passwort'
		);
		expect(run.status, run.stderr).toBe(0);
		expect(run.stdout).toContain('/o/landkreis-loerrach');

		const db = openDatabase(databasePath);
		const user = db
			.select()
			.from(table.user)
			.where(eq(table.user.email, 'it@kreis.example'))
			.get()!;
		expect(user.isSystemAdmin).toBe(true);
		expect(await verifyPassword(user.passwordHash, 'ein-sehr-langes-passwort')).toBe(true);
		expect(checkMembership(db, user.id, 'landkreis-loerrach', 'manageOrganisation').allowed).toBe(
			true
		);
		// The audit log names the command as the writer of the account, organisation and membership.
		const log = db.select().from(table.auditLog).orderBy(table.auditLog.id).all();
		expect(log.map((entry) => [entry.tableName, entry.operation, entry.actorKind])).toEqual([
			['user', 'insert', 'cli'],
			['organisation', 'insert', 'cli'],
			['membership', 'insert', 'cli']
		]);
		expect(log.every((entry) => entry.path === 'user:create' && entry.actorUserId === null)).toBe(
			true
		);
		db.$client.close();
	});

	it('refuses a short password and a taken email with a message and an exit code', async () => {
		const databasePath = tempDatabasePath();
		const short = await createUser(
			databasePath,
			['--email', 'a@kreis.example', '--name', 'A'],
			'kurz'
		);
		expect(short.status).toBe(2);
		expect(short.stderr).toContain('at least 10 characters');

		const first = await createUser(
			databasePath,
			['--email', 'a@kreis.example', '--name', 'A'],
			'lang-genug-1'
		);
		expect(first.status, first.stderr).toBe(0);
		const again = await createUser(
			databasePath,
			['--email', 'a@kreis.example', '--name', 'A'],
			'lang-genug-2'
		);
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('exists already');
	});
});
