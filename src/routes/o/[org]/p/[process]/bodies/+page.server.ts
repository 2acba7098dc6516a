import { fail, redirect } from '@sveltejs/kit';
import { createBody, listBodies } from '$lib/server/bodies/bodies';
import { getDb } from '$lib/server/db';
import { bodyForm } from '$lib/server/forms/bodies';
import { parseForm } from '$lib/server/forms/parse';
import { requireProcess } from '$lib/server/guard';
import { listFields } from '$lib/server/process/fields';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	const db = getDb();
	return {
		bodies: listBodies(db, process.id),
		fields: listFields(db, process.id).map((f) => ({ id: f.id, label: `${f.code} ${f.title}` }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { organisation, process } = requireProcess(event, 'editProcess');
		const form = parseForm(bodyForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const body = createBody(getDb(), process.id, form.data);
		redirect(303, `/o/${organisation.slug}/p/${process.slug}/bodies/${body.id}`);
	}
};
