import * as v from 'valibot';
import {
	measureFundings,
	measurePriorities,
	measureStatuses,
	measureTimeframes
} from '../db/schema';
import * as field from './fields';
import { id, optionalId } from './process-fields';

export const measureForm = v.object({
	fieldOfActionId: id,
	goalId: optionalId,
	title: field.requiredText(200),
	description: field.optionalText(4000),
	lead: field.optionalText(200),
	partners: field.optionalText(1000),
	timeframe: field.choice(measureTimeframes),
	costEstimate: field.optionalText(200),
	funding: field.choice(measureFundings),
	priority: field.choice(measurePriorities),
	status: field.choice(measureStatuses)
});

export const goalForm = v.object({
	title: field.requiredText(300),
	indicator: field.optionalText(300),
	targetValue: field.optionalText(200)
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
