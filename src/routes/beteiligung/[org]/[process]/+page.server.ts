import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms/parse';
import { addPublicComment, commentPeriodOf, isOpenOn } from '$lib/server/public/comments';
import { publicProcessPage } from '$lib/server/public/page';
import { takeComment } from '$lib/server/public/throttle';
import { todayIn } from '$lib/server/time';
import { waitSeconds } from '$lib/server/workshop/join-throttle';
import { commentForm } from '$lib/server/public/comment-form';
import type { Actions, PageServerLoad } from './$types';
import { requirePublicProcess } from './public';

export const load: PageServerLoad = ({ params }) => {
	const { process, organisationName } = requirePublicProcess(params);
	return {
		organisationName,
		legal: { slug: params.org },
		...publicProcessPage(getDb(), process, todayIn())
	};
};

export const actions: Actions = {
	comment: async ({ params, request, getClientAddress, setHeaders }) => {
		const { process } = requirePublicProcess(params);
		const db = getDb();
		const today = todayIn();
		if (!isOpenOn(commentPeriodOf(db, process.id), today)) {
			return fail(409, { message: m.public_comment_closed() });
		}
		const form = parseForm(commentForm, await request.formData());
		if (!form.ok) {
			return fail(400, { message: m.form_has_errors(), errors: form.errors, values: form.values });
		}
		// A form filled in by a script: thanked like anyone, and forgotten.
		if (form.data.website !== '') return { commented: true };
		const wait = await takeComment(getClientAddress());
		if (wait > 0) {
			const seconds = waitSeconds(wait);
			setHeaders({ 'retry-after': String(seconds) });
			return fail(429, { message: m.live_throttled({ seconds }), values: form.values });
		}
		const added = addPublicComment(
			db,
			process.id,
			{ target: form.data.target, authorName: form.data.name, body: form.data.text },
			today
		);
		if (!added.ok) {
			if (added.reason === 'closed') return fail(409, { message: m.public_comment_closed() });
			error(404, { message: m.error_not_found() });
		}
		return { commented: true };
	}
};
