import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { maxPasswordLength } from '../auth/password';
import {
	minPasswordLength,
	passwordProblem,
	type PasswordOwner,
	type PasswordProblem
} from '../auth/password-policy';
import { roles } from '../auth/roles';
import { cleanLine, cleanText } from '../../text/clean';
import { organisationKinds } from '../db/schema';

/**
 * Typed text, cleaned once here (`$lib/text/clean`): no control characters, lone surrogates or
 * bidi overrides, line breaks as LF, NFC, trimmed. The limit counts what is left.
 */
export function requiredText(max: number, clean: (text: string) => string = cleanText) {
	return v.pipe(
		v.string(() => m.error_required()),
		v.transform(clean),
		v.nonEmpty(() => m.error_required()),
		v.maxLength(max, () => m.error_too_long({ max }))
	);
}

export function optionalText(max: number, clean: (text: string) => string = cleanText) {
	return v.optional(
		v.pipe(
			v.string(),
			v.transform(clean),
			v.maxLength(max, () => m.error_too_long({ max }))
		),
		''
	);
}

/** One line of text, such as a name: line breaks and tabs become spaces. */
export const requiredLine = (max: number) => requiredText(max, cleanLine);
export const optionalLine = (max: number) => optionalText(max, cleanLine);

export function choice<const T extends readonly string[]>(options: T) {
	return v.picklist(options, () => m.error_choice());
}

export const email = v.pipe(
	v.string(() => m.error_required()),
	v.trim(),
	v.nonEmpty(() => m.error_required()),
	v.maxLength(254, () => m.error_too_long({ max: 254 })),
	v.email(() => m.error_email())
);

/** A password as typed at login: anything non-empty, bounded so hashing stays cheap. */
export const enteredPassword = v.pipe(
	v.string(() => m.error_required()),
	v.nonEmpty(() => m.error_required()),
	v.maxLength(maxPasswordLength, () => m.error_too_long({ max: maxPasswordLength }))
);

function passwordMessage(problem: PasswordProblem): string {
	switch (problem) {
		case 'too_short':
			return m.error_too_short({ min: minPasswordLength });
		case 'too_long':
			return m.error_too_long({ max: maxPasswordLength });
		case 'common':
			return m.error_password_common();
		case 'personal':
			return m.error_password_personal();
	}
}

/** A newly chosen password, checked against the policy (`passwordProblem`) for its owner. */
export function newPasswordOf(owner: PasswordOwner = {}) {
	return v.pipe(
		v.string(() => m.error_required()),
		v.nonEmpty(() => m.error_required()),
		v.rawCheck(({ dataset, addIssue }) => {
			if (!dataset.typed) return;
			const problem = passwordProblem(dataset.value, owner);
			if (problem) addIssue({ message: passwordMessage(problem) });
		})
	);
}

export const newPassword = newPasswordOf();

/**
 * For forms that ask for a name, an e-mail address and a new password together (set-up,
 * invitation), as a `v.partialCheck` on the form: the password must not be built from them.
 */
export function passwordNotPersonal(input: { name: string; email: string; password: string }) {
	return passwordProblem(input.password, input) !== 'personal';
}

export const personName = requiredLine(120);
export const organisationName = requiredLine(120);
export const organisationKind = choice(organisationKinds);
export const role = choice(roles);
