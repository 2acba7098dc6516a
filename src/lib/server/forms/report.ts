import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import * as field from './fields';
import { id, isoDate } from './process-fields';

/** The longest text on one field of action in a report. */
export const narrativeMaxLength = 5000;

/** The text on a field of action for the report period it was written for. */
export const narrativeForm = v.pipe(
	v.object({
		fieldId: id,
		from: isoDate,
		to: isoDate,
		text: field.optionalText(narrativeMaxLength)
	}),
	v.forward(
		v.check(
			(input) => input.from <= input.to,
			() => m.error_end_before_start()
		),
		['to']
	)
);
