import * as v from 'valibot';

/**
 * SQLite's `synchronous` in WAL mode. `full` syncs the WAL on every commit, so an acknowledged
 * write survives a power loss; `normal` syncs only at checkpoints and may lose the last commits
 * (never corrupting the file). README, "Durability", has the measurements behind the default.
 */
export const synchronousModes = ['full', 'normal'] as const;
export type SynchronousMode = (typeof synchronousModes)[number];
export const defaultSynchronous: SynchronousMode = 'full';

/** A setting from the environment that is present but wrong: the server refuses to start. */
export class SettingError extends Error {
	override name = 'SettingError';
}

const synchronousSetting = v.picklist(synchronousModes);

/** `DB_SYNCHRONOUS`: unset or empty is the default; anything else must be `full` or `normal`. */
export function parseSynchronous(value: string | undefined): SynchronousMode {
	const given = value?.trim().toLowerCase();
	if (!given) return defaultSynchronous;
	const parsed = v.safeParse(synchronousSetting, given);
	if (!parsed.success) {
		throw new SettingError(`DB_SYNCHRONOUS must be "full" or "normal", not "${value}"`);
	}
	return parsed.output;
}
