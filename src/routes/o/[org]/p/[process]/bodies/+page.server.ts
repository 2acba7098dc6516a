import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { bodyRefsInProcess, createBody, listBodies } from '$lib/server/bodies/bodies';
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
		archived:
			event.url.searchParams.get('archived') === '1'
				? listBodies(db, process.id, { archived: true }).map((body) => ({
						id: body.id,
						label: body.name,
						archivedAt: body.archivedAt
					}))
				: null,
		fields: listFields(db, process.id).map((f) => ({ id: f.id, label: `${f.code} ${f.title}` }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { organisation, process } = requireProcess(event, 'editProcess');
		const form = parseForm(bodyForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		if (!bodyRefsInProcess(getDb(), process.id, form.data))
			error(404, { message: m.error_not_found() });
		const body = createBody(getDb(), process.id, form.data);
		redirect(303, `/o/${organisation.slug}/p/${process.slug}/bodies/${body.id}`);
	}
};
