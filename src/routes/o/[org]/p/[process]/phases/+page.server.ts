import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { phaseOverrides } from '$lib/server/db/schema';
import { askToConfirm, confirmed } from '$lib/server/forms/confirm';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import {
	direction,
	endNotBeforeStart,
	id,
	optionalIsoDate
} from '$lib/server/forms/process-fields';
import { requireProcess } from '$lib/server/guard';
import {
	addPhase,
	currentPhase,
	deletePhase,
	findPhase,
	phaseEvents,
	listPhases,
	movePhase,
	updatePhase,
	withStates
} from '$lib/server/process/phases';
import { todayIn } from '$lib/server/time';
import type { Actions, PageServerLoad } from './$types';

const phaseEntries = {
	title: field.requiredLine(160),
	description: field.optionalText(1000),
	startsOn: optionalIsoDate,
	endsOn: optionalIsoDate,
	statusOverride: v.optional(field.choice(phaseOverrides), 'automatic')
};
type PhaseValues = v.InferOutput<v.ObjectSchema<typeof phaseEntries, undefined>>;
const phaseFields = v.pipe(
	v.object(phaseEntries),
	endNotBeforeStart<PhaseValues>('startsOn', 'endsOn')
);
const editForm = v.pipe(
	v.object({ id, ...phaseEntries }),
	endNotBeforeStart<PhaseValues & { id: number }>('startsOn', 'endsOn')
);
const moveForm = v.object({ id, direction });
const deleteForm = v.object({ id, ...confirmed });

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	event.depends('app:phases');
	const phases = listPhases(getDb(), process.id);
	const today = todayIn();
	return {
		phases: withStates(phases, today),
		currentPhaseId: currentPhase(phases, today).current?.id ?? null
	};
};

export const actions: Actions = {
	add: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(phaseFields, await event.request.formData());
		if (!form.ok) return fail(400, { addErrors: form.errors, values: form.values });
		addPhase(getDb(), process.id, form.data);
		return { saved: m.saved() };
	},
	update: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(editForm, await event.request.formData());
		if (!form.ok) {
			return fail(400, {
				editErrors: form.errors,
				editId: Number(form.values.id),
				values: form.values
			});
		}
		const { id: phaseId, ...input } = form.data;
		if (!updatePhase(getDb(), process.id, phaseId, input))
			error(404, { message: m.error_not_found() });
		return { saved: m.saved() };
	},
	move: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(moveForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		if (!movePhase(getDb(), process.id, form.data.id, form.data.direction))
			error(404, { message: m.error_not_found() });
	},
	delete: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(deleteForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const phase = findPhase(db, process.id, form.data.id);
		if (!phase) error(404, { message: m.error_not_found() });
		const refused = (events: number) =>
			fail(409, { message: m.phase_delete_refused({ name: phase.title, events }) });
		const events = phaseEvents(db, phase.id);
		if (events > 0) return refused(events);
		if (!form.data.confirmed) {
			return askToConfirm({
				action: '?/delete',
				fields: { id: String(phase.id) },
				question: m.confirm_delete_named({ name: phase.title })
			});
		}
		const result = deletePhase(db, process.id, phase.id);
		if (!result.ok && result.reason === 'in_use') return refused(result.events);
		return { saved: m.deleted() };
	}
};
