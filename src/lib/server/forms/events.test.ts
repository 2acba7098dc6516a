import { describe, expect, it } from 'vitest';
import { todayIn } from '../time';
import { eventForm } from './events';
import { parseForm } from './parse';

function form(entries: Record<string, string>) {
	const data = new FormData();
	for (const [key, value] of Object.entries({ title: 'Fachkonferenzen', ...entries })) {
		data.set(key, value);
	}
	return parseForm(eventForm, data);
}

const month = (offset: number) => {
	const [year, m] = todayIn().split('-').map(Number) as [number, number];
	const date = new Date(Date.UTC(year, m - 1 + offset, 1));
	return date.toISOString().slice(0, 7);
};

describe('eventForm', () => {
	it('takes an exact day and time as before', () => {
		const parsed = form({ startsAt: '2026-03-10T18:00', endsAt: '2026-03-10T20:00' });
		expect(parsed.ok && parsed.data).toMatchObject({
			startsAt: '2026-03-10T18:00',
			endsAt: '2026-03-10T20:00',
			datePrecision: 'day'
		});
	});

	it('takes a past month range when the exact date is unknown', () => {
		const parsed = form({ exactDateUnknown: 'on', startMonth: '2017-03', endMonth: '2017-05' });
		expect(parsed.ok && parsed.data).toMatchObject({
			startsAt: '2017-03-01T00:00',
			endsAt: '2017-05-31T23:59',
			datePrecision: 'month'
		});
		expect(parsed.ok && 'startMonth' in parsed.data).toBe(false);
	});

	it('takes a range ending in the current month, refuses one ending later', () => {
		expect(form({ exactDateUnknown: 'on', startMonth: month(-2), endMonth: month(0) }).ok).toBe(
			true
		);
		const future = form({ exactDateUnknown: 'on', startMonth: month(-1), endMonth: month(1) });
		expect(future.ok).toBe(false);
		expect(!future.ok && future.errors.endMonth).toMatch(/vergangene|past/);
	});

	it('refuses an end before the start', () => {
		const parsed = form({ exactDateUnknown: 'on', startMonth: '2017-05', endMonth: '2017-03' });
		expect(!parsed.ok && Object.keys(parsed.errors)).toEqual(['endMonth']);
	});

	it('refuses garbage months and a missing day when the date is known', () => {
		for (const garbage of ['2017-13', '2017-3', '17-03', 'März 2017', '2017-03-01', '']) {
			const parsed = form({ exactDateUnknown: 'on', startMonth: garbage, endMonth: '2017-05' });
			expect(!parsed.ok && parsed.errors.startMonth, garbage).toBeTruthy();
		}
		const noDay = form({ startMonth: '2017-03', endMonth: '2017-05' });
		expect(!noDay.ok && Object.keys(noDay.errors).sort()).toEqual(['endsAt', 'startsAt']);
		expect(form({ exactDateUnknown: 'yes', startMonth: '2017-03', endMonth: '2017-05' }).ok).toBe(
			false
		);
	});
});
