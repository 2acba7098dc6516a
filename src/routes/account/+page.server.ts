import { error, fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import {
	checkAccountDeletion,
	deleteAccount,
	type AccountDeletionCheck
} from '$lib/server/auth/account';
import { deleteSessionCookie, startSession } from '$lib/server/auth/cookies';
import { verifyPassword } from '$lib/server/auth/password';
import {
	invalidateOtherSessions,
	invalidateOwnSession,
	invalidateUserSessions,
	listUserSessions
} from '$lib/server/auth/session';
import { describeUserAgent } from '$lib/server/auth/user-agent';
import { changePassword } from '$lib/server/auth/users';
import { getDb } from '$lib/server/db';
import * as table from '$lib/server/db/schema';
import { listOrganisationsOf } from '$lib/server/organisations/organisations';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { requireUser } from '$lib/server/guard';
import { messageLocales, optionalKinds } from '$lib/notify-kinds';
import { savePreferences, settingsOf, rememberLocale } from '$lib/server/notify/outbox';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const endSessionForm = v.object({ sessionId: field.requiredLine(64) });
const deleteForm = v.object({ password: field.enteredPassword });
const switchedOn = v.optional(v.picklist(['on'], () => m.error_choice()));
const notificationsForm = v.object({
	delivery: field.choice(['single', 'digest'] as const),
	locale: field.choice(messageLocales),
	...Object.fromEntries(optionalKinds.map((kind) => [`kind_${kind}`, switchedOn]))
});

function requireSession(event: RequestEvent) {
	const user = requireUser(event);
	const session = event.locals.session;
	// The session hook sets the user and the session together.
	if (!session) error(401, { message: m.error_forbidden() });
	return { user, session };
}

async function passwordMatches(userId: number, password: string): Promise<boolean> {
	const stored = getDb()
		.select({ passwordHash: table.user.passwordHash })
		.from(table.user)
		.where(eq(table.user.id, userId))
		.get();
	return !!stored && (await verifyPassword(stored.passwordHash, password));
}

function refusalMessage(check: AccountDeletionCheck): string | null {
	if (check.allowed) return null;
	return check.reason === 'last_admin'
		? m.account_delete_last_admin({ organisations: check.organisations.join(', ') })
		: m.account_delete_last_system_admin();
}

export const load: PageServerLoad = (event) => {
	const { user, session } = requireSession(event);
	const db = getDb();
	return {
		email: user.email,
		sessions: listUserSessions(db, user.id).map((row) => ({
			id: row.id,
			createdAt: row.createdAt,
			lastUsedAt: row.lastVerifiedAt,
			...describeUserAgent(row.userAgent),
			current: row.id === session.id
		})),
		organisations: listOrganisationsOf(db, user.id).map((row) => row.organisation.name),
		deletionRefused: refusalMessage(checkAccountDeletion(db, user.id)),
		notifications: (() => {
			const settings = settingsOf(db, user.id);
			return {
				locale: settings.locale,
				digest: settings.digest,
				enabled: optionalKinds.filter((kind) => !settings.off.has(kind))
			};
		})()
	};
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

		if (!(await passwordMatches(user.id, form.data.currentPassword))) {
			return fail(400, { errors: { currentPassword: m.account_wrong_password() } });
		}

		const db = getDb();
		await changePassword(db, user.id, form.data.newPassword);
		invalidateUserSessions(db, user.id);
		startSession(db, user.id, event);
		return { changed: true };
	},
	endSession: async (event) => {
		const { user, session } = requireSession(event);
		const form = parseForm(endSessionForm, await event.request.formData());
		if (!form.ok) return fail(400, { sessionMessage: m.form_has_errors() });
		if (form.data.sessionId === session.id) {
			return fail(400, { sessionMessage: m.sessions_end_current() });
		}
		invalidateOwnSession(getDb(), user.id, form.data.sessionId);
		return { sessionsEnded: 1 };
	},
	notifications: async (event) => {
		const user = requireUser(event);
		const form = parseForm(notificationsForm, await event.request.formData());
		if (!form.ok) return fail(400, { notificationsMessage: m.form_has_errors() });
		const chosen = form.data as Record<string, string | undefined>;
		const db = getDb();
		savePreferences(db, user.id, {
			enabled: optionalKinds.filter((kind) => chosen[`kind_${kind}`] === 'on'),
			digest: form.data.delivery === 'digest'
		});
		rememberLocale(db, user.id, form.data.locale);
		return { notificationsSaved: m.saved() };
	},
	endOtherSessions: async (event) => {
		const { user, session } = requireSession(event);
		return { sessionsEnded: invalidateOtherSessions(getDb(), user.id, session.id) };
	},
	deleteAccount: async (event) => {
		const user = requireUser(event);
		const form = parseForm(deleteForm, await event.request.formData());
		if (!form.ok) return fail(400, { deleteErrors: form.errors });
		if (!(await passwordMatches(user.id, form.data.password))) {
			return fail(400, { deleteErrors: { password: m.account_wrong_password() } });
		}
		const result = deleteAccount(getDb(), user.id, m.former_member({}, { locale: 'de' }));
		if (!result.allowed) return fail(409, { deleteMessage: refusalMessage(result) });
		deleteSessionCookie(event.cookies, event.url);
		redirect(303, '/account/deleted');
	}
};
