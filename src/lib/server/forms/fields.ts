import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { maxPasswordLength, minPasswordLength } from '../auth/password';
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

export const newPassword = v.pipe(
	v.string(() => m.error_required()),
	v.nonEmpty(() => m.error_required()),
	v.minLength(minPasswordLength, () => m.error_too_short({ min: minPasswordLength })),
	v.maxLength(maxPasswordLength, () => m.error_too_long({ max: maxPasswordLength }))
);

export const personName = requiredLine(120);
export const organisationName = requiredLine(120);
export const organisationKind = choice(organisationKinds);
export const role = choice(roles);
