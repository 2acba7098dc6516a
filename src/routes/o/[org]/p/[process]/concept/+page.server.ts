import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { roleAllows } from '$lib/server/auth/roles';
import {
	addComment,
	commentTargets,
	listComments,
	resolveComment
} from '$lib/server/concept/comments';
import {
	compareVersions,
	deleteVersion,
	findVersion,
	isAdopted,
	listVersions,
	saveVersion,
	setVersionStand
} from '$lib/server/concept/versions';
import { adoptionLineOf } from '$lib/server/council/steps';
import { getDb } from '$lib/server/db';
import { askToConfirm, confirmed } from '$lib/server/forms/confirm';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { id, isoDate } from '$lib/server/forms/process-fields';
import { requireProcess } from '$lib/server/guard';
import { draftCommentThreads } from '$lib/server/public/comments';
import { todayIn } from '$lib/server/time';
import { notifyMeasureComment, thenNotify } from '$lib/server/notify/triggers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { process, role } = requireProcess(event, 'readProcess');
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
		versions: versions.map(({ id, number, note, standOn, createdByName, createdAt }) => ({
			id,
			number,
			note,
			standOn,
			createdByName,
			createdAt,
			adoption: adoptionLineOf(db, id) ?? null
		})),
		introduction: versions[0]?.snapshot.introduction ?? process.description,
		comparison,
		today: todayIn(),
		comments: listComments(db, process.id),
		commentTargets: commentTargets(db, process.id),
		canComment: roleAllows(role, 'commentConcept'),
		// Every role may read the moderation list, so every role sees the comments beside the draft.
		publicComments: draftCommentThreads(db, process.id)
	};
};

const saveForm = v.object({
	introduction: field.optionalText(20000),
	note: field.optionalLine(300),
	standOn: isoDate
});
const standForm = v.object({ versionId: id, standOn: isoDate });

const commentForm = v.object({ target: field.requiredLine(40), body: field.requiredText(4000) });

export const actions: Actions = {
	comment: async (event) => {
		const { process, user } = requireProcess(event, 'commentConcept');
		const form = parseForm(commentForm, await event.request.formData());
		if (!form.ok) return fail(400, { commentErrors: form.errors, values: form.values });
		const comment = addComment(getDb(), process.id, user, form.data.target, form.data.body);
		if (!comment) {
			return fail(400, {
				commentErrors: { target: m.error_choice() } as Record<string, string>,
				values: form.values
			});
		}
		thenNotify(getDb(), { ok: true }, () =>
			notifyMeasureComment(getDb(), { comment, origin: event.url.origin })
		);
		return { saved: m.concept_comment_saved() };
	},
	resolve: async (event) => {
		const { process, user } = requireProcess(event, 'editProcess');
		const form = parseForm(v.object({ id }), await event.request.formData());
		if (!form.ok || !resolveComment(getDb(), process.id, form.data.id, user)) {
			return fail(400, { message: m.form_has_errors() });
		}
		return { saved: m.concept_comment_resolved() };
	},
	save: async (event) => {
		const { organisation, process, user } = requireProcess(event, 'editProcess');
		const form = parseForm(saveForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const version = saveVersion(getDb(), process, organisation.name, form.data, user);
		return { saved: m.concept_saved({ number: version.number }) };
	},
	stand: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(standForm, await event.request.formData());
		if (!form.ok) return fail(400, { standErrors: form.errors, values: form.values });
		const { versionId, standOn } = form.data;
		if (!setVersionStand(getDb(), process.id, versionId, standOn)) {
			return fail(409, { message: m.concept_adopt_refused() });
		}
		return { saved: m.concept_stand_saved() };
	},
	delete: async (event) => {
		const { process } = requireProcess(event, 'editProcess');
		const form = parseForm(v.object({ id, ...confirmed }), await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const version = findVersion(db, process.id, form.data.id);
		if (!version) error(404, { message: m.error_not_found() });
		if (isAdopted(db, version.id)) return fail(409, { message: m.concept_delete_refused() });
		if (!form.data.confirmed) {
			const name = m.minutes_revision({ revision: version.number });
			return askToConfirm({
				action: '?/delete',
				fields: { id: String(version.id) },
				question: m.confirm_delete_named({ name: version.note ? `${name}: ${version.note}` : name })
			});
		}
		if (!deleteVersion(db, process.id, version.id)) {
			return fail(409, { message: m.concept_delete_refused() });
		}
		return { saved: m.deleted() };
	}
};
