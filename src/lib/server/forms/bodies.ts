import * as v from 'valibot';
import { bodyKinds, memberFunctions, stakeholderCategories } from '../db/schema';
import * as field from './fields';
import { checkbox, optionalCount, optionalId } from './process-fields';

export const bodyForm = v.object({
	kind: field.choice(bodyKinds),
	name: field.requiredLine(160),
	description: field.optionalText(2000),
	fieldOfActionId: optionalId,
	isPublic: checkbox
});

export const memberForm = v.object({
	name: field.requiredLine(160),
	affiliation: field.optionalLine(160),
	function: field.choice(memberFunctions),
	category: v.pipe(
		v.optional(v.string(), ''),
		v.transform((value) => (value === '' ? null : value)),
		v.nullable(field.choice(stakeholderCategories))
	),
	userId: optionalId
});

export const seatPlanForm = v.object({
	maxMembers: optionalCount(500),
	...Object.fromEntries(stakeholderCategories.map((c) => [`seats_${c}`, optionalCount(500)]))
} as Record<string, ReturnType<typeof optionalCount>>);
