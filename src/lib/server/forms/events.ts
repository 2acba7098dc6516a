import * as v from 'valibot';
import { eventStatuses, stakeholderCategories } from '../db/schema';
import * as field from './fields';
import { checkbox, endNotBeforeStart, localDateTime, optionalId } from './process-fields';

const eventEntries = {
	title: field.requiredLine(160),
	description: field.optionalText(4000),
	place: field.optionalLine(200),
	startsAt: localDateTime,
	endsAt: localDateTime,
	isPublic: checkbox,
	status: v.optional(field.choice(eventStatuses), 'planned'),
	bodyId: optionalId,
	phaseId: optionalId
};

export const eventForm = v.pipe(
	v.object(eventEntries),
	endNotBeforeStart<v.InferOutput<v.ObjectSchema<typeof eventEntries, undefined>>>(
		'startsAt',
		'endsAt'
	)
);

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
