import { FailureThrottle, TokenBucket } from './throttle';

/** Five free failures per account, then 30 s, 1 min, 2 min … up to 15 min. */
export const accountThrottle = new FailureThrottle<string>(5, 30_000, 15 * 60_000);

/**
 * Per client address, generous: a whole town hall may share one address. 30 attempts, then one
 * more every 10 s.
 */
export const addressBucket = new TokenBucket<string>(30, 10_000);
