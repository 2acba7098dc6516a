import * as v from 'valibot';

/** Days after an event's end until its phones' link to their ideas and dots is removed. */
export const defaultRetentionDays = 30;
/** Fewest people a stakeholder group needs for its results to be shown on their own. */
export const defaultMinGroupSize = 5;

const wholeNumber = (min: number, max: number) =>
	v.pipe(v.string(), v.trim(), v.toNumber(), v.integer(), v.minValue(min), v.maxValue(max));

const days = wholeNumber(0, 3650);
const groupSize = wholeNumber(1, 1000);

const warned = new Set<string>();

function fromEnv(
	schema: v.GenericSchema<string, number>,
	value: string | undefined,
	fallback: number
) {
	if (value === undefined || value.trim() === '') return fallback;
	const parsed = v.safeParse(schema, value);
	if (parsed.success) return parsed.output;
	if (!warned.has(value))
		console.warn('Mitwirken: ignoring invalid value %j, using %d', value, fallback);
	warned.add(value);
	return fallback;
}

/** `PARTICIPANT_RETENTION_DAYS` (0 to 3650, default 30). */
export function retentionDays(env: Record<string, string | undefined> = process.env): number {
	return fromEnv(days, env.PARTICIPANT_RETENTION_DAYS, defaultRetentionDays);
}

/** `MIN_GROUP_SIZE` (1 to 1000, default 5); 1 shows every group. */
export function minGroupSize(env: Record<string, string | undefined> = process.env): number {
	return fromEnv(groupSize, env.MIN_GROUP_SIZE, defaultMinGroupSize);
}

/** `LEGAL_ORGANISATION`: the slug of the organisation whose legal pages are the platform's. */
export function platformLegalSlug(env: Record<string, string | undefined> = process.env) {
	return env.LEGAL_ORGANISATION?.trim() || null;
}
