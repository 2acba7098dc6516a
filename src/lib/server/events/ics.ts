import { createEvents, type EventAttributes } from 'ics';
import type * as table from '../db/schema';
import { localToInstant } from '../time';

/** An iCalendar file of the events, with times in UTC so every calendar places them right. */
export function eventsToIcs(
	events: Pick<table.Event, 'id' | 'title' | 'description' | 'place' | 'startsAt' | 'endsAt'>[],
	options: { calendarName: string; host: string; url?: (eventId: number) => string }
): string {
	if (events.length === 0) {
		return [
			'BEGIN:VCALENDAR',
			'VERSION:2.0',
			'PRODID:-//Mitwirken//DE',
			`X-WR-CALNAME:${options.calendarName.replace(/[\r\n,;\\]/g, ' ')}`,
			'END:VCALENDAR',
			''
		].join('\r\n');
	}
	const attributes: EventAttributes[] = events.map((event) => ({
		uid: `event-${event.id}@${options.host}`,
		title: event.title,
		description: event.description || undefined,
		location: event.place || undefined,
		url: options.url?.(event.id),
		start: localToInstant(event.startsAt),
		startInputType: 'utc',
		startOutputType: 'utc',
		end: localToInstant(event.endsAt),
		endInputType: 'utc',
		endOutputType: 'utc',
		productId: 'Mitwirken',
		calName: options.calendarName
	}));
	const { error, value } = createEvents(attributes);
	if (error || !value) throw error ?? new Error('calendar could not be written');
	return value;
}
