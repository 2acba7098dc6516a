import { describe, expect, it } from 'vitest';
import { icsText, parseIcs } from '../../../../tests/parsers';
import { safeText } from '../../text/clean';
import { eventsToIcs } from './ics';

describe('eventsToIcs', () => {
	it('writes events in UTC with a stable uid', () => {
		const ics = eventsToIcs(
			[
				{
					id: 7,
					title: 'Fachkonferenz Wohnen',
					description: 'Ideen sammeln',
					place: 'Rathaus Landau, Saal 1',
					startsAt: '2026-03-10T18:00',
					endsAt: '2026-03-10T20:30',
					datePrecision: 'day'
				}
			],
			{ calendarName: 'Integrationskonzept 2.0', host: 'mitwirken.example' }
		);
		expect(ics).toContain('BEGIN:VCALENDAR');
		expect(ics).toContain('UID:event-7@mitwirken.example');
		expect(ics).toContain('DTSTART:20260310T170000Z');
		expect(ics).toContain('DTEND:20260310T193000Z');
		expect(ics).toContain('SUMMARY:Fachkonferenz Wohnen');
	});

	it('leaves out events known only to the month: RFC 5545 has no month-long uncertainty', () => {
		const ics = eventsToIcs(
			[
				{
					id: 8,
					title: 'Fachkonferenzen',
					description: '',
					place: '',
					startsAt: '2017-03-01T00:00',
					endsAt: '2017-05-31T23:59',
					datePrecision: 'month'
				}
			],
			{ calendarName: 'Integrationskonzept', host: 'mitwirken.example' }
		);
		expect(ics).not.toContain('BEGIN:VEVENT');
	});

	it('writes an empty calendar when there are no events', () => {
		const ics = eventsToIcs([], { calendarName: 'Leer', host: 'x' });
		expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
	});

	it('escapes, cleans and folds hostile text so calendars read it back whole', () => {
		const hostile =
			'Ä\\b;c,d\re\r\nf\ng \u0000\u0007\u001b\u007f\u0085 \ud800 \u202eÜ 👩🏽\u200d🔧 <script>';
		const long = 'Überlänge ✓ 😀 '.repeat(400);
		const event = {
			id: 3,
			title: hostile,
			description: long,
			place: hostile,
			startsAt: '2026-03-10T18:00',
			endsAt: '2026-03-10T20:30',
			datePrecision: 'day' as const
		};
		for (const events of [[event], []]) {
			const properties = parseIcs(
				eventsToIcs(events, { calendarName: hostile, host: 'mitwirken.example' })
			);
			const value = (name: string) => icsText(properties.find((p) => p.name === name)!.raw);
			expect(value('X-WR-CALNAME')).toBe(safeText(hostile));
			if (events.length === 0) continue;
			expect(value('SUMMARY')).toBe(safeText(hostile));
			expect(value('LOCATION')).toBe(safeText(hostile));
			expect(value('DESCRIPTION')).toBe(long);
		}
	});
});
