import { describe, expect, it } from 'vitest';
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
					endsAt: '2026-03-10T20:30'
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

	it('writes an empty calendar when there are no events', () => {
		const ics = eventsToIcs([], { calendarName: 'Leer', host: 'x' });
		expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
	});
});
