import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDb, createTestOrganisation } from '../../../../tests/factories';
import { migrationsFolder } from '../db';
import {
	appliedMigrations,
	backupDatabase,
	BackupError,
	checkIntegrityAside,
	formatBytes,
	verifyDatabaseFile
} from './backup';

describe('backupDatabase', () => {
	it('writes a checked, self-contained copy and refuses to overwrite it without force', async () => {
		const db = createTestDb();
		createTestOrganisation(db, 'Landkreis Reutlingen');
		const target = join(dirname(db.$client.name), 'sicherung', 'kopie.db');
		const result = await backupDatabase(db.$client, target, { migrationsFolder });
		expect(result.path).toBe(target);
		expect(result.migrations).toBe(appliedMigrations(db.$client)!.length);
		// One file, no WAL beside it, nothing half-written left over.
		expect(readdirSync(dirname(target))).toEqual(['kopie.db']);
		const copy = new Database(target, { readonly: true });
		expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
		expect(copy.prepare('SELECT name FROM organisation').pluck().all()).toEqual([
			'Landkreis Reutlingen'
		]);
		copy.close();

		await expect(backupDatabase(db.$client, target, { migrationsFolder })).rejects.toThrow(
			'exists already; add --force to replace it'
		);
		await expect(
			backupDatabase(db.$client, target, {
				migrationsFolder,
				force: true,
				pagesPerStep: 2 ** 31 - 1
			})
		).resolves.toMatchObject({ path: target });
	});
});

describe('verifyDatabaseFile', () => {
	it('names what is wrong with a file', () => {
		const db = createTestDb();
		const folder = dirname(db.$client.name);
		const text = join(folder, 'text.db');
		writeFileSync(text, 'kein SQLite\n'.repeat(100));
		expect(() => verifyDatabaseFile(text, migrationsFolder)).toThrow(
			new BackupError('the file is not an SQLite database')
		);
		expect(() => verifyDatabaseFile(join(folder, 'fehlt.db'), migrationsFolder)).toThrow(
			/the file cannot be read/
		);
		expect(existsSync(join(folder, 'fehlt.db'))).toBe(false);
	});
});

describe('checkIntegrityAside', () => {
	it('passes a whole file and names the damage in a broken one, off the event loop', async () => {
		const db = createTestDb();
		createTestOrganisation(db, 'Landkreis Konstanz');
		const whole = join(dirname(db.$client.name), 'ganz.db');
		await db.$client.backup(whole);
		await expect(checkIntegrityAside(whole)).resolves.toBeUndefined();
		const bytes = readFileSync(whole);
		const pageSize = bytes.readUInt16BE(16);
		bytes.fill(0xff, pageSize * 2, pageSize * 3);
		const broken = join(dirname(db.$client.name), 'kaputt.db');
		writeFileSync(broken, bytes);
		await expect(checkIntegrityAside(broken)).rejects.toThrow(/the file is damaged|malformed/);
	});
});

describe('formatBytes', () => {
	it('prints sizes as ls -h does', () => {
		expect(formatBytes(512)).toBe('512 bytes');
		expect(formatBytes(1536)).toBe('1.5 KB');
		expect(formatBytes(5 * 2 ** 20)).toBe('5.0 MB');
	});
});
