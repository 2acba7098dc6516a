import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { startSession } from '$lib/server/auth/cookies';
import { getDb } from '$lib/server/db';
import { newAccountAuditContext, requestAuditPath, runAudited } from '$lib/server/db/audit';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { requireUser } from '$lib/server/guard';
import {
	acceptInvitation,
	acceptInvitationWithNewAccount,
	findInvitation
} from '$lib/server/organisations/invitations';
import type { Actions, PageServerLoad } from './$types';

const accountForm = v.pipe(
	v.object({
		name: field.personName,
		email: field.email,
		password: field.newPassword
	}),
	v.forward(
		v.partialCheck([['name'], ['email'], ['password']], field.passwordNotPersonal, () =>
			m.error_password_personal()
		),
		['password']
	)
);

const statusMessages = {
	unknown: m.invitation_unknown,
	used: m.invitation_used,
	expired: m.invitation_expired
};

function openInvitation(token: string) {
	const lookup = findInvitation(getDb(), token);
	if (lookup.status === 'unknown') error(404, { message: m.invitation_unknown() });
	return lookup;
}

export const load: PageServerLoad = ({ params }) => {
	const lookup = openInvitation(params.token);
	if (lookup.status !== 'open') return { closed: statusMessages[lookup.status]() };
	return {
		closed: null,
		organisationName: lookup.organisation.name,
		role: lookup.invitation.role
	};
};

export const actions: Actions = {
	accept: async (event) => {
		const user = requireUser(event);
		const lookup = openInvitation(event.params.token);
		if (lookup.status !== 'open') return fail(410, { message: statusMessages[lookup.status]() });
		if (!acceptInvitation(getDb(), lookup.invitation.id, user.id)) {
			return fail(410, { message: m.invitation_used() });
		}
		redirect(303, `/o/${lookup.organisation.slug}`);
	},
	register: async (event) => {
		const lookup = openInvitation(event.params.token);
		if (lookup.status !== 'open') return fail(410, { message: statusMessages[lookup.status]() });
		const form = parseForm(accountForm, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });

		const db = getDb();
		const path = requestAuditPath(event.request.method, event.route.id, event.url);
		const result = await runAudited(newAccountAuditContext(form.data, path), () =>
			acceptInvitationWithNewAccount(db, lookup.invitation.id, form.data)
		);
		if (!result.ok) {
			if (result.reason === 'email_taken') {
				const { name, email } = form.data;
				return fail(400, {
					errors: { email: m.error_email_taken() },
					values: { name, email }
				});
			}
			return fail(410, { message: m.invitation_used() });
		}
		startSession(db, result.user.id, event);
		redirect(303, `/o/${lookup.organisation.slug}`);
	}
};
