import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { listBodies } from '$lib/server/bodies/bodies';
import { getDb } from '$lib/server/db';
import { createEvent, eventRefsInProcess, listEvents } from '$lib/server/events/events';
import { eventForm } from '$lib/server/forms/events';
import { parseForm } from '$lib/server/forms/parse';
import { requireProcess } from '$lib/server/guard';
import { listPhases } from '$lib/server/process/phases';
import { todayIn } from '$lib/server/time';
import { isHeld } from '$lib/event-dates';
import { notifyEventInvitation, thenNotify } from '$lib/server/notify/triggers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	const db = getDb();
	const showArchived = event.url.searchParams.get('archived') === '1';
	return {
		currentMonth: todayIn().slice(0, 7),
		archived: showArchived
			? listEvents(db, process.id, { archived: true }).map(({ event: archived }) => ({
					id: archived.id,
					label: archived.title,
					archivedAt: archived.archivedAt
				}))
			: null,
		events: listEvents(db, process.id).map(({ event, bodyName, phaseTitle }) => ({
			...event,
			held: isHeld(event),
			bodyName,
			phaseTitle
		})),
		bodies: listBodies(db, process.id).map((b) => ({ id: b.id, name: b.name })),
		phases: listPhases(db, process.id).map((p) => ({ id: p.id, title: p.title }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { organisation, process } = requireProcess(event, 'manageEvents');
		const form = parseForm(eventForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		if (!eventRefsInProcess(getDb(), process.id, form.data))
			error(404, { message: m.error_not_found() });
		const created = createEvent(getDb(), process.id, form.data);
		thenNotify(getDb(), { ok: true }, () =>
			notifyEventInvitation(getDb(), {
				eventId: created.id,
				origin: event.url.origin,
				moved: false
			})
		);
		redirect(303, `/o/${organisation.slug}/p/${process.slug}/events/${created.id}`);
	}
};
