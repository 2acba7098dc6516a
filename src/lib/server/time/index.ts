import { dateTimeFormat } from '../../date-time-format';

/** Municipal processes run on German wall-clock time. */
export const timeZone = 'Europe/Berlin';

export function todayIn(zone = timeZone, now = new Date()): string {
	return dateTimeFormat('en-CA', { timeZone: zone }).format(now);
}

function offsetMs(instant: number, zone: string): number {
	const parts = Object.fromEntries(
		dateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		})
			.formatToParts(new Date(instant))
			.map((part) => [part.type, Number(part.value)])
	);
	const wallClock = Date.UTC(
		parts.year!,
		parts.month! - 1,
		parts.day!,
		parts.hour!,
		parts.minute!,
		parts.second!
	);
	return wallClock - (instant - (instant % 1000));
}

/** The instant of a local `YYYY-MM-DDTHH:MM` in the zone, across daylight-saving changes. */
export function localToInstant(local: string, zone = timeZone): number {
	const asUtc = Date.parse(`${local}:00Z`);
	const first = asUtc - offsetMs(asUtc, zone);
	const second = asUtc - offsetMs(first, zone);
	return second;
}
