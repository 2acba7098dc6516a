import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { getDb } from '$lib/server/db';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { requireSystemAdmin } from '$lib/server/guard';
import { addMember, createOrganisation } from '$lib/server/organisations/organisations';
import type { Actions, PageServerLoad } from './$types';

const organisationForm = v.object({
	name: field.organisationName,
	kind: field.organisationKind
});

export const load: PageServerLoad = (event) => {
	requireSystemAdmin(event);
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireSystemAdmin(event);
		const form = parseForm(organisationForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });

		const organisation = getDb().transaction((tx) => {
			const created = createOrganisation(tx, form.data);
			addMember(tx, created.id, user.id, 'admin');
			return created;
		});
		redirect(303, `/o/${organisation.slug}`);
	}
};
