import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import {
	compareVersions,
	deleteVersion,
	findVersion,
	listVersions,
	recordAdoption,
	saveVersion
} from '$lib/server/concept/versions';
import { getDb } from '$lib/server/db';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { id, isoDate } from '$lib/server/forms/process-fields';
import { requireProcess } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	const db = getDb();
	const versions = listVersions(db, process.id);
	const chosen = v.safeParse(v.object({ from: id, to: id }), {
		from: event.url.searchParams.get('from') ?? '',
		to: event.url.searchParams.get('to') ?? ''
	});
	let comparison = null;
	if (chosen.success) {
		const from = findVersion(db, process.id, chosen.output.from);
		const to = findVersion(db, process.id, chosen.output.to);
		if (from && to) {
			comparison = {
				from: from.number,
				to: to.number,
				...compareVersions(from.snapshot, to.snapshot)
			};
		}
	}
	return {
		versions: versions.map(
			({ id, number, note, createdByName, createdAt, adoptedBy, adoptedOn }) => ({
				id,
				number,
				note,
				createdByName,
				createdAt,
				adoptedBy,
				adoptedOn
			})
		),
		introduction: versions[0]?.snapshot.introduction ?? process.description,
		comparison
	};
};

const saveForm = v.object({
	introduction: field.optionalText(20000),
	note: field.optionalText(300)
});
const adoptForm = v.object({
	versionId: id,
	adoptedBy: field.requiredText(200),
	adoptedOn: isoDate
});

export const actions: Actions = {
	save: async (event) => {
		const { organisation, process, user } = requireProcess(event, 'editProcess');
		const form = parseForm(saveForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const version = saveVersion(getDb(), process, organisation.name, form.data, user);
		return { saved: m.concept_saved({ number: version.number }) };
	},
	adopt: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(adoptForm, await event.request.formData());
		if (!form.ok) {
			return fail(400, { adoptErrors: form.errors, values: form.values });
		}
		const { versionId, ...adoption } = form.data;
		if (!recordAdoption(getDb(), process.id, versionId, adoption)) {
			return fail(409, { message: m.concept_adopt_refused() });
		}
		return { saved: m.saved() };
	},
	delete: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(v.object({ id }), await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		if (!deleteVersion(getDb(), process.id, form.data.id)) {
			return fail(409, { message: m.concept_delete_refused() });
		}
		return { saved: m.deleted() };
	}
};
