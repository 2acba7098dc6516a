import { describe, expect, it } from 'vitest';
import { describeWait, LoginThrottle, loginThrottleDefaults } from './login-throttle';

const options = {
	freeFailures: 3,
	baseDelayMs: 30_000,
	maxDelayMs: 15 * 60_000,
	addressFailures: 1000,
	addressWindowMs: 15 * 60_000
};

/** Fails `times` attempts of the pair at `now`, each of them allowed. */
async function fail(
	throttle: LoginThrottle,
	email: string,
	address: string,
	times: number,
	now: number
) {
	for (let i = 0; i < times; i++) {
		expect(await throttle.attempt(email, address, now)).toEqual({ allowed: true });
	}
}

describe('login throttle', () => {
	it('gives free failures per account and address, then doubles the wait up to the cap', async () => {
		const throttle = new LoginThrottle(options);
		const start = 1_000_000;
		await fail(throttle, 'a@kreis.example', '203.0.113.9', 3, start);
		expect(await throttle.attempt('a@kreis.example', '203.0.113.9', start)).toEqual({
			allowed: false,
			waitMs: 30_000
		});

		const waits: number[] = [];
		let now = start;
		for (let i = 0; i < 6; i++) {
			now += 15 * 60_000;
			await fail(throttle, 'a@kreis.example', '203.0.113.9', 1, now);
			const refused = await throttle.attempt('a@kreis.example', '203.0.113.9', now);
			waits.push(refused.allowed ? 0 : refused.waitMs);
		}
		expect(waits).toEqual([60_000, 120_000, 240_000, 480_000, 900_000, 900_000]);
	});

	it('keeps the owner in from another address while an attacker waits', async () => {
		const throttle = new LoginThrottle(options);
		await fail(throttle, 'owner@kreis.example', '198.51.100.66', 3, 0);
		expect((await throttle.attempt('owner@kreis.example', '198.51.100.66', 0)).allowed).toBe(false);
		expect((await throttle.attempt('owner@kreis.example', '192.0.2.10', 0)).allowed).toBe(true);
		expect((await throttle.attempt('other@kreis.example', '198.51.100.66', 0)).allowed).toBe(true);
	});

	it('forgives a right password: the pair starts afresh', async () => {
		const throttle = new LoginThrottle(options);
		await fail(throttle, 'a@kreis.example', '192.0.2.1', 2, 0);
		await throttle.succeeded('a@kreis.example', '192.0.2.1');
		await fail(throttle, 'a@kreis.example', '192.0.2.1', 3, 0);
		expect((await throttle.attempt('a@kreis.example', '192.0.2.1', 0)).allowed).toBe(false);
	});

	it('caps failures per address across accounts, but not successes', async () => {
		const throttle = new LoginThrottle({ ...options, addressFailures: 5 });
		for (let i = 0; i < 20; i++) {
			expect((await throttle.attempt(`p${i}@kreis.example`, '192.0.2.7')).allowed).toBe(true);
			await throttle.succeeded(`p${i}@kreis.example`, '192.0.2.7');
		}
		for (let i = 0; i < 5; i++) {
			expect((await throttle.attempt(`guess${i}@kreis.example`, '192.0.2.7')).allowed).toBe(true);
		}
		const refused = await throttle.attempt('guess9@kreis.example', '192.0.2.7');
		expect(refused.allowed).toBe(false);
		expect(!refused.allowed && refused.waitMs).toBeGreaterThan(0);
		expect((await throttle.attempt('guess9@kreis.example', '192.0.2.8')).allowed).toBe(true);
	});

	it('lets an office of 300 behind one address log in by default, with a typo each', async () => {
		const throttle = new LoginThrottle(loginThrottleDefaults);
		for (let i = 0; i < 300; i++) {
			expect((await throttle.attempt(`p${i}@kreis.example`, '192.0.2.50')).allowed).toBe(true);
			expect((await throttle.attempt(`p${i}@kreis.example`, '192.0.2.50')).allowed).toBe(true);
			await throttle.succeeded(`p${i}@kreis.example`, '192.0.2.50');
		}
	});

	it('says seconds under a minute, else minutes', () => {
		expect(describeWait(1)).toEqual({ seconds: 1 });
		expect(describeWait(30_000)).toEqual({ seconds: 30 });
		expect(describeWait(60_000)).toEqual({ minutes: 1 });
		expect(describeWait(61_000)).toEqual({ minutes: 2 });
	});
});
