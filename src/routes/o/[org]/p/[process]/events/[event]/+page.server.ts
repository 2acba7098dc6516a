import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { listBodies, listMembers } from '$lib/server/bodies/bodies';
import { getDb } from '$lib/server/db';
import {
	addAgendaItem,
	addGuest,
	deleteAgendaItem,
	eventDependents,
	eventRefsInProcess,
	eventRemoval,
	findEvent,
	heldMarkRefusal,
	listAgenda,
	listAttendees,
	moveAgendaItem,
	removeAttendee,
	removeEvent,
	restoreEvent,
	setMarkedHeld,
	setMemberAttendance,
	updateAgendaItem,
	updateEvent
} from '$lib/server/events/events';
import { askToConfirm, confirmed } from '$lib/server/forms/confirm';
import { agendaForm, eventForm, guestForm } from '$lib/server/forms/events';
import { parseForm } from '$lib/server/forms/parse';
import { direction, id } from '$lib/server/forms/process-fields';
import { requireEvent } from '$lib/server/guard';
import { listActivities } from '$lib/server/workshop/activities';
import { talliesVisibleToParticipants } from '$lib/workshop/rules';
import { rankedResults, type RankedResult } from '$lib/server/workshop/votes';
import { measuresOfIdeas, measuresOfResult } from '$lib/server/concept/measures';
import { loadAttachments, removeAttachment, uploadAttachment } from '$lib/server/forms/attachments';
import type { Db } from '$lib/server/db';
import { listPhases } from '$lib/server/process/phases';
import { todayIn } from '$lib/server/time';
import { isHeld } from '$lib/event-dates';
import { notifyEventInvitation, thenNotify } from '$lib/server/notify/triggers';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const idForm = v.object({ id });
const confirmForm = v.object(confirmed);
const confirmIdForm = v.object({ id, ...confirmed });
const moveForm = v.object({ id, direction });
const attendanceForm = v.object({ memberIds: v.array(id) });

/** Each result with the measures its ideas became. */
function withMeasures(db: Db, processId: number, results: RankedResult[]) {
	const byIdea = measuresOfIdeas(
		db,
		processId,
		results.flatMap((r) => r.ideaIds)
	);
	return results.map((result) => ({
		...result,
		measures: measuresOfResult(byIdea, result.ideaIds)
	}));
}

function markHeld(request: RequestEvent, held: boolean) {
	const { process, event } = requireEvent(request, 'manageEvents');
	const refusal = heldMarkRefusal(event);
	if (refusal === 'live_session') return fail(409, { message: m.event_held_by_live() });
	if (refusal === 'not_past') return fail(409, { message: m.event_held_not_past() });
	setMarkedHeld(getDb(), process.id, event.id, held);
	return { saved: m.saved() };
}

export const load: PageServerLoad = (request) => {
	const { process, event } = requireEvent(request, 'readProcess');
	request.depends('app:event');
	const db = getDb();
	// An archived body still names its past meetings.
	const bodies = [...listBodies(db, process.id), ...listBodies(db, process.id, { archived: true })];
	return {
		event,
		held: isHeld(event),
		heldMark: heldMarkRefusal(event),
		currentMonth: todayIn().slice(0, 7),
		bodyName: bodies.find((b) => b.id === event.bodyId)?.name ?? null,
		agenda: listAgenda(db, event.id),
		attendees: listAttendees(db, event.id),
		bodyMembers: event.bodyId ? listMembers(db, event.bodyId) : [],
		bodies: bodies.map((b) => ({ id: b.id, name: b.name })),
		phases: listPhases(db, process.id).map((p) => ({ id: p.id, title: p.title })),
		activities: listActivities(db, event.id).map((activity) => ({
			id: activity.id,
			question: activity.question,
			stage: activity.stage,
			results: talliesVisibleToParticipants(activity)
				? withMeasures(db, process.id, rankedResults(db, activity.id))
				: null
		})),
		attachments: loadAttachments(request, 'event')
	};
};

export const actions: Actions = {
	uploadAttachment: uploadAttachment('event'),
	deleteAttachment: removeAttachment('event'),
	update: async (request) => {
		const { process, event } = requireEvent(request, 'manageEvents');
		const form = parseForm(eventForm, await request.request.formData());
		if (!form.ok) return fail(400, { eventErrors: form.errors, values: form.values });
		if (!eventRefsInProcess(getDb(), process.id, form.data))
			error(404, { message: m.error_not_found() });
		if (form.data.datePrecision === 'month' && event.joinCode !== null) {
			return fail(400, {
				eventErrors: { startMonth: m.event_month_had_live() },
				values: form.values
			});
		}
		updateEvent(getDb(), process.id, event.id, form.data);
		const updated = findEvent(getDb(), process.id, event.id);
		const moved =
			updated !== undefined &&
			(updated.startsAt !== event.startsAt || updated.endsAt !== event.endsAt);
		thenNotify(getDb(), { ok: true }, () =>
			notifyEventInvitation(getDb(), { eventId: event.id, origin: request.url.origin, moved })
		);
		return { saved: m.saved() };
	},
	markHeld: (request) => markHeld(request, true),
	unmarkHeld: (request) => markHeld(request, false),
	delete: async (request) => {
		const { organisation, process, event } = requireEvent(request, 'manageEvents');
		const form = parseForm(confirmForm, await request.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		if (event.archivedAt) return fail(409, { message: m.archived_done({ name: event.title }) });
		if (!form.data.confirmed) {
			const dependents = eventDependents(db, event.id);
			return askToConfirm({
				action: '?/delete',
				fields: {},
				question: m.confirm_delete_event({ name: event.title }),
				dependents,
				removal: eventRemoval(dependents)
			});
		}
		if (removeEvent(db, process.id, event.id) === 'archived') {
			return { saved: m.archived_done({ name: event.title }) };
		}
		redirect(303, `/o/${organisation.slug}/p/${process.slug}/events`);
	},
	restore: async (request) => {
		const { process, event } = requireEvent(request, 'manageOrganisation');
		restoreEvent(getDb(), process.id, event.id);
		return { saved: m.restored() };
	},
	addAgendaItem: async (request) => {
		const { event } = requireEvent(request, 'manageEvents');
		const form = parseForm(agendaForm, await request.request.formData());
		if (!form.ok) return fail(400, { agendaErrors: form.errors, values: form.values });
		addAgendaItem(getDb(), event.id, form.data);
		return { saved: m.saved() };
	},
	updateAgendaItem: async (request) => {
		const { event } = requireEvent(request, 'manageEvents');
		const data = await request.request.formData();
		const item = parseForm(idForm, data);
		const form = parseForm(agendaForm, data);
		if (!item.ok || !form.ok) return fail(400, { message: m.form_has_errors() });
		if (!updateAgendaItem(getDb(), event.id, item.data.id, form.data))
			error(404, { message: m.error_not_found() });
		return { saved: m.saved() };
	},
	moveAgendaItem: async (request) => {
		const { event } = requireEvent(request, 'manageEvents');
		const form = parseForm(moveForm, await request.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		if (!moveAgendaItem(getDb(), event.id, form.data.id, form.data.direction))
			error(404, { message: m.error_not_found() });
	},
	deleteAgendaItem: async (request) => {
		const { event } = requireEvent(request, 'manageEvents');
		const form = parseForm(confirmIdForm, await request.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const item = listAgenda(db, event.id).find((i) => i.id === form.data.id);
		if (!item) error(404, { message: m.error_not_found() });
		if (!form.data.confirmed) {
			return askToConfirm({
				action: '?/deleteAgendaItem',
				fields: { id: String(item.id) },
				question: m.confirm_delete_named({ name: item.title })
			});
		}
		deleteAgendaItem(db, event.id, item.id);
		return { saved: m.deleted() };
	},
	attendance: async (request) => {
		const { event } = requireEvent(request, 'manageEvents');
		const data = await request.request.formData();
		const result = v.safeParse(attendanceForm, {
			memberIds: data.getAll('memberIds').filter((value) => typeof value === 'string')
		});
		if (!result.success) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const members = new Set(event.bodyId ? listMembers(db, event.bodyId).map((x) => x.id) : []);
		if (result.output.memberIds.some((memberId) => !members.has(memberId))) {
			error(404, { message: m.error_not_found() });
		}
		setMemberAttendance(db, event, result.output.memberIds);
		return { saved: m.saved() };
	},
	addGuest: async (request) => {
		const { event } = requireEvent(request, 'manageEvents');
		const form = parseForm(guestForm, await request.request.formData());
		if (!form.ok) return fail(400, { guestErrors: form.errors, values: form.values });
		addGuest(getDb(), event.id, form.data);
		return { saved: m.saved() };
	},
	removeAttendee: async (request) => {
		const { event } = requireEvent(request, 'manageEvents');
		const form = parseForm(confirmIdForm, await request.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const attendee = listAttendees(db, event.id).find((a) => a.id === form.data.id);
		if (!attendee) error(404, { message: m.error_not_found() });
		if (!form.data.confirmed) {
			return askToConfirm({
				action: '?/removeAttendee',
				fields: { id: String(attendee.id) },
				question: m.confirm_delete_named({ name: attendee.name })
			});
		}
		removeAttendee(db, event.id, attendee.id);
		return { saved: m.saved() };
	}
};
