import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { startSession } from '$lib/server/auth/cookies';
import { hasAnyUser } from '$lib/server/auth/users';
import { getDb } from '$lib/server/db';
import { newAccountAuditContext, requestAuditPath, runAudited } from '$lib/server/db/audit';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { createFirstAdministrator } from '$lib/server/organisations/setup';
import type { Actions, PageServerLoad } from './$types';

const setupForm = v.pipe(
	v.object({
		organisationName: field.organisationName,
		organisationKind: field.organisationKind,
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

/** Once an account exists, the set-up page is gone for good. */
function requireFreshInstall() {
	if (hasAnyUser(getDb())) error(404, { message: m.setup_already_done() });
}

export const load: PageServerLoad = () => {
	requireFreshInstall();
};

export const actions: Actions = {
	default: async ({ request, cookies, url, route }) => {
		requireFreshInstall();
		const form = parseForm(setupForm, await request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });

		const { organisationName, organisationKind, ...account } = form.data;
		const db = getDb();
		const audit = newAccountAuditContext(account, requestAuditPath(request.method, route.id, url));
		const result = await runAudited(audit, () =>
			createFirstAdministrator(db, {
				user: account,
				organisation: { name: organisationName, kind: organisationKind }
			})
		);
		if (!result.ok) error(404, { message: m.setup_already_done() });

		startSession(db, result.user.id, { cookies, url, request });
		redirect(303, `/o/${result.organisation.slug}`);
	}
};
