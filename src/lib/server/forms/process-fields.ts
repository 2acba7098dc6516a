import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
const localDateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

function isRealDate(value: string): boolean {
	const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value.slice(0, 10);
}

export const isoDate = v.pipe(
	v.string(() => m.error_required()),
	v.trim(),
	v.nonEmpty(() => m.error_required()),
	v.regex(isoDatePattern, () => m.error_date()),
	v.check(isRealDate, () => m.error_date())
);

/** An optional date: empty input becomes null. */
export const optionalIsoDate = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.transform((value) => value || null),
	v.nullable(
		v.pipe(
			v.string(),
			v.regex(isoDatePattern, () => m.error_date()),
			v.check(isRealDate, () => m.error_date())
		)
	)
);

export const localDateTime = v.pipe(
	v.string(() => m.error_required()),
	v.trim(),
	v.nonEmpty(() => m.error_required()),
	v.regex(localDateTimePattern, () => m.error_datetime()),
	v.check(isRealDate, () => m.error_datetime())
);

/** An HTML checkbox: present means true. */
export const checkbox = v.pipe(
	v.optional(v.string(), ''),
	v.transform((value) => value !== '')
);

/** An id chosen in a select; empty means none. */
export const optionalId = v.pipe(
	v.optional(v.string(), ''),
	v.transform((value) => (value === '' ? null : Number(value))),
	v.nullable(
		v.pipe(
			v.number(),
			v.integer(() => m.error_choice()),
			v.minValue(1, () => m.error_choice())
		)
	)
);

export const id = v.pipe(
	v.string(() => m.error_choice()),
	v.transform(Number),
	v.number(() => m.error_choice()),
	v.integer(() => m.error_choice()),
	v.minValue(1, () => m.error_choice())
);

export const direction = v.picklist(['up', 'down'], () => m.error_choice());

export function optionalCount(max: number) {
	return v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.transform((value) => (value === '' ? null : Number(value))),
		v.nullable(
			v.pipe(
				v.number(() => m.error_number({ max })),
				v.integer(() => m.error_number({ max })),
				v.minValue(0, () => m.error_number({ max })),
				v.maxValue(max, () => m.error_number({ max }))
			)
		)
	);
}

/** A pair of dates or times where the end must not come before the start. */
export function endNotBeforeStart<T extends Record<string, unknown>>(
	startKey: keyof T & string,
	endKey: keyof T & string
) {
	return v.rawCheck<T>(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const start = dataset.value[startKey];
		const end = dataset.value[endKey];
		if (typeof start === 'string' && typeof end === 'string' && end < start) {
			addIssue({
				message: m.error_end_before_start(),
				path: [{ type: 'object', origin: 'value', input: dataset.value, key: endKey, value: end }]
			});
		}
	});
}
