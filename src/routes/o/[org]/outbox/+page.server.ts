import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { defaultSender, mailConfigured } from '$lib/server/auth/mail';
import { getDb } from '$lib/server/db';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { requireOrganisation } from '$lib/server/guard';
import { listOutbox, saveSender, senderOf } from '$lib/server/notify/outbox';
import type { Actions, PageServerLoad } from './$types';

/** Empty: the server's `MAIL_FROM`. */
const optionalEmail = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.maxLength(254, () => m.error_too_long({ max: 254 })),
	v.check(
		(value) => value === '' || v.is(v.pipe(v.string(), v.email()), value),
		() => m.error_email()
	)
);
const senderForm = v.object({ name: field.optionalLine(120), address: optionalEmail });

export const load: PageServerLoad = (event) => {
	const { organisation } = requireOrganisation(event, 'manageOrganisation');
	const db = getDb();
	return {
		smtp: mailConfigured(),
		defaultSender: defaultSender(),
		sender: senderOf(db, organisation.id) ?? { name: '', address: '' },
		messages: listOutbox(db, organisation.id).map((message) => ({
			id: message.id,
			to: message.toAddress,
			kind: message.kind,
			locale: message.locale,
			subject: message.subject,
			text: message.text,
			link: message.link,
			secret: message.secret,
			hasIcs: message.ics !== null,
			status: message.status,
			attempts: message.attempts,
			error: message.error,
			createdAt: message.createdAt,
			sentAt: message.sentAt
		}))
	};
};

export const actions: Actions = {
	sender: async (event) => {
		const { organisation } = requireOrganisation(event, 'manageOrganisation');
		const form = parseForm(senderForm, await event.request.formData());
		if (!form.ok) return fail(400, { senderErrors: form.errors, values: form.values });
		saveSender(getDb(), organisation.id, form.data);
		return { saved: m.saved() };
	}
};
