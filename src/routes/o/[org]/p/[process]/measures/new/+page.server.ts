import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { adoptResult, findResult, type ResultRef } from '$lib/server/concept/adopt';
import { measureChoices, measureLabels } from '$lib/server/concept/choices';
import {
	createMeasure,
	findMeasure,
	measureNumbered,
	refersElsewhere
} from '$lib/server/concept/measures';
import { getDb } from '$lib/server/db';
import { parseMeasureForm, resultRef } from '$lib/server/forms/measures';
import { parseForm } from '$lib/server/forms/parse';
import { id } from '$lib/server/forms/process-fields';
import { requireProcess } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

/** The workshop result to adopt, if the link or form names one; a wrong one is a 404. */
function requestedResult(values: Record<string, string | null>): ResultRef | null {
	if (!values.activity && !values.target) return null;
	const parsed = v.safeParse(resultRef, values);
	if (!parsed.success) error(404, { message: m.error_not_found() });
	return { activityId: parsed.output.activity, target: parsed.output.target };
}

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'manageMeasures');
	const db = getDb();
	const params = event.url.searchParams;
	const ref = requestedResult({ activity: params.get('activity'), target: params.get('target') });
	const found = ref ? findResult(db, process.id, ref) : undefined;
	if (ref && !found) error(404, { message: m.error_not_found() });
	const choices = measureChoices(db, process.id);
	const fieldId =
		found?.activity.fieldOfActionId ?? (Number(params.get('field')) || choices.fields[0]?.id);
	return {
		...choices,
		// Only adopting a result offers to extend a measure instead.
		measures: found ? measureLabels(db, process.id) : [],
		source: found
			? {
					activity: String(found.activity.id),
					target: `${found.result.target.kind}:${found.result.target.id}`,
					eventTitle: found.event.title,
					question: found.activity.question,
					label: found.result.label,
					dots: found.result.dots,
					voters: found.result.voters
				}
			: null,
		values: { fieldOfActionId: String(fieldId || ''), title: found?.result.label ?? '' }
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { organisation, process, user } = requireProcess(event, 'manageMeasures');
		const data = await event.request.formData();
		const form = parseMeasureForm(data);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const db = getDb();
		if (refersElsewhere(db, process.id, form.data)) error(404, { message: m.error_not_found() });
		const holder = form.data.ownNumber && measureNumbered(db, process.id, form.data.ownNumber);
		if (holder) {
			const ownNumber = m.error_own_number_taken({
				number: form.data.ownNumber ?? '',
				title: holder.title
			});
			return fail(400, { errors: { ownNumber }, values: form.values });
		}
		const ref = requestedResult({
			activity: data.get('activity') as string | null,
			target: data.get('target') as string | null
		});
		const measure = ref
			? adoptResult(db, process.id, user.id, ref, { create: form.data })
			: createMeasure(db, process.id, form.data);
		if (!measure)
			return fail(400, { errors: { goalId: m.measure_goal_hint() }, values: form.values });
		redirect(303, `/o/${organisation.slug}/p/${process.slug}/measures/${measure.id}`);
	},
	extend: async (event) => {
		const { organisation, process, user } = requireProcess(event, 'manageMeasures');
		const data = await event.request.formData();
		const target = parseForm(v.object({ measureId: id }), data);
		const ref = requestedResult({
			activity: data.get('activity') as string | null,
			target: data.get('target') as string | null
		});
		if (!target.ok || !ref) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const into = findMeasure(db, process.id, target.data.measureId);
		if (!into || !findResult(db, process.id, ref)) error(404, { message: m.error_not_found() });
		// An archived measure is kept for the record: nothing new is added to it.
		if (into.archivedAt) return fail(409, { message: m.archived_done({ name: into.title }) });
		const measure = adoptResult(db, process.id, user.id, ref, { measureId: into.id });
		if (!measure) error(404, { message: m.error_not_found() });
		redirect(303, `/o/${organisation.slug}/p/${process.slug}/measures/${measure.id}`);
	}
};
