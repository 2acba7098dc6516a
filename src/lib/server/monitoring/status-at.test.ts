import { describe, expect, it } from 'vitest';
import { statusAt, type StatusEntry } from './status-at';

let nextId = 1;
const entry = (
	recordedOn: string,
	status: StatusEntry['status'],
	correctsId: number | null = null
): StatusEntry => ({ id: nextId++, recordedOn, status, correctsId });

describe('the status at a date', () => {
	it('is the latest entry on or before the day, whatever order the entries were made in', () => {
		const latest = entry('2026-09-01', 'done');
		const backFilled = entry('2026-03-01', 'in_implementation');
		const entries = [latest, backFilled];
		expect(statusAt(entries, '2026-12-31', 'adopted')).toEqual({ status: 'done', entry: latest });
		expect(statusAt(entries, '2026-09-01', 'adopted').status).toBe('done');
		expect(statusAt(entries, '2026-08-31', 'adopted')).toEqual({
			status: 'in_implementation',
			entry: backFilled
		});
	});

	it('does not let a later entry leak into an earlier day', () => {
		const entries = [entry('2026-05-01', 'in_implementation'), entry('2030-01-01', 'dropped')];
		expect(statusAt(entries, '2027-12-31', 'adopted').status).toBe('in_implementation');
		// Before the first entry nothing was reported, and the catalogue status came from an entry.
		expect(statusAt(entries, '2026-04-30', 'dropped')).toEqual({ status: null, entry: null });
	});

	it('is the catalogue status on every day for a measure without entries', () => {
		expect(statusAt([], '2000-01-01', 'adopted')).toEqual({ status: 'adopted', entry: null });
		expect(statusAt([], '2099-12-31', 'agreed').status).toBe('agreed');
	});

	it('on the same day takes the entry recorded later', () => {
		const first = entry('2026-05-01', 'in_implementation');
		const second = entry('2026-05-01', 'done');
		expect(statusAt([second, first], '2026-05-01', 'adopted').entry).toBe(second);
		expect(statusAt([first, second], '2026-05-01', 'adopted').entry).toBe(second);
	});

	it('counts a corrected entry as its correction, in the corrected entry’s place', () => {
		const wrong = entry('2026-05-01', 'done');
		const fix = entry('2026-05-01', 'in_implementation', wrong.id);
		expect(statusAt([wrong, fix], '2026-06-01', 'adopted')).toEqual({
			status: 'in_implementation',
			entry: fix
		});

		// Correcting the earlier of two entries on one day does not override the later one.
		const morning = entry('2026-07-01', 'in_implementation');
		const evening = entry('2026-07-01', 'deferred');
		const morningFixed = entry('2026-07-01', 'in_implementation', morning.id);
		expect(statusAt([morning, evening, morningFixed], '2026-07-01', 'adopted').entry).toBe(evening);

		// Nor does correcting an older entry override a newer one.
		const old = entry('2026-01-10', 'adopted');
		const newer = entry('2026-02-10', 'done');
		const oldFixed = entry('2026-01-10', 'in_implementation', old.id);
		expect(statusAt([old, newer, oldFixed], '2026-03-01', 'proposed').entry).toBe(newer);
		expect(statusAt([old, newer, oldFixed], '2026-01-31', 'proposed').entry).toBe(oldFixed);
	});

	it('follows a corrected correction, and a correction that moves the day', () => {
		const wrong = entry('2026-05-01', 'done');
		const fix = entry('2026-05-01', 'dropped', wrong.id);
		const fixOfFix = entry('2026-06-15', 'deferred', fix.id);
		const entries = [wrong, fix, fixOfFix];
		expect(statusAt(entries, '2026-05-31', 'adopted')).toEqual({ status: null, entry: null });
		expect(statusAt(entries, '2026-06-15', 'adopted').entry).toBe(fixOfFix);
	});
});
