const sweepThreshold = 10_000;

/**
 * Failed logins per account: a few attempts are free, after them each failure doubles the wait. Success resets the count; an account left alone long enough is forgotten.
 */
export class FailureThrottle<Key> {
	private failures = new Map<Key, { count: number; lockedUntil: number; lastFailureAt: number }>();

	constructor(
		private freeAttempts: number,
		private baseLockMs: number,
		private maxLockMs: number
	) {}

	/** Milliseconds until the key may try again; 0 when it may try now. */
	retryAfter(key: Key, now = Date.now()): number {
		const entry = this.failures.get(key);
		return entry ? Math.max(0, entry.lockedUntil - now) : 0;
	}

	recordFailure(key: Key, now = Date.now()) {
		if (this.failures.size >= sweepThreshold) this.sweep(now);
		const count = (this.failures.get(key)?.count ?? 0) + 1;
		const excess = count - this.freeAttempts;
		const lockMs = excess >= 0 ? Math.min(this.baseLockMs * 2 ** excess, this.maxLockMs) : 0;
		this.failures.set(key, {
			count,
			lockedUntil: now + lockMs,
			lastFailureAt: now
		});
	}

	reset(key: Key) {
		this.failures.delete(key);
	}

	private sweep(now: number) {
		for (const [key, entry] of this.failures) {
			if (now - entry.lastFailureAt > 2 * this.maxLockMs) this.failures.delete(key);
		}
	}
}

/** Attempts per client address: a bucket of tokens that refills at a steady rate. */
export class TokenBucket<Key> {
	private buckets = new Map<Key, { tokens: number; refilledAt: number }>();

	constructor(
		private capacity: number,
		private refillIntervalMs: number
	) {}

	/** Takes one token; returns the milliseconds to wait when the bucket is empty, else 0. */
	take(key: Key, now = Date.now()): number {
		if (this.buckets.size >= sweepThreshold) this.sweep(now);
		const bucket = this.refilled(key, now);
		this.buckets.set(key, bucket);
		if (bucket.tokens < 1) return bucket.refilledAt + this.refillIntervalMs - now;
		bucket.tokens -= 1;
		return 0;
	}

	/** Drops a key that will not come back (a closed socket), so the map stays small. */
	forget(key: Key) {
		this.buckets.delete(key);
	}

	private refilled(key: Key, now: number) {
		const bucket = this.buckets.get(key);
		if (!bucket) return { tokens: this.capacity, refilledAt: now };
		const steps = Math.floor((now - bucket.refilledAt) / this.refillIntervalMs);
		const tokens = Math.min(this.capacity, bucket.tokens + steps);
		const refilledAt =
			tokens === this.capacity ? now : bucket.refilledAt + steps * this.refillIntervalMs;
		return { tokens, refilledAt };
	}

	private sweep(now: number) {
		for (const key of this.buckets.keys()) {
			if (this.refilled(key, now).tokens === this.capacity) this.buckets.delete(key);
		}
	}
}
