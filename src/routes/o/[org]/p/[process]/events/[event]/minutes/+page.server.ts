import { fail, type ActionFailure } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { roleAllows } from '$lib/server/auth/roles';
import { getDb } from '$lib/server/db';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { id, optionalIsoDate } from '$lib/server/forms/process-fields';
import { requireEvent } from '$lib/server/guard';
import {
	addItem,
	approveMinutes,
	currentMinutes,
	draftMinutes,
	listRevisions,
	refreshFromEvent,
	removeItem,
	returnMinutes,
	reviseMinutes,
	submitMinutes,
	updateItemNotes,
	updateSummary,
	type MinutesChange
} from '$lib/server/minutes/minutes';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (request) => {
	const { event, role } = requireEvent(request, 'readProcess');
	const db = getDb();
	return {
		event: {
			id: event.id,
			title: event.title,
			startsAt: event.startsAt,
			endsAt: event.endsAt,
			place: event.place
		},
		current: currentMinutes(db, event.id) ?? null,
		revisions: listRevisions(db, event.id).map(
			({ id, revision, status, approvedAt, approvedByName }) => ({
				id,
				revision,
				status,
				approvedAt,
				approvedByName
			})
		),
		canApprove: roleAllows(role, 'approveMinutes')
	};
};

const minutesForm = v.object({ minutesId: id });
const summaryForm = v.object({ minutesId: id, summary: field.optionalText(20000) });
const notesForm = v.object({ minutesId: id, itemId: id, notes: field.optionalText(20000) });
const decisionForm = v.object({ minutesId: id, title: field.requiredText(2000) });
const taskForm = v.object({
	minutesId: id,
	title: field.requiredText(1000),
	owner: field.optionalText(200),
	dueOn: optionalIsoDate
});
const itemForm = v.object({ minutesId: id, itemId: id });

const changeMessages = {
	not_found: () => m.error_not_found(),
	locked: () => m.minutes_locked(),
	wrong_status: () => m.minutes_wrong_status()
};

/** Parses the form, checks the role, runs the change and answers in the user's language. */
async function act<S extends v.GenericSchema>(
	request: RequestEvent,
	permission: 'manageEvents' | 'approveMinutes',
	schema: S,
	change: (
		eventId: number,
		data: v.InferOutput<S>,
		user: { id: number; name: string }
	) => MinutesChange
): Promise<
	ActionFailure<{ message: string; errors?: Record<string, string> }> | { saved: string }
> {
	const { event, user } = requireEvent(request, permission);
	const form = parseForm(schema, await request.request.formData());
	if (!form.ok) return fail(400, { message: m.form_has_errors(), errors: form.errors });
	const result = change(event.id, form.data, user);
	if (!result.ok) return fail(409, { message: changeMessages[result.reason]() });
	return { saved: m.saved() };
}

export const actions: Actions = {
	draft: async (request) => {
		const { event } = requireEvent(request, 'manageEvents');
		draftMinutes(getDb(), event.id);
		return { saved: m.minutes_drafted() };
	},
	summary: (request) =>
		act(request, 'manageEvents', summaryForm, (eventId, data) =>
			updateSummary(getDb(), eventId, data.minutesId, data.summary)
		),
	notes: (request) =>
		act(request, 'manageEvents', notesForm, (eventId, data) =>
			updateItemNotes(getDb(), eventId, data.minutesId, data.itemId, data.notes)
		),
	addDecision: (request) =>
		act(request, 'manageEvents', decisionForm, (eventId, data) =>
			addItem(getDb(), eventId, data.minutesId, {
				kind: 'decision',
				title: data.title,
				owner: '',
				dueOn: null
			})
		),
	addTask: (request) =>
		act(request, 'manageEvents', taskForm, (eventId, data) =>
			addItem(getDb(), eventId, data.minutesId, { kind: 'task', ...data })
		),
	removeItem: (request) =>
		act(request, 'manageEvents', itemForm, (eventId, data) =>
			removeItem(getDb(), eventId, data.minutesId, data.itemId)
		),
	refresh: (request) =>
		act(request, 'manageEvents', minutesForm, (eventId, data) =>
			refreshFromEvent(getDb(), eventId, data.minutesId)
		),
	submit: (request) =>
		act(request, 'manageEvents', minutesForm, (eventId, data) =>
			submitMinutes(getDb(), eventId, data.minutesId)
		),
	return: (request) =>
		act(request, 'approveMinutes', minutesForm, (eventId, data) =>
			returnMinutes(getDb(), eventId, data.minutesId)
		),
	approve: (request) =>
		act(request, 'approveMinutes', minutesForm, (eventId, data, user) =>
			approveMinutes(getDb(), eventId, data.minutesId, user)
		),
	revise: (request) =>
		act(request, 'manageEvents', minutesForm, (eventId, data) =>
			reviseMinutes(getDb(), eventId, data.minutesId)
				? { ok: true }
				: { ok: false, reason: 'wrong_status' }
		)
};
