import { fail } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { verifyPassword } from '$lib/server/auth/password';
import { createSession, invalidateUserSessions, sessionExpiresAt } from '$lib/server/auth/session';
import { changePassword } from '$lib/server/auth/users';
import { getDb } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { requireUser } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return { email: user.email };
};

export const actions: Actions = {
	changePassword: async (event) => {
		const user = requireUser(event);
		const passwordForm = v.object({
			currentPassword: field.enteredPassword,
			newPassword: field.newPasswordOf(user)
		});
		const form = parseForm(passwordForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors });

		const db = getDb();
		const stored = db
			.select({ passwordHash: table.user.passwordHash })
			.from(table.user)
			.where(eq(table.user.id, user.id))
			.get();
		if (!stored || !(await verifyPassword(stored.passwordHash, form.data.currentPassword))) {
			return fail(400, {
				errors: { currentPassword: m.account_wrong_password() }
			});
		}

		await changePassword(db, user.id, form.data.newPassword);
		invalidateUserSessions(db, user.id);
		const { session, token } = createSession(db, user.id);
		setSessionCookie(event.cookies, event.url, token, sessionExpiresAt(session));
		return { changed: true };
	}
};
