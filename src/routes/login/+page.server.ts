import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { startSession } from '$lib/server/auth/cookies';
import { describeWait, loginThrottle } from '$lib/server/auth/login-throttle';
import { verifyAgainstNothing, verifyPassword } from '$lib/server/auth/password';
import { findUserByEmail, normaliseEmail } from '$lib/server/auth/users';
import { getDb } from '$lib/server/db';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { safeRedirectTarget } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

const loginForm = v.object({
	email: field.email,
	password: field.enteredPassword
});

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
};

function waitMessage(waitMs: number): string {
	const wait = describeWait(waitMs);
	return 'seconds' in wait ? m.login_throttled_seconds(wait) : m.login_throttled(wait);
}

export const actions: Actions = {
	default: async (event) => {
		const { request, url, getClientAddress, setHeaders } = event;
		const form = parseForm(loginForm, await request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });

		const email = normaliseEmail(form.data.email);
		const address = getClientAddress();
		const attempt = await loginThrottle.attempt(email, address);
		if (!attempt.allowed) {
			setHeaders({ 'retry-after': String(Math.ceil(attempt.waitMs / 1000)) });
			return fail(429, { message: waitMessage(attempt.waitMs), values: { email } });
		}

		const db = getDb();
		const user = findUserByEmail(db, email);
		const valid = user
			? await verifyPassword(user.passwordHash, form.data.password)
			: await verifyAgainstNothing(form.data.password);
		if (!user || !valid) return fail(400, { message: m.login_invalid(), values: { email } });

		await loginThrottle.succeeded(email, address);
		startSession(db, user.id, event);
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
	}
};
