import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/**
 * Tokens are `id.secret`: the id finds the row, and only a SHA-256 of the secret is stored,
 * so a leaked database does not leak usable tokens.
 */
export interface IssuedToken {
	id: string;
	secretHash: Buffer;
	token: string;
}

function randomString(bytes: number): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function hashSecret(secret: string): Buffer {
	return Buffer.from(sha256(new TextEncoder().encode(secret)));
}

export function issueToken(): IssuedToken {
	const id = randomString(15);
	const secret = randomString(20);
	return { id, secretHash: hashSecret(secret), token: `${id}.${secret}` };
}

export function splitToken(token: string): { id: string; secret: string } | null {
	const parts = token.split('.');
	if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
	return { id: parts[0], secret: parts[1] };
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
	return constantTimeEqual(hashSecret(secret), storedHash);
}
