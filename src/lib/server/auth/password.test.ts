import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password';

describe('passwords', () => {
	it('are hashed with argon2id and a fresh salt each time', async () => {
		const first = await hashPassword('Integration2026!');
		const second = await hashPassword('Integration2026!');
		expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(first).not.toBe(second);
		expect(first).not.toContain('Integration2026!');
	});

	it('verify only the right password', async () => {
		const hash = await hashPassword('Integration2026!');
		expect(await verifyPassword(hash, 'Integration2026!')).toBe(true);
		expect(await verifyPassword(hash, 'integration2026!')).toBe(false);
		expect(await verifyPassword(hash, '')).toBe(false);
	});

	it('treat a damaged hash as a mismatch, not a crash', async () => {
		expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
	});

	it('spend the same effort when there is no account', async () => {
		expect(await verifyAgainstNothing('anything')).toBe(false);
	});
});
