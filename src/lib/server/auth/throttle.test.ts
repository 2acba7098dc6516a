import { describe, expect, it } from 'vitest';
import { FailureThrottle, TokenBucket } from './throttle';

describe('FailureThrottle', () => {
	it('lets the free attempts through, then doubles the wait up to the cap', () => {
		const throttle = new FailureThrottle<string>(3, 1000, 5000);
		const now = 1_000_000;
		for (let i = 0; i < 3; i++) {
			expect(throttle.retryAfter('a', now)).toBe(0);
			throttle.recordFailure('a', now);
		}
		expect(throttle.retryAfter('a', now)).toBe(1000);
		throttle.recordFailure('a', now);
		expect(throttle.retryAfter('a', now)).toBe(2000);
		throttle.recordFailure('a', now);
		throttle.recordFailure('a', now);
		expect(throttle.retryAfter('a', now)).toBe(5000);
		expect(throttle.retryAfter('a', now + 5000)).toBe(0);
		expect(throttle.retryAfter('b', now)).toBe(0);
	});

	it('forgets an account after a success', () => {
		const throttle = new FailureThrottle<string>(1, 1000, 5000);
		throttle.recordFailure('a', 0);
		expect(throttle.retryAfter('a', 0)).toBe(1000);
		throttle.reset('a');
		expect(throttle.retryAfter('a', 0)).toBe(0);
	});
});

describe('TokenBucket', () => {
	it('allows the capacity at once, then one per interval', () => {
		const bucket = new TokenBucket<string>(3, 1000);
		expect([bucket.take('ip', 0), bucket.take('ip', 0), bucket.take('ip', 0)]).toEqual([0, 0, 0]);
		expect(bucket.take('ip', 0)).toBe(1000);
		expect(bucket.take('ip', 400)).toBe(600);
		expect(bucket.take('ip', 1000)).toBe(0);
		expect(bucket.take('ip', 1000)).toBe(1000);
		expect(bucket.take('other', 0)).toBe(0);
	});

	it('refills to capacity and no further', () => {
		const bucket = new TokenBucket<string>(2, 1000);
		bucket.take('ip', 0);
		bucket.take('ip', 0);
		expect(bucket.take('ip', 60_000)).toBe(0);
		expect(bucket.take('ip', 60_000)).toBe(0);
		expect(bucket.take('ip', 60_000)).toBe(1000);
	});

	it('starts a forgotten key afresh', () => {
		const bucket = new TokenBucket<string>(1, 1000);
		bucket.take('socket', 0);
		expect(bucket.take('socket', 0)).toBe(1000);
		bucket.forget('socket');
		expect(bucket.take('socket', 0)).toBe(0);
	});
});
