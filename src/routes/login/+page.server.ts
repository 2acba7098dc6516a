import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { accountThrottle, addressBucket } from '$lib/server/auth/login-throttle';
import { verifyAgainstNothing, verifyPassword } from '$lib/server/auth/password';
import { createSession, sessionExpiresAt } from '$lib/server/auth/session';
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

function throttled(waitMs: number, email: string) {
	const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
	return fail(429, {
		message: m.login_throttled({ minutes }),
		values: { email }
	});
}

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = parseForm(loginForm, await request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });

		const email = normaliseEmail(form.data.email);
		const addressWait = addressBucket.take(getClientAddress());
		if (addressWait > 0) return throttled(addressWait, email);
		const accountWait = accountThrottle.retryAfter(email);
		if (accountWait > 0) return throttled(accountWait, email);

		const db = getDb();
		const user = findUserByEmail(db, email);
		const valid = user
			? await verifyPassword(user.passwordHash, form.data.password)
			: await verifyAgainstNothing(form.data.password);
		if (!user || !valid) {
			accountThrottle.recordFailure(email);
			return fail(400, { message: m.login_invalid(), values: { email } });
		}

		accountThrottle.reset(email);
		const { session, token } = createSession(db, user.id);
		setSessionCookie(cookies, url, token, sessionExpiresAt(session));
		redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
	}
};
