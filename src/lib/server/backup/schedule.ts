import type Database from 'better-sqlite3';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { migrationsFolder } from '../db';
import { SettingError } from '../db/settings';
import { backupDatabase, formatBytes } from './backup';

export interface BackupSchedule {
	dir: string;
	intervalMs: number;
	keep: number;
}

const hourMs = 3_600_000;
/** Node's timers hold at most 2³¹ − 1 ms, about 24 days. */
const maxIntervalHours = 24 * 24;

const numeric = (name: string) =>
	v.pipe(v.string(), v.trim(), v.transform(Number), v.number(`${name} must be a number`));

const scheduleSettings = v.object({
	BACKUP_DIR: v.pipe(v.string(), v.trim(), v.nonEmpty()),
	BACKUP_INTERVAL_HOURS: v.optional(
		v.pipe(
			numeric('BACKUP_INTERVAL_HOURS'),
			v.gtValue(0, 'BACKUP_INTERVAL_HOURS must be more than 0'),
			v.maxValue(maxIntervalHours, `BACKUP_INTERVAL_HOURS must be at most ${maxIntervalHours}`)
		),
		'24'
	),
	BACKUP_KEEP: v.optional(
		v.pipe(
			numeric('BACKUP_KEEP'),
			v.integer('BACKUP_KEEP must be a whole number'),
			v.minValue(1, 'BACKUP_KEEP must be at least 1')
		),
		'14'
	)
});

/**
 * `BACKUP_DIR`, `BACKUP_INTERVAL_HOURS` (default 24), `BACKUP_KEEP` (default 14): null without
 * a folder; a SettingError for a value that is there but wrong. Empty values count as unset.
 */
export function parseBackupSchedule(
	env: Record<string, string | undefined>
): BackupSchedule | null {
	const given: Record<string, string> = {};
	for (const name of ['BACKUP_DIR', 'BACKUP_INTERVAL_HOURS', 'BACKUP_KEEP']) {
		const value = env[name]?.trim();
		if (value) given[name] = value;
	}
	if (!given.BACKUP_DIR) return null;
	const parsed = v.safeParse(scheduleSettings, given);
	if (!parsed.success) {
		const issue = parsed.issues[0];
		const key = issue.path?.[0]?.key;
		throw new SettingError(`${issue.message} (${String(key)}="${given[String(key)]}")`);
	}
	return {
		dir: resolve(parsed.output.BACKUP_DIR),
		intervalMs: parsed.output.BACKUP_INTERVAL_HOURS * hourMs,
		keep: parsed.output.BACKUP_KEEP
	};
}

/** `mitwirken-2026-12-02T01-30-00Z.db`: sorts by time, and says when it was taken. */
export const backupFileName = (at: Date) =>
	`mitwirken-${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z.db`;

const namePattern = /^mitwirken-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.db$/;

/** The scheduled backups in a folder, newest first; other files are left alone. */
export function scheduledBackups(names: string[]): { name: string; takenAt: Date }[] {
	return names
		.flatMap((name) => {
			const match = namePattern.exec(name);
			if (!match) return [];
			const takenAt = new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`);
			return Number.isNaN(takenAt.getTime()) ? [] : [{ name, takenAt }];
		})
		.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

/** When the next backup is due: one interval after the newest, or now if there is none. */
export function nextBackupDelay(names: string[], intervalMs: number, now: Date): number {
	const newest = scheduledBackups(names)[0];
	if (!newest) return 0;
	return Math.min(intervalMs, Math.max(0, newest.takenAt.getTime() + intervalMs - now.getTime()));
}

/** Backs up once into the folder and removes all but the newest `keep`. Logs either way. */
export async function runScheduledBackup(source: Database.Database, schedule: BackupSchedule) {
	try {
		mkdirSync(schedule.dir, { recursive: true });
		// Left by a server that stopped in the middle of a backup.
		for (const name of readdirSync(schedule.dir)) {
			if (namePattern.test(name.replace(/\.partial$/, '')) && name.endsWith('.partial')) {
				rmSync(join(schedule.dir, name), { force: true });
			}
		}
		const result = await backupDatabase(source, join(schedule.dir, backupFileName(new Date())), {
			migrationsFolder
		});
		console.log(
			'backup: %s (%s, %d ms)',
			result.path,
			formatBytes(result.bytes),
			Math.round(result.durationMs)
		);
		const old = scheduledBackups(readdirSync(schedule.dir)).slice(schedule.keep);
		for (const { name } of old) rmSync(join(schedule.dir, name), { force: true });
		if (old.length > 0) console.log('backup: removed %s', old.map((b) => b.name).join(', '));
	} catch (error) {
		// A full disk or a missing folder must not take the workshop down with it.
		console.error('backup: failed: %s', error instanceof Error ? error.message : error);
	}
}

/**
 * Scheduled backups inside the server, if BACKUP_DIR is set: the first one interval after the
 * newest in the folder (at once if there is none, so frequent restarts never skip one), then
 * every interval. Stops when the server shuts down. Throws a SettingError at start.
 */
export function scheduleBackups(source: Database.Database, env = process.env) {
	const schedule = parseBackupSchedule(env);
	if (!schedule) return;
	let timer: NodeJS.Timeout | undefined;
	let stopped = false;
	const plan = (delayMs: number) => {
		timer = setTimeout(async () => {
			await runScheduledBackup(source, schedule);
			if (!stopped) plan(schedule.intervalMs);
		}, delayMs);
		timer.unref();
	};
	let existing: string[] = [];
	try {
		existing = readdirSync(schedule.dir);
	} catch {
		// No folder yet: the first backup creates it.
	}
	const delay = nextBackupDelay(existing, schedule.intervalMs, new Date());
	console.log(
		'backup: every %s h into %s, keeping %d; next in %d min',
		schedule.intervalMs / hourMs,
		schedule.dir,
		schedule.keep,
		Math.round(delay / 60_000)
	);
	plan(delay);
	process.once('sveltekit:shutdown', () => {
		stopped = true;
		clearTimeout(timer);
	});
}
