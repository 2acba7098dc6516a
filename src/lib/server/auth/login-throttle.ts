/**
 * Failed logins, throttled so that nobody can lock the owner out of an account:
 * - per account *and* address: a few free failures, then each one doubles the wait. An attacker's
 *   address is slowed down while the owner, from anywhere else, still gets in;
 * - per address, failures on any account: a generous cap, so that a town hall of several hundred
 *   people behind one address all log in, while one address cannot try thousands of accounts.
 * Successful logins do not count. Attempts are counted before the password is checked and
 * forgiven when it was right, so guesses sent in parallel cannot slip past the count.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { FailureThrottle } from './throttle';
import { throttleKey } from '../network/throttle-key';

export interface LoginThrottleOptions {
	/** Failures per account and address before the waits begin. */
	freeFailures: number;
	/** The first wait; each further failure doubles it, up to `maxDelayMs`. */
	baseDelayMs: number;
	maxDelayMs: number;
	/** Failures per address, on any accounts, within `addressWindowMs`. */
	addressFailures: number;
	addressWindowMs: number;
}

export const loginThrottleDefaults: LoginThrottleOptions = {
	freeFailures: 5,
	baseDelayMs: 30_000,
	maxDelayMs: 15 * 60_000,
	addressFailures: 1000,
	addressWindowMs: 15 * 60_000
};

export type LoginAttempt = { allowed: true } | { allowed: false; waitMs: number };

export class LoginThrottle {
	private pairs: FailureThrottle<string>;
	private addresses: RateLimiterMemory;

	constructor(options: LoginThrottleOptions = loginThrottleDefaults) {
		this.pairs = new FailureThrottle(options.freeFailures, options.baseDelayMs, options.maxDelayMs);
		this.addresses = new RateLimiterMemory({
			keyPrefix: 'login-failures',
			points: options.addressFailures,
			duration: Math.ceil(options.addressWindowMs / 1000)
		});
	}

	/**
	 * Whether this address may try this account now. If so, the attempt is counted as a failure
	 * until `succeeded` forgives it.
	 */
	async attempt(email: string, address: string, now = Date.now()): Promise<LoginAttempt> {
		const key = throttleKey(address);
		const pair = pairKey(email, key);
		const pairWait = this.pairs.retryAfter(pair, now);
		if (pairWait > 0) return { allowed: false, waitMs: pairWait };
		// Counted at once, before anything is awaited, so parallel guesses see each other.
		this.pairs.recordFailure(pair, now);
		try {
			await this.addresses.consume(key);
		} catch (refusal) {
			if (!(refusal instanceof RateLimiterRes)) throw refusal;
			return { allowed: false, waitMs: Math.max(1, refusal.msBeforeNext) };
		}
		return { allowed: true };
	}

	/** The password was right: the attempt was no failure, and the pair starts afresh. */
	async succeeded(email: string, address: string) {
		const key = throttleKey(address);
		this.pairs.reset(pairKey(email, key));
		await this.addresses.reward(key);
	}
}

function pairKey(email: string, address: string): string {
	return `${address} ${email}`;
}

export const loginThrottle = new LoginThrottle();

/** A wait as the page says it: seconds under a minute, else whole minutes. */
export function describeWait(waitMs: number): { seconds: number } | { minutes: number } {
	const seconds = Math.max(1, Math.ceil(waitMs / 1000));
	return seconds < 60 ? { seconds } : { minutes: Math.ceil(seconds / 60) };
}
