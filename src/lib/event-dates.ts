/**
 * When an event took place, exact to the minute or only to the month. Isomorphic: the pages,
 * the exports and the form parser share one reading of an event's dates.
 */
import { dateTimeFormat } from './date-time-format';
import type { EventDatePrecision, EventStatus } from './domain';

/** `YYYY-MM`, as `<input type="month">` sends it. */
export const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface EventDates {
	startsAt: string;
	endsAt: string;
	datePrecision: EventDatePrecision;
}

/** The local `startsAt`/`endsAt` a month range is stored as: first minute to last minute. */
export function monthRangeBounds(startMonth: string, endMonth: string) {
	const year = Number(endMonth.slice(0, 4));
	const month = Number(endMonth.slice(5, 7));
	const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return {
		startsAt: `${startMonth}-01T00:00`,
		endsAt: `${endMonth}-${String(lastDay).padStart(2, '0')}T23:59`
	};
}

/** The first and last month of an event known only to the month, else null. */
export function eventMonths(event: EventDates): { start: string; end: string } | null {
	if (event.datePrecision !== 'month') return null;
	return { start: event.startsAt.slice(0, 7), end: event.endsAt.slice(0, 7) };
}

/** "März–Mai 2017", "Dezember 2016 – Februar 2017" or "März 2017" in the locale given. */
export function formatMonthRange(startMonth: string, endMonth: string, locale: string): string {
	const format = dateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
	const first = new Date(`${startMonth}-01T00:00:00Z`);
	if (startMonth === endMonth) return format.format(first);
	return format.formatRange(first, new Date(`${endMonth}-01T00:00:00Z`));
}

export interface HeldFacts {
	status: EventStatus;
	/** Set once a moderator opened the live console: the event had a live session. */
	joinCode: string | null;
	markedHeld: boolean;
}

/**
 * Whether the event took place: its live session was closed, or staff recorded it as held
 * (a past meeting without a live session).
 */
export function isHeld(event: HeldFacts): boolean {
	return event.markedHeld || (event.status === 'closed' && event.joinCode !== null);
}
