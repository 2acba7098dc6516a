import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { requireProcess } from '$lib/server/guard';
import { needsLimits } from '$lib/needs/rules';
import { createQuestionnaire, listQuestionnaires } from '$lib/server/needs/questionnaires';
import type { Actions, PageServerLoad } from './$types';

const questionnaireForm = v.object({
	title: field.requiredLine(needsLimits.title),
	intro: field.optionalText(needsLimits.intro)
});

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	return { questionnaires: listQuestionnaires(getDb(), process.id) };
};

export const actions: Actions = {
	create: async (event) => {
		const { organisation, process } = requireProcess(event, 'editProcess');
		const form = parseForm(questionnaireForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const created = createQuestionnaire(getDb(), process.id, form.data);
		redirect(303, `/o/${organisation.slug}/p/${process.slug}/bedarfsanalyse/${created.id}`);
	}
};
