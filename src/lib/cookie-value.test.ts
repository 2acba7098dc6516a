import { describe, expect, it } from 'vitest';
import { cookieValue } from './cookie-value';

describe('cookieValue', () => {
	it('finds a cookie and decodes it', () => {
		expect(cookieValue('a=1; PARAGLIDE_LOCALE=tr; b=%C3%BC', 'PARAGLIDE_LOCALE')).toBe('tr');
		expect(cookieValue('a=1; b=%C3%BC', 'b')).toBe('ü');
		expect(cookieValue('a=x=y', 'a')).toBe('x=y');
		expect(cookieValue(undefined, 'a')).toBeUndefined();
		expect(cookieValue('', 'a')).toBeUndefined();
	});

	it('treats a value that cannot be decoded as absent instead of throwing', () => {
		for (const bad of ['%', 'abc%', '%E0%A4%A', '%ZZ', '%C3']) {
			expect(cookieValue(`mitwirken_participant=${bad}`, 'mitwirken_participant')).toBeUndefined();
		}
	});

	it('takes the first of duplicate cookies and survives garbage around them', () => {
		expect(cookieValue('a=1; a=2', 'a')).toBe('1');
		expect(cookieValue('a=%; a=2', 'a')).toBe('2');
		expect(cookieValue(';;; =; a; =b; a=\u0000\u0007x', 'a')).toBe('\u0000\u0007x');
		expect(cookieValue(`a=${'x'.repeat(8192)}`, 'a')).toHaveLength(8192);
	});
});
