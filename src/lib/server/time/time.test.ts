import { describe, expect, it } from 'vitest';
import { localToInstant, todayIn } from '.';

describe('Berlin time', () => {
	it('converts wall-clock time in winter and summer', () => {
		expect(new Date(localToInstant('2026-01-15T18:00')).toISOString()).toBe(
			'2026-01-15T17:00:00.000Z'
		);
		expect(new Date(localToInstant('2026-07-15T18:00')).toISOString()).toBe(
			'2026-07-15T16:00:00.000Z'
		);
	});

	it('knows the German date when UTC is still on the day before', () => {
		expect(todayIn('Europe/Berlin', new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
	});
});
