import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { roleAllows } from '$lib/server/auth/roles';
import { getDb } from '$lib/server/db';
import { publicCommentVerdicts } from '$lib/server/db/schema';
import { askToConfirm, confirmed } from '$lib/server/forms/confirm';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { id, isoDate } from '$lib/server/forms/process-fields';
import { requireProcess } from '$lib/server/guard';
import { maxCommentLength } from '$lib/server/public/comment-form';
import {
	answerComment,
	commentPeriodOf,
	draftTargets,
	findPublicComment,
	isOpenOn,
	listForModeration,
	publishComment,
	rejectComment,
	setCommentPeriod,
	type CommentTarget,
	type Moderation
} from '$lib/server/public/comments';
import { todayIn } from '$lib/server/time';
import type { Actions, PageServerLoad } from './$types';

const targetFilter = v.pipe(
	v.string(),
	v.regex(/^(field|measure):[1-9][0-9]{0,9}$/),
	v.transform((value): CommentTarget => {
		const [kind, id] = value.split(':') as ['field' | 'measure', string];
		return { kind, id: Number(id) };
	})
);

export const load: PageServerLoad = (event) => {
	const { process, role } = requireProcess(event, 'readProcess');
	event.depends('app:public-comments');
	const db = getDb();
	const today = todayIn();
	const filter = v.safeParse(targetFilter, event.url.searchParams.get('zu') ?? '');
	const period = commentPeriodOf(db, process.id);
	const comments = listForModeration(db, process.id, filter.success ? filter.output : undefined);
	return {
		period: period
			? { opensOn: period.opensOn, closesOn: period.closesOn, open: isOpenOn(period, today) }
			: null,
		today,
		filter: filter.success ? (event.url.searchParams.get('zu') ?? '') : '',
		targets: draftTargets(db, process.id),
		comments: comments.map((comment) => ({
			id: comment.id,
			targetKey: comment.targetKey,
			targetLabel: comment.targetLabel,
			authorName: comment.authorName,
			body: comment.body,
			status: comment.status,
			createdAt: comment.createdAt,
			moderatedByName: comment.moderatedByName,
			verdict: comment.verdict,
			answer: comment.answer,
			answeredByName: comment.answeredByName
		})),
		canModerate: roleAllows(role, 'editProcess'),
		maxCommentLength
	};
};

const periodForm = v.pipe(
	v.object({ opensOn: isoDate, closesOn: isoDate }),
	v.forward(
		v.check((dates) => dates.opensOn <= dates.closesOn, m.public_period_order()),
		['closesOn']
	)
);
const commentIdForm = v.object({ id });
const rejectForm = v.object({ id, ...confirmed });
const answerForm = v.object({
	id,
	verdict: field.choice(publicCommentVerdicts),
	answer: field.requiredText(maxCommentLength)
});

function refusal(outcome: Moderation) {
	if (outcome === 'not_found') error(404, { message: m.error_not_found() });
	return fail(409, { message: m.public_moderation_refused() });
}

export const actions: Actions = {
	period: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(periodForm, await event.request.formData());
		if (!form.ok) return fail(400, { periodErrors: form.errors, values: form.values });
		setCommentPeriod(getDb(), process.id, form.data);
		return { saved: m.public_period_saved() };
	},
	publish: async (event) => {
		const { process, user } = requireProcess(event, 'editProcess');
		const form = parseForm(commentIdForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const outcome = publishComment(getDb(), process.id, form.data.id, user);
		if (outcome !== 'done') return refusal(outcome);
		return { saved: m.public_comment_published() };
	},
	reject: async (event) => {
		const { process, user } = requireProcess(event, 'editProcess');
		const form = parseForm(rejectForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		if (!findPublicComment(getDb(), process.id, form.data.id)) {
			error(404, { message: m.error_not_found() });
		}
		if (!form.data.confirmed) {
			return askToConfirm({
				action: '?/reject',
				fields: { id: String(form.data.id) },
				question: m.public_comment_reject_question(),
				consequence: m.public_comment_reject_consequence(),
				confirmLabel: m.public_comment_reject()
			});
		}
		const outcome = rejectComment(getDb(), process.id, form.data.id, user);
		if (outcome !== 'done') return refusal(outcome);
		return { saved: m.public_comment_rejected() };
	},
	answer: async (event) => {
		const { process, user } = requireProcess(event, 'editProcess');
		const form = parseForm(answerForm, await event.request.formData());
		if (!form.ok) {
			return fail(400, {
				answerErrors: form.errors,
				answerFor: Number(form.values.id) || null,
				values: form.values
			});
		}
		const { id: commentId, ...answer } = form.data;
		const outcome = answerComment(getDb(), process.id, commentId, answer, user);
		if (outcome !== 'done') return refusal(outcome);
		return { saved: m.public_comment_answered() };
	}
};
