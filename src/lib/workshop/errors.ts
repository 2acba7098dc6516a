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
	'client_id_reused',
	'server_error'
] as const;

export type LiveErrorCode = (typeof liveErrorCodes)[number];

/** Why a handshake was refused: `connect_error`'s `message`. */
export const handshakeErrorCodes = [
	'unauthorised',
	'forbidden_origin',
	'invalid_handshake'
] as const;
export type HandshakeErrorCode = (typeof handshakeErrorCodes)[number];

export type LiveResult<T> = { ok: true; value: T } | { ok: false; error: LiveErrorCode };
export type Refusal = { ok: false; error: LiveErrorCode };

export const ok = <T>(value: T): LiveResult<T> => ({ ok: true, value });
export const failure = (error: LiveErrorCode): Refusal => ({ ok: false, error });
