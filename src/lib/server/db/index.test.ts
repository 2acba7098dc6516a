import { describe, expect, it } from 'vitest';
import { tempDatabasePath } from '../../../../tests/factories';
import { openDatabase } from '.';

describe('openDatabase', () => {
	it('uses WAL with the synchronous mode it is given', () => {
		for (const [mode, level] of [
			['full', 2],
			['normal', 1]
		] as const) {
			const db = openDatabase(tempDatabasePath(), { synchronous: mode });
			expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
			expect(db.$client.pragma('synchronous', { simple: true })).toBe(level);
			db.$client.close();
		}
	});
});
