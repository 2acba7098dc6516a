/**
 * Stable error codes of the live protocol (docs/live-protocol.md). Clients translate them;
 * the server never sends prose.
 */
export const liveErrorCodes = [
	'invalid_payload',
	'unauthorised',
	'not_found',
	'wrong_stage',
	'rate_limited',
	'budget_exhausted',
	'target_limit',
	'no_dot_there',
	'server_error'
] as const;

export type LiveErrorCode = (typeof liveErrorCodes)[number];

export type LiveResult<T> = { ok: true; value: T } | { ok: false; error: LiveErrorCode };

export const ok = <T>(value: T): LiveResult<T> => ({ ok: true, value });
export const failure = (error: LiveErrorCode): { ok: false; error: LiveErrorCode } => ({
	ok: false,
	error
});
