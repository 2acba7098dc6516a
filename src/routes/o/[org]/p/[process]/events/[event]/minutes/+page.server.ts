import { error, fail, type ActionFailure } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import type { Confirmation } from '$lib/confirmation';
import { askToConfirm, confirmed } from '$lib/server/forms/confirm';
import * as field from '$lib/server/forms/fields';
import { parseForm, type FormValues } from '$lib/server/forms/parse';
import { id, optionalIsoDate } from '$lib/server/forms/process-fields';
import { requireEvent } from '$lib/server/guard';
import {
	approvalView,
	approveMinutesAsMember,
	recordPaperApproval,
	refuseMinutes,
	type ApprovalChange
} from '$lib/server/minutes/approval';
import {
	addItem,
	draftMinutes,
	findItem,
	listRevisions,
	refreshFromEvent,
	removeItem,
	reviseMinutes,
	submitMinutes,
	updateItemNotes,
	updateSummary,
	type MinutesChange
} from '$lib/server/minutes/minutes';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { minutesAsked } from './revision';
import {
	notifyApprovalGiven,
	notifyApprovalRefused,
	notifyMinutesSubmitted,
	thenNotify
} from '$lib/server/notify/triggers';

export const load: PageServerLoad = (request) => {
	const { event, process, role, user } = requireEvent(request, 'readProcess');
	const db = getDb();
	const shown = minutesAsked(event.id, request.url);
	const revisions = listRevisions(db, event.id);
	return {
		event: {
			id: event.id,
			title: event.title,
			startsAt: event.startsAt,
			endsAt: event.endsAt,
			datePrecision: event.datePrecision,
			place: event.place
		},
		current: shown ?? null,
		/** The newest revision's number, when an earlier one is shown. */
		latestRevision: revisions[0]?.revision ?? null,
		revisions: revisions.map(
			({ id, revision, status, approvedAt, approvedByName, reason, createdByName, createdAt }) => ({
				id,
				revision,
				status,
				approvedAt,
				approvedByName,
				reason,
				createdByName,
				createdAt
			})
		),
		approval: shown
			? approvalView(db, process.id, shown.minutes, { id: user.id, name: user.name, role })
			: null
	};
};

const minutesForm = v.object({ minutesId: id });
const summaryForm = v.object({ minutesId: id, summary: field.optionalText(20000) });
const notesForm = v.object({ minutesId: id, itemId: id, notes: field.optionalText(20000) });
const decisionForm = v.object({ minutesId: id, title: field.requiredText(2000) });
const taskForm = v.object({
	minutesId: id,
	title: field.requiredLine(1000),
	owner: field.optionalLine(200),
	dueOn: optionalIsoDate
});
const itemForm = v.object({ minutesId: id, itemId: id, ...confirmed });
const reviseForm = v.object({ minutesId: id, reason: field.requiredText(2000) });
/** A refusal's reason: one to a few lines, required. */
const refuseForm = v.object({
	minutesId: id,
	reason: field.requiredText(1000),
	...confirmed
});

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
	) => MinutesChange | ActionFailure<{ confirm: Confirmation }>
): Promise<
	| ActionFailure<{ message: string; errors?: Record<string, string>; values?: FormValues }>
	| ActionFailure<{ confirm: Confirmation }>
	| { saved: string }
> {
	const { event, user } = requireEvent(request, permission);
	const form = parseForm(schema, await request.request.formData());
	if (!form.ok) {
		return fail(400, { message: m.form_has_errors(), errors: form.errors, values: form.values });
	}
	const result = change(event.id, form.data, user);
	if (!('ok' in result)) return result;
	if (!result.ok && result.reason === 'not_found') error(404, { message: m.error_not_found() });
	if (!result.ok) return fail(409, { message: changeMessages[result.reason]() });
	return { saved: m.saved() };
}

const approvalMessages = {
	not_found: () => m.error_not_found(),
	wrong_status: () => m.minutes_wrong_status(),
	not_allowed: () => m.govern_not_allowed(),
	already_decided: () => m.govern_already_decided()
};

/** Approvals and refusals: every signed-in reader of the process may try; the rule decides. */
async function decide<S extends v.GenericSchema>(
	request: RequestEvent,
	schema: S,
	change: (
		context: ReturnType<typeof requireEvent>,
		data: v.InferOutput<S>
	) => ApprovalChange | ActionFailure<{ confirm: Confirmation }>,
	saved: (approved: boolean) => string
) {
	const context = requireEvent(request, 'readProcess');
	const form = parseForm(schema, await request.request.formData());
	if (!form.ok) {
		return fail(400, { message: m.form_has_errors(), errors: form.errors, values: form.values });
	}
	const result = change(context, form.data);
	if (!('ok' in result)) return result;
	if (!result.ok && result.reason === 'not_found') error(404, { message: m.error_not_found() });
	if (!result.ok) {
		return fail(result.reason === 'not_allowed' ? 403 : 409, {
			message: approvalMessages[result.reason]()
		});
	}
	return { saved: saved(result.approved) };
}

/** Tells whoever submitted the minutes that they are approved. */
const approvalGiven = (
	request: RequestEvent,
	{ event, user }: ReturnType<typeof requireEvent>,
	minutesId: number
) =>
	notifyApprovalGiven(getDb(), {
		eventId: event.id,
		minutesId,
		approver: user,
		origin: request.url.origin
	});

const approverOf = ({ user, role }: ReturnType<typeof requireEvent>) => ({
	id: user.id,
	name: user.name,
	role
});

export const actions: Actions = {
	draft: async (request) => {
		const { event, user } = requireEvent(request, 'manageEvents');
		draftMinutes(getDb(), event.id, user);
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
		act(request, 'manageEvents', itemForm, (eventId, data) => {
			const db = getDb();
			const item = findItem(db, eventId, data.minutesId, data.itemId);
			if (!item) return { ok: false, reason: 'not_found' };
			const minutes = listRevisions(db, eventId).find((r) => r.id === data.minutesId);
			if (minutes?.status !== 'draft') return { ok: false, reason: 'locked' };
			if (data.confirmed) return removeItem(db, eventId, data.minutesId, data.itemId);
			return askToConfirm({
				action: '?/removeItem',
				fields: { minutesId: String(data.minutesId), itemId: String(data.itemId) },
				question: m.confirm_delete_named({ name: item.title })
			});
		}),
	refresh: (request) =>
		act(request, 'manageEvents', minutesForm, (eventId, data) =>
			refreshFromEvent(getDb(), eventId, data.minutesId)
		),
	submit: (request) =>
		act(request, 'manageEvents', minutesForm, (eventId, data, user) =>
			thenNotify(getDb(), submitMinutes(getDb(), eventId, data.minutesId), () =>
				notifyMinutesSubmitted(getDb(), {
					eventId,
					minutesId: data.minutesId,
					submittedBy: user.id,
					origin: request.url.origin
				})
			)
		),
	approve: (request) =>
		decide(
			request,
			minutesForm,
			(context, data) => {
				const change = approveMinutesAsMember(
					getDb(),
					context.process.id,
					context.event.id,
					data.minutesId,
					approverOf(context)
				);
				return change.ok && change.approved
					? thenNotify(getDb(), change, () => approvalGiven(request, context, data.minutesId))
					: change;
			},
			(approved) => (approved ? m.govern_approved_now() : m.govern_approval_counted())
		),
	recordOnPaper: (request) =>
		decide(
			request,
			minutesForm,
			(context, data) =>
				thenNotify(
					getDb(),
					recordPaperApproval(
						getDb(),
						context.process.id,
						context.event.id,
						data.minutesId,
						approverOf(context)
					),
					() => approvalGiven(request, context, data.minutesId)
				),
			() => m.govern_approved_now()
		),
	refuse: (request) =>
		decide(
			request,
			refuseForm,
			(context, data) => {
				if (!data.confirmed) {
					return askToConfirm({
						action: '?/refuse',
						fields: { minutesId: String(data.minutesId), reason: data.reason },
						question: m.govern_refuse_question(),
						consequence: m.govern_refuse_consequence({ reason: data.reason }),
						confirmLabel: m.govern_refuse_confirm()
					});
				}
				return thenNotify(
					getDb(),
					refuseMinutes(
						getDb(),
						context.process.id,
						context.event.id,
						data.minutesId,
						approverOf(context),
						data.reason
					),
					() =>
						notifyApprovalRefused(getDb(), {
							eventId: context.event.id,
							minutesId: data.minutesId,
							refuser: context.user,
							reason: data.reason,
							refusedAt: new Date(),
							origin: request.url.origin
						})
				);
			},
			() => m.govern_refused()
		),
	revise: (request) =>
		act(request, 'manageEvents', reviseForm, (eventId, data, user) =>
			reviseMinutes(getDb(), eventId, data.minutesId, { reason: data.reason, author: user })
				? { ok: true }
				: { ok: false, reason: 'wrong_status' }
		)
};
