import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { listBodies } from '$lib/server/bodies/bodies';
import { getDb } from '$lib/server/db';
import { processStatuses } from '$lib/server/db/schema';
import { listEvents } from '$lib/server/events/events';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { checkbox } from '$lib/server/forms/process-fields';
import { fieldBodyForm } from '$lib/server/forms/bodies';
import { createFieldBody } from '$lib/server/field-bodies/field-bodies';
import { requireProcess } from '$lib/server/guard';
import { listFields, listGuidelines } from '$lib/server/process/fields';
import { currentPhase, listPhases, withStates } from '$lib/server/process/phases';
import { updateProcess } from '$lib/server/process/processes';
import { todayIn } from '$lib/server/time';
import { m } from '$lib/paraglide/messages';
import { loadAttachments, removeAttachment, uploadAttachment } from '$lib/server/forms/attachments';
import type { Actions, PageServerLoad } from './$types';

const basicsForm = v.object({
	title: field.requiredLine(160),
	description: field.optionalText(2000),
	status: field.choice(processStatuses),
	isPublic: checkbox
});

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	const db = getDb();
	const today = todayIn();
	const phases = listPhases(db, process.id);
	const { current, next } = currentPhase(phases, today);
	return {
		description: process.description,
		phases: withStates(phases, today),
		currentPhaseId: current?.id ?? null,
		nextPhaseTitle: next?.title ?? null,
		fields: listFields(db, process.id),
		guidelines: listGuidelines(db, process.id),
		bodies: listBodies(db, process.id).map((b) => ({ id: b.id, name: b.name, kind: b.kind })),
		upcoming: listEvents(db, process.id, { from: `${today}T00:00` })
			.slice(0, 5)
			.map(({ event, bodyName }) => ({ ...event, bodyName })),
		attachments: loadAttachments(event, 'process')
	};
};

export const actions: Actions = {
	uploadAttachment: uploadAttachment('process'),
	deleteAttachment: removeAttachment('process'),
	saveBasics: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(basicsForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		updateProcess(getDb(), process.id, form.data);
		return { saved: m.saved() };
	},
	createFieldBody: async (event) => {
		const { organisation, process } = requireProcess(event, 'editProcess');
		const form = parseForm(fieldBodyForm, await event.request.formData());
		if (!form.ok) return fail(400, { fieldBodyErrors: form.errors, fieldBodyValues: form.values });
		const { kind, fieldOfActionId, name, ...firstMeeting } = form.data;
		const created = createFieldBody(getDb(), process.id, {
			kind,
			fieldOfActionId,
			name,
			firstMeeting
		});
		if (!created.ok) error(404, { message: m.error_not_found() });
		redirect(303, `/o/${organisation.slug}/p/${process.slug}/events/${created.event.id}`);
	}
};
