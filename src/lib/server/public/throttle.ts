/**
 * Public comments, throttled per client address like joining a workshop
 * (src/lib/server/workshop/join-throttle.ts): a person comments on a few measures, a script
 * on thousands. Counts in memory; rate-limiter-flexible has the same interface on Redis.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { throttleKey } from '../network/throttle-key';

/** Comments per address and quarter hour: an office or a family may share one address. */
export const commentBudget = { points: 10, duration: 15 * 60 };

const comments = new RateLimiterMemory({ keyPrefix: 'public-comment', ...commentBudget });

/** 0 when the address may comment now (and counts it), else ms until it may. */
export function takeComment(address: string): Promise<number> {
	return comments.consume(throttleKey(address)).then(
		() => 0,
		(refusal: unknown) => {
			if (refusal instanceof RateLimiterRes) return Math.max(1, refusal.msBeforeNext);
			throw refusal;
		}
	);
}
