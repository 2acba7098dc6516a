import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { mailConfigured } from '$lib/server/auth/mail';
import { createPasswordReset } from '$lib/server/auth/password-reset';
import { takeResetMail, takeResetRequest } from '$lib/server/auth/reset-throttle';
import { findUserByEmail, normaliseEmail } from '$lib/server/auth/users';
import { getDb } from '$lib/server/db';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { getLocale } from '$lib/paraglide/runtime';
import { deliverSoon, notifyAddress } from '$lib/server/notify/outbox';
import { messageLocaleOf } from '$lib/notify-kinds';
import type { Actions, PageServerLoad } from './$types';

const requestForm = v.object({ email: field.email });

export const load: PageServerLoad = () => ({ mailConfigured: mailConfigured() });

export const actions: Actions = {
	default: async ({ request, url, getClientAddress, setHeaders }) => {
		if (!mailConfigured()) return fail(404, { message: m.reset_no_mail() });
		const form = parseForm(requestForm, await request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });

		const wait = await takeResetRequest(getClientAddress());
		if (wait > 0) {
			const minutes = Math.max(1, Math.ceil(wait / 60_000));
			setHeaders({ 'retry-after': String(Math.ceil(wait / 1000)) });
			return fail(429, { message: m.reset_throttled({ minutes }), values: form.values });
		}

		const email = normaliseEmail(form.data.email);
		const db = getDb();
		const user = findUserByEmail(db, email);
		if (user && (await takeResetMail(email))) {
			const { token } = createPasswordReset(db, user.id);
			// In the language of the page it was asked on, through the outbox (outside any
			// organisation, so no administrator sees the link). Not awaited: how long the mail
			// server takes must not tell who has an account.
			const locale = messageLocaleOf(getLocale());
			const link = `${url.origin}/password-reset/${token}`;
			notifyAddress(db, {
				organisationId: null,
				userId: user.id,
				email: user.email,
				kind: 'password_reset',
				locale,
				message: {
					subject: m.reset_mail_subject({}, { locale }),
					text: m.reset_mail_text({ name: user.name, link }, { locale }),
					link
				},
				secret: true
			});
			deliverSoon(db);
		}
		return { requested: email };
	}
};
