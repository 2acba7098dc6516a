import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { monthPattern, monthRangeBounds } from '../../event-dates';
import { eventStatuses, stakeholderCategories } from '../db/schema';
import { todayIn } from '../time';
import * as field from './fields';
import { checkbox, endNotBeforeStart, localDateTime, optionalId } from './process-fields';

const commonEntries = {
	title: field.requiredLine(160),
	description: field.optionalText(4000),
	place: field.optionalLine(200),
	isPublic: checkbox,
	status: v.optional(field.choice(eventStatuses), 'planned'),
	bodyId: optionalId,
	phaseId: optionalId
};

const dayEntries = {
	...commonEntries,
	exactDateUnknown: v.optional(v.literal(''), ''),
	startsAt: localDateTime,
	endsAt: localDateTime
};

const month = v.pipe(
	v.string(() => m.error_required()),
	v.trim(),
	v.nonEmpty(() => m.error_required()),
	v.regex(monthPattern, () => m.error_month())
);

const monthEntries = {
	...commonEntries,
	exactDateUnknown: v.literal('on'),
	startMonth: month,
	endMonth: month
};
type MonthEntries = v.InferOutput<v.ObjectSchema<typeof monthEntries, undefined>>;

/** A month range is for past events: it may not end after the current month (Europe/Berlin). */
const monthRangeInPast = v.rawCheck<MonthEntries>(({ dataset, addIssue }) => {
	if (!dataset.typed) return;
	const { startMonth, endMonth } = dataset.value;
	const message =
		endMonth < startMonth
			? m.error_end_before_start()
			: endMonth > todayIn().slice(0, 7)
				? m.error_month_range_future()
				: null;
	if (message) {
		addIssue({
			message,
			path: [
				{ type: 'object', origin: 'value', input: dataset.value, key: 'endMonth', value: endMonth }
			]
		});
	}
});

/**
 * An event, dated to the minute, or ("genaues Datum unbekannt") to a range of past months.
 * Either way the output carries `startsAt`/`endsAt`, so lists keep sorting by them.
 */
export const eventForm = v.variant('exactDateUnknown', [
	v.pipe(
		v.object(dayEntries),
		endNotBeforeStart<v.InferOutput<v.ObjectSchema<typeof dayEntries, undefined>>>(
			'startsAt',
			'endsAt'
		),
		v.transform(({ exactDateUnknown: _, ...input }) => ({
			...input,
			datePrecision: 'day' as const
		}))
	),
	v.pipe(
		v.object(monthEntries),
		monthRangeInPast,
		v.transform(({ exactDateUnknown: _, startMonth, endMonth, ...input }) => ({
			...input,
			...monthRangeBounds(startMonth, endMonth),
			datePrecision: 'month' as const
		}))
	)
]);

export const agendaForm = v.object({
	title: field.requiredLine(200),
	description: field.optionalText(2000)
});

export const guestForm = v.object({
	name: field.requiredLine(160),
	affiliation: field.optionalLine(160),
	category: v.pipe(
		v.optional(v.string(), ''),
		v.transform((value) => (value === '' ? null : value)),
		v.nullable(field.choice(stakeholderCategories))
	)
});
