import { createEvents, type EventAttributes } from 'ics';
import { safeText } from '../../text/clean';
import type * as table from '../db/schema';
import { localToInstant } from '../time';

/** RFC 5545 §3.1: lines longer than 75 octets are folded. */
const maxLineOctets = 75;
const encoder = new TextEncoder();

/**
 * A line folded at 75 octets of UTF-8, never inside a character, each continuation starting
 * with a space. (The ics library folds at 75 characters, which is too long for umlauts.)
 */
function foldLine(line: string): string {
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const char of line) {
		const size = encoder.encode(char).length;
		// A continuation line's leading space counts towards its 75 octets.
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

/** Unfolds what the library folded and folds it again by octets; every line ends in CRLF. */
function refold(ics: string): string {
	const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
	if (lines.at(-1) === '') lines.pop();
	return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped. */
function escapeText(text: string): string {
	return safeText(text)
		.replace(/[\\;,]/g, (char) => `\\${char}`)
		.replace(/\n/g, '\\n');
}

/**
 * An iCalendar file of the events, with times in UTC so every calendar places them right.
 * Texts are made safe first (`safeText`: no control characters, so no lone CR, and line
 * breaks as LF), then escaped for iCalendar.
 */
export function eventsToIcs(
	events: Pick<table.Event, 'id' | 'title' | 'description' | 'place' | 'startsAt' | 'endsAt'>[],
	options: { calendarName: string; host: string; url?: (eventId: number) => string }
): string {
	// The library escapes SUMMARY, DESCRIPTION and LOCATION, but only line breaks in the
	// calendar's name, so that one is escaped here.
	const calendarName = escapeText(options.calendarName);
	if (events.length === 0) {
		return refold(
			[
				'BEGIN:VCALENDAR',
				'VERSION:2.0',
				'PRODID:-//Mitwirken//DE',
				`X-WR-CALNAME:${calendarName}`,
				'END:VCALENDAR',
				''
			].join('\r\n')
		);
	}
	const attributes: EventAttributes[] = events.map((event) => ({
		uid: `event-${event.id}@${options.host}`,
		title: safeText(event.title),
		description: safeText(event.description) || undefined,
		location: safeText(event.place) || undefined,
		url: options.url?.(event.id),
		start: localToInstant(event.startsAt),
		startInputType: 'utc',
		startOutputType: 'utc',
		end: localToInstant(event.endsAt),
		endInputType: 'utc',
		endOutputType: 'utc',
		productId: 'Mitwirken',
		calName: calendarName
	}));
	const { error, value } = createEvents(attributes);
	if (error || !value) throw error ?? new Error('calendar could not be written');
	return refold(value);
}
