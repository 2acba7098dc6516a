import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { addAttachment } from '../../src/lib/server/attachments/attachments';
import { openDatabase, type Db } from '../../src/lib/server/db';
import { createActivity, moveToStage } from '../../src/lib/server/workshop/activities';
import { submitIdea } from '../../src/lib/server/workshop/ideas';
import { joinEvent, participantCookieName } from '../../src/lib/server/workshop/participants';
import { createTestEvent, createTestOrganisation, tempDatabasePath } from '../factories';
import { connectLive, send } from './live-client';
import { startServer } from './server';

interface Run {
	status: number | null;
	stdout: string;
	stderr: string;
}

/**
 * `npm run <script> -- …` as an administrator types it, on the given database. Asynchronous,
 * so that the test's phones keep voting while it runs.
 */
function npmRun(script: 'backup' | 'restore', args: string[], databasePath: string): Promise<Run> {
	return new Promise((done) => {
		const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
			env: { ...process.env, DATABASE_URL: databasePath },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
		child.once('close', (status) => {
			clearTimeout(killer);
			done({ status, stdout, stderr });
		});
	});
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** An activity in the voting stage with one idea, and `phones` participants who joined. */
function seedVoting(db: Db, phones: number) {
	const org = createTestOrganisation(db, 'Landkreis Ravensburg');
	const { event } = createTestEvent(db, org.id);
	let activity = createActivity(db, event.id, {
		question: 'Was hilft beim Ankommen?',
		fieldOfActionId: null,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 2,
		namedIdeas: false
	});
	const participants = Array.from({ length: phones }, () => {
		const { participant, token } = joinEvent(db, event.id, {
			displayName: null,
			category: null,
			locale: 'de'
		});
		return { id: participant.id, cookie: `${participantCookieName}=${token}` };
	});
	const idea = submitIdea(db, activity, {
		participantId: participants[0]!.id,
		clientId: 'idea-1',
		text: 'Patenschaften für neue Nachbarn',
		language: 'de'
	});
	if (!idea.ok) throw new Error(idea.error);
	for (const stage of ['clustering', 'voting'] as const) {
		const moved = moveToStage(db, activity, stage);
		if (!moved.ok) throw new Error(moved.error);
		activity = moved.value;
	}
	return { activityId: activity.id, ideaId: idea.value.idea.id, participants };
}

const appliedWrites = (path: string) => {
	const sqlite = new Database(path, { fileMustExist: true });
	const rows = sqlite
		.prepare('SELECT participant_id AS p, client_id AS c FROM applied_write')
		.all();
	sqlite.close();
	return new Set((rows as { p: string; c: string }[]).map((row) => `${row.p} ${row.c}`));
};

const backupPath = () => join(dirname(tempDatabasePath()), 'backups', 'mitwirken.db');

describe('backup and restore', () => {
	it('backs up during live voting; the restored file holds every dot acknowledged before', async () => {
		let seeded = { activityId: 0, ideaId: 0, participants: [] as { id: string; cookie: string }[] };
		const server = await startServer({ seed: (db) => (seeded = seedVoting(db, 10)) });
		const phones = await Promise.all(
			seeded.participants.map((p) => connectLive(server.url, { cookie: p.cookie }))
		);
		const acknowledged: string[] = [];
		let voting = true;
		// Each phone places a dot and takes it back, again and again, below the message limit.
		const voters = phones.map(async (phone, index) => {
			for (let n = 0; voting; n++) {
				const clientId = `phone-${index}-${n}`;
				const reply = await send(phone, n % 2 ? 'dot:remove' : 'dot:place', {
					activityId: seeded.activityId,
					clientId,
					target: { kind: 'idea', id: seeded.ideaId }
				});
				if (!reply.ok) throw new Error(`${clientId}: ${reply.error}`);
				acknowledged.push(`${seeded.participants[index]!.id} ${clientId}`);
				await sleep(60);
			}
		});
		try {
			while (acknowledged.length < 100) await sleep(50);
			const beforeBackup = [...acknowledged];
			const file = backupPath();
			const backup = await npmRun('backup', [file], server.databasePath);
			const duringBackup = acknowledged.length - beforeBackup.length;
			voting = false;
			await Promise.all(voters);

			expect(backup.status, backup.stderr).toBe(0);
			expect(backup.stdout).toContain(`Backup written and checked: ${file}`);
			expect(backup.stdout).toMatch(/\(\d+(\.\d)? (KB|MB), \d+ migrations\)/);
			expect(duringBackup, 'phones kept voting while the backup ran').toBeGreaterThan(0);

			for (const phone of phones) phone.close();
			await server.stop();
			const restoredPath = tempDatabasePath();
			const restore = await npmRun('restore', [file, '--yes'], restoredPath);
			expect(restore.status, restore.stderr).toBe(0);
			expect(restore.stdout).toContain(`Restored ${restoredPath}`);

			const restored = appliedWrites(restoredPath);
			const missing = beforeBackup.filter((write) => !restored.has(write));
			expect(missing).toEqual([]);
			expect(restored.size).toBeGreaterThanOrEqual(beforeBackup.length);
		} finally {
			voting = false;
			for (const phone of phones) phone.close();
			await server.stop();
		}
	});

	it('carries attachments: the restored file holds their bytes unchanged', async () => {
		const databasePath = tempDatabasePath();
		const db = openDatabase(databasePath);
		const { process } = createTestEvent(db, createTestOrganisation(db, 'Landkreis Tübingen').id);
		const content = new Uint8Array([...Buffer.from('%PDF-1.7\n'), ...randomBytes(3 * 1024 * 1024)]);
		const added = addAttachment(
			db,
			process.id,
			{ kind: 'process' },
			{ title: 'Beschlussvorlage', fileName: 'Vorlage.pdf', content, isPublic: false },
			{ id: null, name: 'Geschäftsstelle' }
		);
		if (!added.ok) throw new Error(added.reason);
		db.$client.close();
		const file = backupPath();
		const backup = await npmRun('backup', [file], databasePath);
		expect(backup.status, backup.stderr).toBe(0);
		const restoredPath = tempDatabasePath();
		const restore = await npmRun('restore', [file, '--yes'], restoredPath);
		expect(restore.status, restore.stderr).toBe(0);

		const restored = new Database(restoredPath, { readonly: true });
		const row = restored
			.prepare('SELECT content, sha256, size FROM attachment WHERE id = ?')
			.get(added.attachment.id) as { content: Buffer; sha256: string; size: number };
		restored.close();
		const sha256 = createHash('sha256').update(content).digest('hex');
		expect(row.sha256).toBe(sha256);
		expect(createHash('sha256').update(row.content).digest('hex')).toBe(sha256);
		expect(row.size).toBe(content.length);
	});

	it('refuses to restore while the server runs, and after a crash keeps the old database with its WAL', async () => {
		let seeded = { activityId: 0, ideaId: 0, participants: [] as { id: string; cookie: string }[] };
		const server = await startServer({ seed: (db) => (seeded = seedVoting(db, 1)) });
		// Only the server may hold the file, as in production.
		server.db().$client.close();
		const file = backupPath();
		const backup = await npmRun('backup', [file], server.databasePath);
		expect(backup.status, backup.stderr).toBe(0);

		const refused = await npmRun('restore', [file, '--yes'], server.databasePath);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toMatch(/refused: the server \(process \d+\) is using .* stop it first/);
		expect(readdirSync(dirname(server.databasePath)).filter((name) => /restor/.test(name))).toEqual(
			[]
		);

		// A dot after the backup, then the power goes: the dot is only in the WAL, which must
		// stay with the old database.
		const phone = await connectLive(server.url, { cookie: seeded.participants[0]!.cookie });
		const dot = await send(phone, 'dot:place', {
			activityId: seeded.activityId,
			clientId: 'after-backup',
			target: { kind: 'idea', id: seeded.ideaId }
		});
		expect(dot.ok).toBe(true);
		const exited = new Promise((done) => server.child.once('exit', done));
		server.child.kill('SIGKILL');
		await exited;
		phone.close();
		expect(existsSync(`${server.databasePath}.pid`)).toBe(true);
		expect(existsSync(`${server.databasePath}-wal`)).toBe(true);

		const restored = await npmRun('restore', [file, '--yes'], server.databasePath);
		expect(restored.status, restored.stderr).toBe(0);
		expect(restored.stdout).toMatch(/did not stop cleanly/);
		const kept = restored.stdout.match(/the previous database is (\S+)\./)?.[1];
		expect(kept).toMatch(/\.before-restore-\d{4}-\d{2}-\d{2}T/);
		expect(existsSync(`${server.databasePath}-wal`)).toBe(false);
		expect(existsSync(`${server.databasePath}.pid`)).toBe(false);
		const afterBackup = `${seeded.participants[0]!.id} after-backup`;
		expect(appliedWrites(server.databasePath).has(afterBackup)).toBe(false);
		expect(appliedWrites(kept!).has(afterBackup)).toBe(true);
		await server.stop();
	});

	it('refuses a file that is not SQLite, not Mitwirken, damaged or from a newer version, and changes nothing', async () => {
		const databasePath = tempDatabasePath();
		const db = openDatabase(databasePath);
		createTestOrganisation(db, 'Landkreis Biberach');
		db.$client.close();
		const good = backupPath();
		const backup = await npmRun('backup', [good], databasePath);
		expect(backup.status, backup.stderr).toBe(0);
		const before = readFileSync(databasePath);

		const folder = dirname(good);
		const garbage = join(folder, 'notizen.db');
		writeFileSync(garbage, 'Das ist keine Datenbank.\n'.repeat(200));
		const foreign = join(folder, 'fremd.db');
		const other = new Database(foreign);
		other.exec("CREATE TABLE note (text TEXT); INSERT INTO note VALUES ('hallo')");
		other.close();
		const damaged = join(folder, 'beschaedigt.db');
		const bytes = readFileSync(good);
		const pageSize = bytes.readUInt16BE(16);
		bytes.fill(0xff, pageSize * 2, pageSize * 3);
		writeFileSync(damaged, bytes);
		const newer = join(folder, 'neuer.db');
		copyFileSync(good, newer);
		const future = new Database(newer);
		future
			.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
			.run('x', 4102444800000);
		future.close();

		for (const [file, reason] of [
			[garbage, 'the file is not an SQLite database'],
			[foreign, 'the file is an SQLite database, but not one of Mitwirken'],
			[damaged, 'the file is damaged'],
			[newer, 'the file comes from a newer version of Mitwirken'],
			[join(folder, 'fehlt.db'), 'there is no file']
		] as const) {
			const run = await npmRun('restore', [file, '--yes'], databasePath);
			expect(run.status, file).toBe(1);
			expect(run.stderr).toContain(`restore: refused: ${reason}`);
		}
		expect(readFileSync(databasePath).equals(before)).toBe(true);
		expect(readdirSync(dirname(databasePath)).filter((name) => /restor/.test(name))).toEqual([]);
	});

	it('does not overwrite a backup unless told to, and restores only when confirmed', async () => {
		const databasePath = tempDatabasePath();
		openDatabase(databasePath).$client.close();
		const file = backupPath();
		const first = await npmRun('backup', [file], databasePath);
		expect(first.status, first.stderr).toBe(0);
		const again = await npmRun('backup', [file], databasePath);
		expect(again.status).toBe(1);
		expect(again.stderr).toContain(`backup: ${file} exists already; add --force to replace it`);
		const forced = await npmRun('backup', [file, '--force'], databasePath);
		expect(forced.status, forced.stderr).toBe(0);

		const unconfirmed = await npmRun('restore', [file], databasePath);
		expect(unconfirmed.status).toBe(2);
		expect(unconfirmed.stdout).toContain(`It replaces ${databasePath}`);
		expect(unconfirmed.stderr).toContain('not confirmed, nothing changed');
		expect(readdirSync(dirname(databasePath)).filter((name) => /restor/.test(name))).toEqual([]);

		const missing = await npmRun(
			'backup',
			[file, '--force'],
			join(dirname(databasePath), 'nichts.db')
		);
		expect(missing.status).toBe(1);
		expect(missing.stderr).toContain('there is no database at');
		const usage = await npmRun('backup', [], databasePath);
		expect(usage.status).toBe(2);
		expect(usage.stderr).toContain('usage: npm run backup -- <file> [--force]');
	});
});
