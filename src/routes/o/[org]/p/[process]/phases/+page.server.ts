import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { phaseStatuses } from '$lib/server/db/schema';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import {
	checkbox,
	direction,
	endNotBeforeStart,
	id,
	optionalIsoDate
} from '$lib/server/forms/process-fields';
import { requireProcess } from '$lib/server/guard';
import {
	addPhase,
	countPhaseEvents,
	currentPhase,
	deletePhase,
	listPhases,
	movePhase,
	updatePhase
} from '$lib/server/process/phases';
import { todayIn } from '$lib/server/time';
import type { Actions, PageServerLoad } from './$types';

const phaseEntries = {
	title: field.requiredText(160),
	description: field.optionalText(1000),
	startsOn: optionalIsoDate,
	endsOn: optionalIsoDate,
	status: field.choice(phaseStatuses)
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
const deleteForm = v.object({ id, confirmed: checkbox });

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	const phases = listPhases(getDb(), process.id);
	return { phases, currentPhaseId: currentPhase(phases, todayIn()).current?.id ?? null };
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
		updatePhase(getDb(), process.id, phaseId, input);
		return { saved: m.saved() };
	},
	move: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(moveForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		movePhase(getDb(), process.id, form.data.id, form.data.direction);
	},
	delete: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(deleteForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const events = countPhaseEvents(db, process.id, form.data.id);
		if (events > 0 && !form.data.confirmed) {
			return fail(409, { confirmDelete: { id: form.data.id, events } });
		}
		deletePhase(db, process.id, form.data.id);
		return { saved: m.deleted() };
	}
};
