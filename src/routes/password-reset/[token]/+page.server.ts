import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import {
	findPasswordReset,
	resetPassword,
	type PasswordResetLookup
} from '$lib/server/auth/password-reset';
import { getDb } from '$lib/server/db';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import type { Actions, PageServerLoad } from './$types';

function openReset(token: string): Exclude<PasswordResetLookup, { status: 'unknown' }> {
	const lookup = findPasswordReset(getDb(), token);
	if (lookup.status === 'unknown') error(404, { message: m.reset_link_unknown() });
	return lookup;
}

export const load: PageServerLoad = ({ params }) => {
	const lookup = openReset(params.token);
	if (lookup.status === 'expired') return { expired: true as const, email: '' };
	return { expired: false as const, email: lookup.user.email };
};

export const actions: Actions = {
	default: async ({ params, request }) => {
		const lookup = openReset(params.token);
		if (lookup.status === 'expired') return fail(410, { message: m.reset_link_expired() });
		const schema = v.object({ password: field.newPasswordOf(lookup.user) });
		const form = parseForm(schema, await request.formData());
		if (!form.ok) return fail(400, { errors: form.errors });

		const result = await resetPassword(getDb(), params.token, form.data.password);
		if (!result.ok) {
			return fail(410, {
				message: result.reason === 'expired' ? m.reset_link_expired() : m.reset_link_unknown()
			});
		}
		// A page of its own: the link is used up, so this one would now answer 404.
		redirect(303, '/password-reset/done');
	}
};
