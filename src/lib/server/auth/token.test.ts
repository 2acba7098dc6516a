import { describe, expect, it } from 'vitest';
import { hashSecret, issueToken, secretMatches, splitToken } from './token';

describe('tokens', () => {
	it('are id.secret, and only the hash of the secret is kept', () => {
		const { id, secretHash, token } = issueToken();
		const parts = splitToken(token);
		expect(parts?.id).toBe(id);
		expect(parts?.secret).toMatch(/^[a-z2-7]{32}$/);
		expect(secretHash).toHaveLength(32);
		expect(secretHash.equals(hashSecret(parts!.secret))).toBe(true);
		expect(token).not.toContain(secretHash.toString('hex'));
	});

	it('are unique', () => {
		const tokens = new Set(Array.from({ length: 1000 }, () => issueToken().token));
		expect(tokens.size).toBe(1000);
	});

	it('compare secrets against the stored hash', () => {
		const { secretHash, token } = issueToken();
		const { secret } = splitToken(token)!;
		expect(secretMatches(secret, secretHash)).toBe(true);
		expect(secretMatches(secret + 'x', secretHash)).toBe(false);
		expect(secretMatches(secret, new Uint8Array(32))).toBe(false);
	});

	it.each(['', 'abc', 'a.b.c', '.secret', 'id.', 'id..'])('reject malformed token %j', (token) => {
		expect(splitToken(token)).toBeNull();
	});
});
