import { describe, expect, it } from 'vitest';
import { throttleKey } from './throttle-key';

describe('throttleKey', () => {
	it('counts IPv4 per address, also when written as IPv6', () => {
		expect(throttleKey('203.0.113.7')).toBe('203.0.113.7');
		expect(throttleKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
		expect(throttleKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
	});

	it('counts IPv6 per /64, however the address is written', () => {
		const key = '2001:db8:85a3:1::/64';
		for (const address of [
			'2001:db8:85a3:1::1',
			'2001:0db8:85a3:0001:ffff:ffff:ffff:ffff',
			'2001:DB8:85A3:1:abcd::9',
			'2001:db8:85a3:1::1%eth0'
		]) {
			expect(throttleKey(address), address).toBe(key);
		}
		expect(throttleKey('2001:db8:85a3:2::1')).not.toBe(key);
		expect(throttleKey('::1')).toBe('0:0:0:0::/64');
		expect(throttleKey('2001:db8::')).toBe('2001:db8:0:0::/64');
	});

	it('keys a value that is no address as it is, without failing', () => {
		for (const forged of ['1:2:3:4:5:6:7:8::1:2', '::ffff:999.1', 'zz::', '', 'x'.repeat(1000)]) {
			expect(throttleKey(forged)).toBe(forged);
		}
	});
});
