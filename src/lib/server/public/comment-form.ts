import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { optionalLine, requiredText } from '../forms/fields';

export const maxCommentLength = 2000;
export const maxCommentNameLength = 100;

/** "field:12" or "measure:34": what the comment is about. */
const target = v.pipe(
	v.string(() => m.error_choice()),
	v.regex(/^(field|measure):[1-9][0-9]{0,9}$/, () => m.error_choice()),
	v.transform((value) => {
		const [kind, id] = value.split(':') as ['field' | 'measure', string];
		return { kind, id: Number(id) };
	})
);

export const commentForm = v.object({
	target,
	name: optionalLine(maxCommentNameLength),
	text: requiredText(maxCommentLength),
	/** The honeypot: hidden from people, filled in by form-filling scripts. */
	website: v.optional(v.string(), '')
});
