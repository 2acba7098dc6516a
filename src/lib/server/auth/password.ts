import { hash, verify } from '@node-rs/argon2';

// OWASP's minimum for argon2id: 19 MiB, 2 iterations, 1 degree of parallelism.
const options = {
	memoryCost: 19456,
	timeCost: 2,
	outputLen: 32,
	parallelism: 1
};

export { maxPasswordLength, minPasswordLength } from '../../password-policy';

export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of a real verification, so unknown accounts cannot be told apart by timing. */
export async function verifyAgainstNothing(password: string): Promise<false> {
	dummyHash ??= hashPassword('no account has this password');
	await verifyPassword(await dummyHash, password);
	return false;
}
