import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import {
	createProject,
	deleteProject,
	findProject,
	listProjects,
	splitNumbers,
	updateProject,
	type ProjectWrite
} from '$lib/server/concept/projects';
import { getDb } from '$lib/server/db';
import { askToConfirm, confirmed } from '$lib/server/forms/confirm';
import * as field from '$lib/server/forms/fields';
import { parseForm, type FormValues } from '$lib/server/forms/parse';
import { id } from '$lib/server/forms/process-fields';
import { requireProcess } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

const projectForm = v.object({
	title: field.requiredLine(200),
	description: field.optionalText(4000),
	lead: field.optionalLine(200),
	measures: field.optionalLine(1000)
});

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	event.depends('app:projects');
	return { projects: listProjects(getDb(), process.id) };
};

/** The answer to a write: saved, or the numbers no measure has, echoed with the form. */
function answer(result: ProjectWrite, values: FormValues, projectId: number | null) {
	if (result.ok) return { saved: m.saved() };
	if (result.reason === 'not_found') error(404, { message: m.error_not_found() });
	const errors = { measures: m.project_unknown_numbers({ numbers: result.numbers.join(', ') }) };
	return fail(400, { errors, values, projectId });
}

export const actions: Actions = {
	create: async (event) => {
		const { process } = requireProcess(event, 'manageMeasures');
		const form = parseForm(projectForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values, projectId: null });
		const { measures, ...input } = form.data;
		const result = createProject(getDb(), process.id, input, splitNumbers(measures));
		return answer(result, form.values, null);
	},
	update: async (event) => {
		const { process } = requireProcess(event, 'manageMeasures');
		const data = await event.request.formData();
		const project = parseForm(v.object({ id }), data);
		if (!project.ok) return fail(400, { message: m.form_has_errors() });
		const form = parseForm(projectForm, data);
		if (!form.ok) {
			return fail(400, { errors: form.errors, values: form.values, projectId: project.data.id });
		}
		const { measures, ...input } = form.data;
		const result = updateProject(
			getDb(),
			process.id,
			project.data.id,
			input,
			splitNumbers(measures)
		);
		return answer(result, form.values, project.data.id);
	},
	delete: async (event) => {
		const { process } = requireProcess(event, 'manageMeasures');
		const form = parseForm(v.object({ id, ...confirmed }), await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const project = findProject(db, process.id, form.data.id);
		if (!project) error(404, { message: m.error_not_found() });
		if (!form.data.confirmed) {
			return askToConfirm({
				action: '?/delete',
				fields: { id: String(project.id) },
				question: m.confirm_delete_named({ name: project.title }),
				consequence: m.project_delete_consequence()
			});
		}
		deleteProject(db, process.id, project.id);
		return { saved: m.deleted() };
	}
};
