import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { provenanceOf } from '$lib/server/concept/adopt';
import { breadthOfSupport } from '$lib/server/review/breadth';
import { onlyShown, presentAt } from '$lib/server/review/dashboard';
import { shownGroups } from '$lib/server/workshop/votes';
import { measureChoices } from '$lib/server/concept/choices';
import {
	findMeasure,
	listsOfMeasure,
	measureDependents,
	measureNumbered,
	measureRemoval,
	removeMeasure,
	restoreMeasure,
	revisionLinks,
	refersElsewhere,
	updateMeasure
} from '$lib/server/concept/measures';
import * as v from 'valibot';
import { askToConfirm, confirmed } from '$lib/server/forms/confirm';
import { getDb } from '$lib/server/db';
import { correctionForm, parseMeasureForm, updateForm } from '$lib/server/forms/measures';
import { listUpdates, recordUpdate } from '$lib/server/monitoring/monitoring';
import { todayIn } from '$lib/server/time';
import { parseForm } from '$lib/server/forms/parse';
import { requireProcess } from '$lib/server/guard';
import { loadAttachments, removeAttachment, uploadAttachment } from '$lib/server/forms/attachments';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function requireMeasure(
	event: RequestEvent | Parameters<PageServerLoad>[0],
	permission: 'readProcess' | 'manageMeasures' | 'manageOrganisation'
) {
	const access = requireProcess(event, permission);
	const measure = findMeasure(getDb(), access.process.id, Number(event.params.measure));
	if (!measure) error(404, { message: m.error_not_found() });
	return { ...access, measure };
}

export const load: PageServerLoad = (event) => {
	const { organisation, process, measure } = requireMeasure(event, 'readProcess');
	event.depends('app:measure');
	const db = getDb();
	const provenance = provenanceOf(db, measure.id);
	return {
		measure,
		...listsOfMeasure(db, measure.id),
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
		...measureChoices(db, process.id, measure.leadBodyId),
		...revisionLinks(db, organisation.id, measure),
		updates: listUpdates(db, measure.id),
		today: todayIn(),
		attachments: loadAttachments(event, 'measure')
	};
};

export const actions: Actions = {
	uploadAttachment: uploadAttachment('measure'),
	deleteAttachment: removeAttachment('measure'),
	update: async (event) => {
		const { process, measure } = requireMeasure(event, 'manageMeasures');
		const form = parseMeasureForm(await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		if (measure.archivedAt) return fail(409, { message: m.archived_done({ name: measure.title }) });
		const db = getDb();
		if (refersElsewhere(db, process.id, form.data)) error(404, { message: m.error_not_found() });
		const holder =
			form.data.ownNumber && measureNumbered(db, process.id, form.data.ownNumber, measure.id);
		if (holder) {
			const ownNumber = m.error_own_number_taken({
				number: form.data.ownNumber ?? '',
				title: holder.title
			});
			return fail(400, { errors: { ownNumber }, values: form.values });
		}
		if (!updateMeasure(db, process.id, measure.id, form.data)) {
			return fail(400, { errors: { goalId: m.measure_goal_hint() }, values: form.values });
		}
		return { saved: m.saved() };
	},
	recordStatus: async (event) => {
		const { process, measure, user } = requireMeasure(event, 'manageMeasures');
		const form = parseForm(updateForm, await event.request.formData());
		if (!form.ok) return fail(400, { updateErrors: form.errors, values: form.values });
		if (measure.archivedAt) return fail(409, { message: m.archived_done({ name: measure.title }) });
		const result = recordUpdate(getDb(), process.id, measure.id, form.data, user);
		if (!result.ok && result.reason === 'future') {
			const updateErrors: Record<string, string> = { recordedOn: m.error_date_future() };
			return fail(400, { updateErrors, values: form.values });
		}
		if (!result.ok) error(404, { message: m.error_not_found() });
		return { saved: m.update_saved() };
	},
	correctStatus: async (event) => {
		const { process, measure, user } = requireMeasure(event, 'manageMeasures');
		const form = parseForm(correctionForm, await event.request.formData());
		if (!form.ok) {
			return fail(400, {
				correctErrors: form.errors,
				correctId: Number(form.values.corrects) || null,
				values: form.values
			});
		}
		if (measure.archivedAt) return fail(409, { message: m.archived_done({ name: measure.title }) });
		const { corrects, reason, ...entry } = form.data;
		const result = recordUpdate(
			getDb(),
			process.id,
			measure.id,
			{ ...entry, corrects: { id: corrects, reason } },
			user
		);
		if (result.ok) return { saved: m.update_corrected() };
		if (result.reason === 'not_found') error(404, { message: m.error_not_found() });
		const errors: Record<string, string> =
			result.reason === 'future'
				? { recordedOn: m.error_date_future() }
				: { reason: m.update_already_corrected() };
		return fail(400, { correctErrors: errors, correctId: corrects, values: form.values });
	},
	delete: async (event) => {
		const { organisation, process, measure } = requireMeasure(event, 'manageMeasures');
		const form = parseForm(v.object(confirmed), await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		if (measure.archivedAt) return fail(409, { message: m.archived_done({ name: measure.title }) });
		const db = getDb();
		if (!form.data.confirmed) {
			const dependents = measureDependents(db, measure.id);
			return askToConfirm({
				action: '?/delete',
				fields: {},
				question: m.confirm_delete_measure({ number: measure.number, name: measure.title }),
				dependents,
				removal: measureRemoval(dependents)
			});
		}
		if (removeMeasure(db, process.id, measure.id) === 'archived') {
			return { saved: m.archived_done({ name: measure.title }) };
		}
		redirect(303, `/o/${organisation.slug}/p/${process.slug}/measures`);
	},
	restore: async (event) => {
		const { process, measure } = requireMeasure(event, 'manageOrganisation');
		restoreMeasure(getDb(), process.id, measure.id);
		return { saved: m.restored() };
	}
};
