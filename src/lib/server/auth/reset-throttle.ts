/**
 * Requests for a reset link by e-mail, throttled per client address (a script trying addresses)
 * and per e-mail address (someone flooding another person's inbox). Both budgets are far above
 * what a person who forgot a password needs.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { throttleKey } from '../network/throttle-key';

export const resetRequestsPerAddress = { points: 10, duration: 15 * 60 };
export const resetMailsPerEmail = { points: 3, duration: 60 * 60 };

const perAddress = new RateLimiterMemory({
	keyPrefix: 'reset-address',
	...resetRequestsPerAddress
});
const perEmail = new RateLimiterMemory({ keyPrefix: 'reset-email', ...resetMailsPerEmail });

function waitFrom(refusal: unknown): number {
	if (refusal instanceof RateLimiterRes) return Math.max(1, refusal.msBeforeNext);
	throw refusal;
}

/** 0 when the address may ask for a link now (and counts it), else ms until it may. */
export function takeResetRequest(address: string): Promise<number> {
	return perAddress.consume(throttleKey(address)).then(() => 0, waitFrom);
}

/**
 * Whether another mail may go to this address now. The page answers the same either way, so
 * that the limit tells nobody whether the account exists.
 */
export function takeResetMail(email: string): Promise<boolean> {
	return perEmail.consume(email).then(
		() => true,
		(refusal) => {
			if (refusal instanceof RateLimiterRes) return false;
			throw refusal;
		}
	);
}
