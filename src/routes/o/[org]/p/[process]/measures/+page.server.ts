import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import {
	addGoal,
	deleteGoal,
	listCatalogue,
	moveMeasure,
	updateGoal
} from '$lib/server/concept/measures';
import { getDb } from '$lib/server/db';
import { goalForm } from '$lib/server/forms/measures';
import { parseForm } from '$lib/server/forms/parse';
import { direction, id } from '$lib/server/forms/process-fields';
import { requireProcess } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	return { catalogue: listCatalogue(getDb(), process.id) };
};

export const actions: Actions = {
	addGoal: async (event) => {
		const { process } = requireProcess(event, 'manageMeasures');
		const data = await event.request.formData();
		const field = parseForm(v.object({ fieldId: id }), data);
		const form = parseForm(goalForm, data);
		if (!field.ok) return fail(400, { message: m.form_has_errors() });
		if (!form.ok) {
			return fail(400, { goalField: field.data.fieldId, errors: form.errors, values: form.values });
		}
		addGoal(getDb(), process.id, field.data.fieldId, form.data);
		return { saved: m.saved() };
	},
	updateGoal: async (event) => {
		const { process } = requireProcess(event, 'manageMeasures');
		const data = await event.request.formData();
		const goal = parseForm(v.object({ id }), data);
		const form = parseForm(goalForm, data);
		if (!goal.ok || !form.ok) return fail(400, { message: m.form_has_errors() });
		updateGoal(getDb(), process.id, goal.data.id, form.data);
		return { saved: m.saved() };
	},
	deleteGoal: async (event) => {
		const { process } = requireProcess(event, 'manageMeasures');
		const form = parseForm(v.object({ id }), await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		deleteGoal(getDb(), process.id, form.data.id);
		return { saved: m.deleted() };
	},
	moveMeasure: async (event) => {
		const { process } = requireProcess(event, 'manageMeasures');
		const form = parseForm(v.object({ id, direction }), await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		moveMeasure(getDb(), process.id, form.data.id, form.data.direction);
	}
};
