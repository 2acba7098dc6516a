import { describe, expect, it } from 'vitest';
import { SettingError } from '../db/settings';
import { backupFileName, nextBackupDelay, parseBackupSchedule, scheduledBackups } from './schedule';

const hour = 3_600_000;

describe('parseBackupSchedule', () => {
	it('is off without BACKUP_DIR, and has defaults of 24 hours and 14 backups', () => {
		expect(parseBackupSchedule({})).toBeNull();
		expect(parseBackupSchedule({ BACKUP_DIR: ' ', BACKUP_KEEP: '3' })).toBeNull();
		expect(parseBackupSchedule({ BACKUP_DIR: '/srv/backup' })).toEqual({
			dir: '/srv/backup',
			intervalMs: 24 * hour,
			keep: 14
		});
		expect(
			parseBackupSchedule({
				BACKUP_DIR: '/srv/backup',
				BACKUP_INTERVAL_HOURS: '0.5',
				BACKUP_KEEP: ' 7 '
			})
		).toEqual({ dir: '/srv/backup', intervalMs: hour / 2, keep: 7 });
	});

	it.each([
		[
			{ BACKUP_INTERVAL_HOURS: 'daily' },
			'BACKUP_INTERVAL_HOURS must be a number (BACKUP_INTERVAL_HOURS="daily")'
		],
		[{ BACKUP_INTERVAL_HOURS: '0' }, 'BACKUP_INTERVAL_HOURS must be more than 0'],
		[{ BACKUP_INTERVAL_HOURS: '1000' }, 'BACKUP_INTERVAL_HOURS must be at most 576'],
		[{ BACKUP_KEEP: '0' }, 'BACKUP_KEEP must be at least 1'],
		[{ BACKUP_KEEP: '2.5' }, 'BACKUP_KEEP must be a whole number']
	])('refuses %o', (wrong, message) => {
		const parse = () => parseBackupSchedule({ BACKUP_DIR: '/srv/backup', ...wrong });
		expect(parse).toThrow(SettingError);
		expect(parse).toThrow(message);
	});
});

describe('the backup folder', () => {
	const names = [
		'mitwirken-2026-12-01T03-00-00Z.db',
		'notizen.txt',
		'mitwirken-2026-12-02T03-00-00Z.db',
		'mitwirken-2026-12-02T03-00-00Z.db.partial',
		'mitwirken-2026-11-30T03-00-00Z.db'
	];

	it('names backups by their UTC time, sortable', () => {
		expect(backupFileName(new Date('2026-12-02T01:30:05.123Z'))).toBe(
			'mitwirken-2026-12-02T01-30-05Z.db'
		);
	});

	it('lists only scheduled backups, newest first', () => {
		expect(scheduledBackups(names).map((b) => b.name)).toEqual([
			'mitwirken-2026-12-02T03-00-00Z.db',
			'mitwirken-2026-12-01T03-00-00Z.db',
			'mitwirken-2026-11-30T03-00-00Z.db'
		]);
	});

	it('is due one interval after the newest backup, at once if there is none or it is overdue', () => {
		const now = new Date('2026-12-02T09:00:00Z');
		expect(nextBackupDelay(names, 24 * hour, now)).toBe(18 * hour);
		expect(nextBackupDelay(names, 6 * hour, now)).toBe(0);
		expect(nextBackupDelay(['notizen.txt'], 24 * hour, now)).toBe(0);
		// A clock set back never postpones it beyond one interval.
		expect(nextBackupDelay(names, 24 * hour, new Date('2026-11-01T00:00:00Z'))).toBe(24 * hour);
	});
});
