import { dictionary } from '@zxcvbn-ts/language-common';
import { maxPasswordLength, minPasswordLength } from '../../password-policy';

export { maxPasswordLength, minPasswordLength };

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'personal';

/** Whose password it is: it must not contain their e-mail address or name. */
export interface PasswordOwner {
	email?: string;
	name?: string;
}

/** Shorter parts of a name or address (e.g. "it" of it@kreis.example) are too common to refuse. */
const minPersonalLength = 4;

let commonPasswords: Set<string> | undefined;

/** The commonly breached passwords bundled with zxcvbn-ts, so the check needs no network. */
function isCommon(password: string): boolean {
	commonPasswords ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
	return commonPasswords.has(password.toLowerCase());
}

function simplified(text: string): string {
	return text.toLowerCase().replace(/\s+/g, '');
}

function personalParts(owner: PasswordOwner): string[] {
	const email = owner.email?.trim() ?? '';
	const parts = [email, email.split('@')[0] ?? '', owner.name ?? ''];
	return parts.map(simplified).filter((part) => part.length >= minPersonalLength);
}

/**
 * The one password policy of every place a password is chosen (set-up, invitation, reset,
 * change, command line): long enough, not a commonly breached one, and not built from the
 * owner's e-mail address or name. Null when the password is fine.
 */
export function passwordProblem(
	password: string,
	owner: PasswordOwner = {}
): PasswordProblem | null {
	if (password.length < minPasswordLength) return 'too_short';
	if (password.length > maxPasswordLength) return 'too_long';
	if (isCommon(password)) return 'common';
	const typed = simplified(password);
	for (const part of personalParts(owner)) {
		if (typed.includes(part) || part.includes(typed)) return 'personal';
	}
	return null;
}
