import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { processTemplates } from '$lib/server/db/schema';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { isoDate, optionalId } from '$lib/server/forms/process-fields';
import { requireOrganisation } from '$lib/server/guard';
import { createProcess, createRevision, listProcesses } from '$lib/server/process/processes';
import { layOutPhases, templateBodies } from '$lib/server/process/templates';
import { todayIn } from '$lib/server/time';
import type { Actions, PageServerLoad } from './$types';

const processForm = v.object({
	title: field.requiredLine(160),
	description: field.optionalText(2000),
	template: field.choice(processTemplates),
	startsOn: isoDate,
	previousProcessId: optionalId
});

export const load: PageServerLoad = (event) => {
	const { organisation } = requireOrganisation(event, 'editProcess');
	const today = todayIn();
	return {
		today,
		previousProcesses: listProcesses(getDb(), organisation.id).map((p) => ({
			id: p.id,
			title: p.title
		})),
		templates: processTemplates.map((template) => ({
			template,
			phases: layOutPhases(template, today, organisation.kind).map((phase) => phase.title),
			bodies: templateBodies(template, organisation.kind).map((body) => ({
				name: body.name,
				seats: Object.values(body.seats).reduce((sum, n) => sum + n, 0)
			}))
		}))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { organisation } = requireOrganisation(event, 'editProcess');
		const form = parseForm(processForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });

		const db = getDb();
		const { previousProcessId, ...input } = form.data;
		let process;
		if (previousProcessId) {
			const previous = listProcesses(db, organisation.id).find((p) => p.id === previousProcessId);
			if (!previous) error(404, { message: m.error_not_found() });
			process = createRevision(db, previous, input);
		} else {
			process = createProcess(db, { ...input, organisationId: organisation.id });
		}
		redirect(303, `/o/${organisation.slug}/p/${process.slug}`);
	}
};
