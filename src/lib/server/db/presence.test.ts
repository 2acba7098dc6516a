import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestDb, tempDatabasePath } from '../../../../tests/factories';
import { pidFilePath, removePidFile, serverPresence, writePidFile } from './presence';

/** Far above Linux's largest pid (2²²): no process has it. */
const deadPid = 2 ** 30;

describe('serverPresence', () => {
	it('sees a connection that holds the database, however idle', () => {
		const db = createTestDb();
		const path = db.$client.name;
		expect(serverPresence(path)).toEqual({ running: true, pid: null, because: 'lock' });
		db.$client.close();
		expect(serverPresence(path)).toEqual({ running: false, stalePid: null });
	});

	it('believes a pid file only while its process lives', () => {
		const path = tempDatabasePath();
		expect(serverPresence(path)).toEqual({ running: false, stalePid: null });
		writePidFile(path, process.ppid);
		expect(serverPresence(path)).toEqual({ running: true, pid: process.ppid, because: 'pid-file' });
		writePidFile(path, deadPid);
		expect(serverPresence(path)).toEqual({ running: false, stalePid: deadPid });
	});

	it('removes the pid file only for the process that wrote it', () => {
		const path = tempDatabasePath();
		writePidFile(path, deadPid);
		removePidFile(path);
		expect(existsSync(pidFilePath(path))).toBe(true);
		removePidFile(path, deadPid);
		expect(existsSync(pidFilePath(path))).toBe(false);
	});
});
