import { dateTimeFormat } from '$lib/date-time-format';
import type { EventDatePrecision } from '$lib/domain';
import { eventMonths, formatMonthRange, type EventDates } from '$lib/event-dates';
import { easyReadLocale } from '$lib/i18n/area';
import { getLocale } from '$lib/paraglide/runtime';

/** The reader's language with Latin digits: Arabic and Farsi pages keep 0–9, as the phone pages do. */
export const latinDigits = (locale: string = getLocale()) =>
	`${locale === easyReadLocale ? 'de' : locale}-u-nu-latn`;

/** `YYYY-MM-DD` as a date in the reader's language, e.g. „10. März 2026“. */
export function formatDate(isoDate: string | null, style: 'long' | 'medium' = 'medium'): string {
	if (!isoDate) return '';
	return dateTimeFormat(latinDigits(), { dateStyle: style, timeZone: 'UTC' }).format(
		new Date(`${isoDate}T00:00:00Z`)
	);
}

/** Local wall-clock `YYYY-MM-DDTHH:MM` as date and time, without shifting it into another zone. */
export function formatDateTime(local: string): string {
	return dateTimeFormat(latinDigits(), {
		dateStyle: 'full',
		timeStyle: 'short',
		timeZone: 'UTC'
	}).format(new Date(`${local}:00Z`));
}

export function formatTime(local: string): string {
	return dateTimeFormat(latinDigits(), { timeStyle: 'short', timeZone: 'UTC' }).format(
		new Date(`${local}:00Z`)
	);
}

/** An instant (e.g. when something was approved) as its day in Europe/Berlin, not in UTC. */
export function formatDay(instant: Date, style: 'long' | 'medium' = 'medium'): string {
	return dateTimeFormat(latinDigits(), {
		dateStyle: style,
		timeZone: 'Europe/Berlin'
	}).format(instant);
}

/** An instant as day and time in Europe/Berlin, e.g. when a member approved the minutes. */
export function formatInstant(instant: Date): string {
	return dateTimeFormat(latinDigits(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/Berlin'
	}).format(instant);
}

/** An instant's wall-clock time in Europe/Berlin, e.g. a check-in at the door: „18:04“. */
export function formatClock(instant: Date): string {
	return dateTimeFormat(latinDigits(), { timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(
		instant
	);
}

/** An event's day, or its months; rows of concept versions saved earlier lack the precision. */
export function formatEventDate(event: {
	startsAt: string;
	endsAt?: string;
	datePrecision?: EventDatePrecision;
}): string {
	if (event.datePrecision === 'month' && event.endsAt) {
		return formatMonthRange(event.startsAt.slice(0, 7), event.endsAt.slice(0, 7), latinDigits());
	}
	return formatDate(event.startsAt.slice(0, 10));
}

/** When an event began: its day and time, or its months ("März–Mai 2017") if that is all we know. */
export function formatEventStart(event: EventDates): string {
	const months = eventMonths(event);
	return months
		? formatMonthRange(months.start, months.end, latinDigits())
		: formatDateTime(event.startsAt);
}
