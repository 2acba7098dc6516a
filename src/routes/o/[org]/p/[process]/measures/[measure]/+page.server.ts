import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { provenanceOf } from '$lib/server/concept/adopt';
import { breadthOfSupport } from '$lib/server/review/breadth';
import { onlyShown, presentAt } from '$lib/server/review/dashboard';
import { shownGroups } from '$lib/server/workshop/votes';
import { measureChoices } from '$lib/server/concept/choices';
import { deleteMeasure, findMeasure, updateMeasure } from '$lib/server/concept/measures';
import { getDb } from '$lib/server/db';
import { measureForm, updateForm } from '$lib/server/forms/measures';
import { listUpdates, recordUpdate } from '$lib/server/monitoring/monitoring';
import { todayIn } from '$lib/server/time';
import { parseForm } from '$lib/server/forms/parse';
import { requireProcess } from '$lib/server/guard';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function requireMeasure(
	event: RequestEvent | Parameters<PageServerLoad>[0],
	permission: 'readProcess' | 'manageMeasures'
) {
	const access = requireProcess(event, permission);
	const measure = findMeasure(getDb(), access.process.id, Number(event.params.measure));
	if (!measure) error(404, { message: m.error_not_found() });
	return { ...access, measure };
}

export const load: PageServerLoad = (event) => {
	const { process, measure } = requireMeasure(event, 'readProcess');
	const db = getDb();
	const provenance = provenanceOf(db, measure.id);
	return {
		measure,
		...provenance,
		// How evenly each result's support was spread over the groups at its event.
		breadths: provenance.sources.map((source) =>
			source.eventId && source.activityId
				? breadthOfSupport(
						source.breakdown,
						onlyShown(presentAt(db, source.eventId), shownGroups(db, [source.activityId]))
					)
				: null
		),
		...measureChoices(db, process.id),
		updates: listUpdates(db, measure.id),
		today: todayIn()
	};
};

export const actions: Actions = {
	update: async (event) => {
		const { process, measure } = requireMeasure(event, 'manageMeasures');
		const form = parseForm(measureForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		if (!updateMeasure(getDb(), process.id, measure.id, form.data)) {
			return fail(400, { errors: { goalId: m.measure_goal_hint() }, values: form.values });
		}
		return { saved: m.saved() };
	},
	recordStatus: async (event) => {
		const { process, measure, user } = requireMeasure(event, 'manageMeasures');
		const form = parseForm(updateForm, await event.request.formData());
		if (!form.ok) return fail(400, { updateErrors: form.errors, values: form.values });
		recordUpdate(getDb(), process.id, measure.id, form.data, user);
		return { saved: m.update_saved() };
	},
	delete: async (event) => {
		const { organisation, process, measure } = requireMeasure(event, 'manageMeasures');
		deleteMeasure(getDb(), process.id, measure.id);
		redirect(303, `/o/${organisation.slug}/p/${process.slug}/measures`);
	}
};
