import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, createTestOrganisation, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;

beforeAll(async () => {
	server = await startServer();
});

afterAll(() => server.stop());

/** Runs `npm run user -- …` as an operator would, on the server's database. */
function user(
	args: string[],
	env: Record<string, string> = {}
): Promise<{ status: number | null; stdout: string; stderr: string }> {
	return new Promise((done) => {
		execFile(
			'npm',
			['run', '--silent', 'user', '--', ...args],
			{
				env: { ...process.env, DATABASE_URL: server.databasePath, ORIGIN: '', ...env },
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

describe('npm run user -- reset-password', () => {
	it('prints a one-time link that sets a new password and ends the sessions', async () => {
		const db = server.db();
		const member = await createMember(db, createTestOrganisation(db, 'Landkreis Calw').id, 'admin');
		const before = new Visitor(server.url);
		expect((await before.login(member.email, testPassword)).status).toBe(303);

		const run = await user(['reset-password', member.email.toUpperCase()], { ORIGIN: server.url });
		expect(run.status, run.stderr).toBe(0);
		expect(run.stdout).toContain(`One-time link for ${member.email}`);
		const link = /(http\S+\/password-reset\/\S+)/.exec(run.stdout)?.[1];
		expect(link?.startsWith(`${server.url}/password-reset/`)).toBe(true);

		const path = new URL(link!).pathname;
		const visitor = new Visitor(server.url);
		const done = await visitor.post(path, { password: 'Beratung-im-Landratsamt' });
		expect(done.location).toBe('/password-reset/done');
		expect((await before.get('/account')).location).toMatch(/^\/login/);
		expect((await visitor.login(member.email, 'Beratung-im-Landratsamt')).status).toBe(303);
		expect((await visitor.get(path)).status).toBe(404);
	});

	it('prints the path alone without an origin, and says so', async () => {
		const db = server.db();
		const member = await createMember(
			db,
			createTestOrganisation(db, 'Landkreis Rottweil').id,
			'admin'
		);
		const run = await user(['reset-password', member.email]);
		expect(run.status, run.stderr).toBe(0);
		expect(run.stdout).toMatch(/^\/password-reset\/[a-z2-7]+\.[a-z2-7]+$/m);
		expect(run.stdout).toContain('set ORIGIN or pass --origin');
	});

	it('refuses an unknown account, a missing address and an unknown command', async () => {
		const unknown = await user(['reset-password', 'niemand@kreis.example']);
		expect(unknown.status).toBe(1);
		expect(unknown.stderr).toContain('there is no account for niemand@kreis.example');
		const missing = await user(['reset-password']);
		expect(missing.status).toBe(2);
		const nonsense = await user(['delete-everything']);
		expect(nonsense.status).toBe(2);
		expect(nonsense.stderr).toContain('usage: npm run user -- create | reset-password');
	});
});

describe('npm run user -- create', () => {
	it('holds new passwords to the policy', async () => {
		const common = await user(['create', '--email', 'neu@kreis.example', '--name', 'Neu'], {
			MITWIRKEN_PASSWORD: 'password123'
		});
		expect(common.status).toBe(2);
		expect(common.stderr).toContain('one of the most commonly used');
		const personal = await user(
			['create', '--email', 'integration@kreis.example', '--name', 'Integration'],
			{ MITWIRKEN_PASSWORD: 'integration-2026' }
		);
		expect(personal.status).toBe(2);
		expect(personal.stderr).toContain('must not contain the e-mail address or the name');
	});
});
