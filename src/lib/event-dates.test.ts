import { describe, expect, it } from 'vitest';
import { eventMonths, formatMonthRange, isHeld, monthRangeBounds } from './event-dates';

describe('month ranges', () => {
	it('are stored as the first minute of the first month to the last minute of the last', () => {
		expect(monthRangeBounds('2017-03', '2017-05')).toEqual({
			startsAt: '2017-03-01T00:00',
			endsAt: '2017-05-31T23:59'
		});
		expect(monthRangeBounds('2016-02', '2016-02').endsAt).toBe('2016-02-29T23:59');
		expect(monthRangeBounds('2017-02', '2017-02').endsAt).toBe('2017-02-28T23:59');
		expect(monthRangeBounds('2016-12', '2017-01').endsAt).toBe('2017-01-31T23:59');
	});

	it('are read back from an event known only to the month, and only from such', () => {
		const stored = { ...monthRangeBounds('2017-03', '2017-05'), datePrecision: 'month' as const };
		expect(eventMonths(stored)).toEqual({ start: '2017-03', end: '2017-05' });
		expect(eventMonths({ ...stored, datePrecision: 'day' })).toBeNull();
	});

	it('read "März–Mai 2017" in German and name the year once or twice as needed', () => {
		expect(formatMonthRange('2017-03', '2017-05', 'de-DE')).toBe('März–Mai 2017');
		expect(formatMonthRange('2017-03', '2017-03', 'de-DE')).toBe('März 2017');
		// Intl puts thin spaces around the dash where a side has its own year.
		const spaced = (text: string) => text.replace(/\s/g, ' ');
		expect(spaced(formatMonthRange('2016-12', '2017-02', 'de-DE'))).toBe(
			'Dezember 2016 – Februar 2017'
		);
		expect(spaced(formatMonthRange('2017-03', '2017-05', 'en'))).toBe('March – May 2017');
	});

	it('sort chronologically among exact dates by their stored start', () => {
		const starts = [
			'2017-04-12T18:00',
			monthRangeBounds('2017-03', '2017-05').startsAt,
			'2017-02-28T23:00'
		].sort();
		expect(starts).toEqual(['2017-02-28T23:00', '2017-03-01T00:00', '2017-04-12T18:00']);
	});
});

describe('isHeld', () => {
	const planned = { status: 'planned', joinCode: null, markedHeld: false } as const;

	it('counts an event whose live session was closed', () => {
		expect(isHeld({ ...planned, status: 'closed', joinCode: 'ABCDEF' })).toBe(true);
		expect(isHeld({ ...planned, status: 'live', joinCode: 'ABCDEF' })).toBe(false);
	});

	it('counts an event staff marked held, and not one merely set closed without a session', () => {
		expect(isHeld({ ...planned, markedHeld: true })).toBe(true);
		expect(isHeld({ ...planned, status: 'closed' })).toBe(false);
		expect(isHeld(planned)).toBe(false);
	});
});
