import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyDatabaseFile } from '../../src/lib/server/backup/backup';
import { createTestOrganisation, tempDatabasePath } from '../factories';
import { startServer, Visitor } from './server';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until(check: () => boolean, what: string, ms = 60_000) {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(100);
	}
}

describe('scheduled backups', () => {
	it('back up at start and every interval, keep the newest, and log each one', async () => {
		const dir = join(dirname(tempDatabasePath()), 'sicherungen');
		const server = await startServer({
			seed: (db) => createTestOrganisation(db, 'Landkreis Sigmaringen'),
			// 3.6 s
			env: { BACKUP_DIR: dir, BACKUP_INTERVAL_HOURS: '0.001', BACKUP_KEEP: '2' }
		});
		try {
			const written = () => server.output().match(/^backup: \/.*\.db \(.*\)$/gm) ?? [];
			await until(
				() => written().length >= 3 && /backup: removed/.test(server.output()),
				'three backups'
			);
			expect(server.output()).toContain(`backup: every 0.001 h into ${dir}, keeping 2`);
			const files = readdirSync(dir);
			expect(files).toHaveLength(2);
			for (const name of files) {
				expect(name).toMatch(/^mitwirken-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.db$/);
				expect(verifyDatabaseFile(join(dir, name), resolve('drizzle')).length).toBeGreaterThan(0);
			}
			expect((await new Visitor(server.url).get('/setup')).status).toBe(200);
		} finally {
			await server.stop();
		}
	});

	it('log a failed backup and keep serving', async () => {
		// A folder that cannot be made: its parent is a file.
		const blocker = join(dirname(tempDatabasePath()), 'datei');
		writeFileSync(blocker, '');
		const server = await startServer({ env: { BACKUP_DIR: join(blocker, 'sicherungen') } });
		try {
			await until(() => server.output().includes('backup: failed: '), 'the failure');
			expect(server.child.exitCode).toBeNull();
			expect((await new Visitor(server.url).get('/setup')).status).toBe(200);
		} finally {
			await server.stop();
		}
	});
});

describe('settings', () => {
	it.each([
		['DB_SYNCHRONOUS', 'sometimes', 'DB_SYNCHRONOUS must be "full" or "normal", not "sometimes"'],
		['BACKUP_KEEP', '0', 'BACKUP_KEEP must be at least 1 (BACKUP_KEEP="0")'],
		['BACKUP_INTERVAL_HOURS', 'daily', 'BACKUP_INTERVAL_HOURS must be a number']
	])('a wrong %s stops the start with a message', async (name, value, message) => {
		const backupDir = join(dirname(tempDatabasePath()), 'sicherungen');
		const start = startServer({ env: { BACKUP_DIR: backupDir, [name]: value } });
		await expect(start).rejects.toThrow(message);
		await expect(start).rejects.toThrow(/server exited with 1/);
	});
});
