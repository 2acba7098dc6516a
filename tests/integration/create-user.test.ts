import { spawnSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/lib/server/auth/password';
import { openDatabase } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { checkMembership } from '../../src/lib/server/organisations/organisations';
import { tempDatabasePath } from '../factories';

function createUser(databasePath: string, args: string[], password: string) {
	return spawnSync('npm', ['run', '--silent', 'user:create', '--', ...args], {
		env: { ...process.env, DATABASE_URL: databasePath, MITWIRKEN_PASSWORD: password },
		encoding: 'utf8'
	});
}

describe('npm run user:create', () => {
	it('creates a system administrator of a new organisation from the shell', async () => {
		const databasePath = tempDatabasePath();
		const run = createUser(
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
		db.$client.close();
	});

	it('refuses a short password and a taken email with a message and an exit code', () => {
		const databasePath = tempDatabasePath();
		const short = createUser(databasePath, ['--email', 'a@kreis.example', '--name', 'A'], 'kurz');
		expect(short.status).toBe(2);
		expect(short.stderr).toContain('at least 10 characters');

		expect(
			createUser(databasePath, ['--email', 'a@kreis.example', '--name', 'A'], 'lang-genug-1').status
		).toBe(0);
		const again = createUser(
			databasePath,
			['--email', 'a@kreis.example', '--name', 'A'],
			'lang-genug-2'
		);
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('exists already');
	});
});
