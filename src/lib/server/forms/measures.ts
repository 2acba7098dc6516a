import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import {
	measureFundings,
	measurePriorities,
	measureStatuses,
	measureTimeframes
} from '../db/schema';
import * as field from './fields';
import { id, isoDate, optionalId } from './process-fields';

export const measureForm = v.object({
	fieldOfActionId: id,
	goalId: optionalId,
	title: field.requiredLine(200),
	description: field.optionalText(4000),
	lead: field.optionalLine(200),
	partners: field.optionalLine(1000),
	timeframe: field.choice(measureTimeframes),
	costEstimate: field.optionalLine(200),
	funding: field.choice(measureFundings),
	priority: field.choice(measurePriorities),
	status: field.choice(measureStatuses),
	plannedYear: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.transform((value) => (value === '' ? null : Number(value))),
		v.nullable(
			v.pipe(
				v.number(() => m.error_year()),
				v.integer(() => m.error_year()),
				v.minValue(2000, () => m.error_year()),
				v.maxValue(2100, () => m.error_year())
			)
		)
	)
});

export const goalForm = v.object({
	title: field.requiredLine(300),
	indicator: field.optionalLine(300),
	targetValue: field.optionalLine(200)
});

/** A workshop result named in a link or form: `cluster:12` or `idea:7` of an activity. */
export const resultRef = v.object({
	activity: id,
	target: v.pipe(
		v.string(),
		v.regex(/^(idea|cluster):\d+$/),
		v.transform((value) => {
			const [kind, target] = value.split(':') as ['idea' | 'cluster', string];
			return { kind, id: Number(target) };
		})
	)
});

export const updateForm = v.object({
	recordedOn: isoDate,
	status: field.choice(measureStatuses),
	note: field.optionalText(4000),
	percentDone: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.transform((value) => (value === '' ? null : Number(value))),
		v.nullable(
			v.pipe(
				v.number(() => m.error_percent()),
				v.integer(() => m.error_percent()),
				v.minValue(0, () => m.error_percent()),
				v.maxValue(100, () => m.error_percent())
			)
		)
	)
});

/** A correction of a status entry: a new entry with the reason, pointing to the wrong one. */
export const correctionForm = v.object({
	...updateForm.entries,
	corrects: id,
	reason: field.requiredText(1000)
});
