/**
 * Answers to a questionnaire, throttled per client address like public comments
 * (`public/throttle.ts`). A room of phones behind one router shares an address, so the budget is
 * larger than for comments; a script still cannot fill the results.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { throttleKey } from '../network/throttle-key';

/** Answers per address and quarter hour. */
export const answerBudget = { points: 60, duration: 15 * 60 };

const answers = new RateLimiterMemory({ keyPrefix: 'needs-answer', ...answerBudget });

/** 0 when the address may answer now (and counts it), else ms until it may. */
export function takeAnswer(address: string): Promise<number> {
	return answers.consume(throttleKey(address)).then(
		() => 0,
		(refusal: unknown) => {
			if (refusal instanceof RateLimiterRes) return Math.max(1, refusal.msBeforeNext);
			throw refusal;
		}
	);
}
