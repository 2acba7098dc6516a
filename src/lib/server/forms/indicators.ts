import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import * as field from './fields';
import { id, isoDate } from './process-fields';

/** A number as typed, with a decimal comma or point ("12,5"); no thousands separators. */
const decimal = v.pipe(
	v.string(() => m.error_required()),
	v.trim(),
	v.nonEmpty(() => m.error_required()),
	v.regex(/^-?\d{1,12}([.,]\d{1,6})?$/, () => m.error_decimal()),
	v.transform((value) => Number(value.replace(',', '.')))
);

const optionalDecimal = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.union(
		[
			v.pipe(
				v.literal(''),
				v.transform(() => null)
			),
			decimal
		],
		() => m.error_decimal()
	)
);

const optionalDate = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.union(
		[
			v.pipe(
				v.literal(''),
				v.transform(() => null)
			),
			isoDate
		],
		() => m.error_date()
	)
);

export const indicatorForm = v.object({
	goalId: id,
	name: field.requiredLine(300),
	unit: field.optionalLine(40),
	baselineValue: optionalDecimal,
	baselineOn: optionalDate,
	targetValue: optionalDecimal,
	targetOn: optionalDate
});

export const indicatorValueForm = v.object({
	indicatorId: id,
	measuredOn: isoDate,
	value: decimal,
	note: field.optionalText(1000)
});
