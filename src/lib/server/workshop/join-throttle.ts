/**
 * Joining and looking up join codes, throttled per client address. The limiters keep their
 * counts in memory; rate-limiter-flexible offers the same interface on Redis for the day the
 * app runs on more than one process.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { throttleKey } from '../network/throttle-key';

/**
 * New participants per address. A venue's whole audience often shares one Wi-Fi and so one
 * address: 300 people must get in within two minutes, all at once when the QR code goes up.
 */
export const joinBudget = { points: 300, duration: 120 };

/**
 * Codes that name no event, per address. People mistype a code now and then; a script tries
 * thousands. Ten misses at once, then the two-minute window has to run out: five a minute on
 * average, against 887 million possible codes. While an address is over budget, every look-up
 * is refused, right codes too, or the refusals themselves would tell a right guess apart.
 */
export const missedCodeBudget = { points: 10, duration: 120 };

const joins = new RateLimiterMemory({ keyPrefix: 'join', ...joinBudget });
const missedCodes = new RateLimiterMemory({ keyPrefix: 'join-code-miss', ...missedCodeBudget });

/** Milliseconds to wait from a refused `consume`; other failures propagate. */
function waitFrom(refusal: unknown): number {
	if (refusal instanceof RateLimiterRes) return Math.max(1, refusal.msBeforeNext);
	throw refusal;
}

/** 0 when the address may add a participant now (and counts it), else ms until it may. */
export function takeJoin(address: string): Promise<number> {
	return joins.consume(throttleKey(address)).then(() => 0, waitFrom);
}

/**
 * Whether to answer a code look-up: 0 to answer it, else ms until the address may look up
 * again. A miss is counted and judged in one step, so guesses sent in parallel cannot slip
 * past the budget between a check and a count.
 */
export async function judgeCodeLookup(address: string, found: boolean): Promise<number> {
	const key = throttleKey(address);
	if (!found) return missedCodes.consume(key).then(() => 0, waitFrom);
	const state = await missedCodes.get(key);
	return state && state.consumedPoints >= missedCodeBudget.points ? state.msBeforeNext : 0;
}

/** A wait in whole seconds, as `Retry-After` and the page say it. */
export function waitSeconds(waitMs: number): number {
	return Math.max(1, Math.ceil(waitMs / 1000));
}
