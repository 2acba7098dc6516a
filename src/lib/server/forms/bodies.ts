import * as v from 'valibot';
import {
	bodyKinds,
	memberFunctions,
	stakeholderCategories,
	type StakeholderCategory
} from '../db/schema';
import * as field from './fields';
import { fieldBodyKinds } from '../field-bodies/field-bodies';
import {
	checkbox,
	endNotBeforeStart,
	id,
	localDateTime,
	optionalCount,
	optionalId
} from './process-fields';

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
	userId: optionalId,
	deputy: field.optionalLine(160),
	contact: field.optionalLine(200)
});

const optionalCategory = v.pipe(
	v.optional(v.string(), ''),
	v.transform((value) => (value === '' ? null : value)),
	v.nullable(field.choice(stakeholderCategories))
);

const seatEntries = Object.fromEntries(
	stakeholderCategories.map((c) => [`seats_${c}`, optionalCount(500)])
) as Record<`seats_${StakeholderCategory}`, ReturnType<typeof optionalCount>>;
/** The group a sub-group's seats are part of (civil society → churches); empty for none. */
const parentEntries = Object.fromEntries(
	stakeholderCategories.map((c) => [`parent_${c}`, optionalCategory])
) as Record<`parent_${StakeholderCategory}`, typeof optionalCategory>;

export const seatPlanForm = v.object({
	maxMembers: optionalCount(500),
	...seatEntries,
	...parentEntries
});

/** A Fachkonferenz or Arbeitsgruppe for a field of action and its first meeting, in one form. */
const fieldBodyEntries = v.object({
	kind: field.choice(fieldBodyKinds),
	fieldOfActionId: id,
	name: field.optionalLine(160),
	place: field.optionalLine(200),
	startsAt: localDateTime,
	endsAt: localDateTime,
	phaseId: optionalId,
	isPublic: checkbox
});

export const fieldBodyForm = v.pipe(
	fieldBodyEntries,
	endNotBeforeStart<v.InferOutput<typeof fieldBodyEntries>>('startsAt', 'endsAt')
);
