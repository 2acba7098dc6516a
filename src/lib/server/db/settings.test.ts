import { describe, expect, it } from 'vitest';
import { defaultSynchronous, parseSynchronous, SettingError } from './settings';

describe('DB_SYNCHRONOUS', () => {
	it('is the default when unset or empty', () => {
		expect(parseSynchronous(undefined)).toBe(defaultSynchronous);
		expect(parseSynchronous('  ')).toBe(defaultSynchronous);
	});

	it('takes full or normal, in any case and with spaces', () => {
		expect(parseSynchronous('full')).toBe('full');
		expect(parseSynchronous(' NORMAL ')).toBe('normal');
	});

	it('refuses anything else with a message naming the variable and the value', () => {
		for (const wrong of ['off', 'extra', '1', 'fulll']) {
			expect(() => parseSynchronous(wrong)).toThrow(SettingError);
			expect(() => parseSynchronous(wrong)).toThrow(
				`DB_SYNCHRONOUS must be "full" or "normal", not "${wrong}"`
			);
		}
	});
});
