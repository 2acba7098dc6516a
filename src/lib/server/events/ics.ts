/**
 * iCalendar (RFC 5545) files of events. Written here rather than with the `ics` package: it
 * folds lines at 75 characters instead of 75 octets (too long for umlauts and emoji), takes
 * quadratic time to fold a long description, and does not escape the calendar's name.
 */
import { safeText } from '../../text/clean';
import type * as table from '../db/schema';
import { localToInstant } from '../time';

/** RFC 5545 §3.1: lines longer than 75 octets are folded. */
const maxLineOctets = 75;
const encoder = new TextEncoder();

/**
 * A content line folded at 75 octets of UTF-8, never inside a character; each continuation
 * starts with a space, which counts towards its 75 octets.
 */
function foldLine(line: string): string {
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const char of line) {
		const size = char.length === 1 && char.charCodeAt(0) < 0x80 ? 1 : encoder.encode(char).length;
		const limit = parts.length === 0 ? maxLineOctets : maxLineOctets - 1;
		if (octets + size > limit) {
			parts.push(current);
			current = '';
			octets = 0;
		}
		current += char;
		octets += size;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/**
 * A TEXT value (§3.3.11): made safe first (`safeText`: no control characters, so no lone CR,
 * line breaks as LF), then backslash, semicolon, comma and line breaks escaped.
 */
function text(value: string): string {
	return safeText(value)
		.replace(/[\\;,]/g, (char) => `\\${char}`)
		.replace(/\n/g, '\\n');
}

/** A moment as a UTC DATE-TIME: `20260310T170000Z`. */
function utc(instant: number | Date): string {
	return new Date(instant)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

/**
 * An iCalendar file of the events, with times in UTC so every calendar places them right.
 * Events known only to the month are left out: RFC 5545 knows DATE and DATE-TIME, no month, so
 * the nearest VEVENT would be all-day from the first to the last month (DTSTART;VALUE=DATE to
 * an exclusive DTEND), which a calendar shows as three months of busy days, a claim the record
 * does not make. Such events are past by construction, and the feed is for putting meetings in
 * calendars; the event pages and the concept still list them.
 */
export function eventsToIcs(
	events: Pick<
		table.Event,
		'id' | 'title' | 'description' | 'place' | 'startsAt' | 'endsAt' | 'datePrecision'
	>[],
	options: { calendarName: string; host: string; url?: (eventId: number) => string },
	now = new Date()
): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'CALSCALE:GREGORIAN',
		'PRODID:-//Mitwirken//DE',
		`X-WR-CALNAME:${text(options.calendarName)}`,
		'X-PUBLISHED-TTL:PT1H',
		...events.flatMap((event) => {
			if (event.datePrecision === 'month') return [];
			const url = options.url?.(event.id);
			return [
				'BEGIN:VEVENT',
				`UID:event-${event.id}@${options.host}`,
				`SUMMARY:${text(event.title)}`,
				`DTSTAMP:${utc(now)}`,
				`DTSTART:${utc(localToInstant(event.startsAt))}`,
				`DTEND:${utc(localToInstant(event.endsAt))}`,
				...(safeText(event.description) ? [`DESCRIPTION:${text(event.description)}`] : []),
				...(url ? [`URL:${url}`] : []),
				...(safeText(event.place) ? [`LOCATION:${text(event.place)}`] : []),
				'END:VEVENT'
			];
		}),
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
