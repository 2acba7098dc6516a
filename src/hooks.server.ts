import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { sequence } from '@sveltejs/kit/hooks';
import { cookieValue } from '$lib/cookie-value';
import { acceptedLanguages, pickLocale, spokenLanguage } from '$lib/i18n/area';
import { cookieName, defineCustomServerStrategy, getTextDirection } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import {
	sessionCookieName,
	sessionExpiresAt,
	validateSessionToken
} from '$lib/server/auth/session';
import { hasAnyUser } from '$lib/server/auth/users';
import { scheduleBackups } from '$lib/server/backup/schedule';
import { scheduleNotifications } from '$lib/server/notify/schedule';
import { getDb } from '$lib/server/db';
import { requestAuditPath, runAudited } from '$lib/server/db/audit';
import { demoAccounts, demoPassword, seedDemo } from '$lib/server/demo/seed';
import { takeLiveServer } from '$lib/server/live/server';
import { scheduleRetention } from '$lib/server/privacy/retention';
import { bodyLimit, bodyRefusal } from '$lib/server/request-limits';
import { attachLive } from '$lib/server/live/socket';
import { documentPolicy, securityHeaders, staticPolicy } from '$lib/server/security-headers';

export const init: ServerInit = async () => {
	const db = getDb();
	if (process.env.SEED_DEMO !== 'false' && (await seedDemo(db))) {
		console.log(
			'\nMitwirken: Demo-Daten angelegt. Anmeldungen (Passwort für alle: %s):',
			demoPassword
		);
		for (const account of demoAccounts) console.log('  %s  (%s)', account.email, account.role);
		console.log('');
	}
	// Phones' links to their ideas and dots end PARTICIPANT_RETENTION_DAYS after their event.
	scheduleRetention(db);
	const live = takeLiveServer();
	if (live) attachLive(live, db);
	scheduleBackups(db.$client);
	// Reminders, Sachstand due and digests: hourly, each message once (notify/schedule.ts).
	scheduleNotifications(db);
	// server.js sets the same headers on the static files and socket.io's answers.
	(globalThis as Record<symbol, unknown>)[Symbol.for('mitwirken.securityHeaders')] = (
		https: boolean
	) => ({ common: securityHeaders(https), policy: staticPolicy });
	if (!dev) console.log('Mitwirken: %s', process.env.ORIGIN ?? `port ${process.env.PORT ?? 3000}`);
};

defineCustomServerStrategy('custom-area', {
	getLocale: (request) =>
		pickLocale(
			new URL(request?.url ?? 'http://localhost/').pathname,
			cookieValue(request?.headers.get('cookie') ?? undefined, cookieName),
			acceptedLanguages(request?.headers.get('accept-language') ?? null)
		)
});

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html
					.replace('%paraglide.lang%', spokenLanguage(locale))
					.replace('%paraglide.dir%', getTextDirection(locale))
		});
	});

const handleSession: Handle = ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(sessionCookieName);
	if (!token) return resolve(event);

	const result = validateSessionToken(getDb(), token);
	if (!result.valid) {
		deleteSessionCookie(event.cookies, event.url);
		return resolve(event);
	}
	if (result.renewed) {
		setSessionCookie(event.cookies, event.url, token, sessionExpiresAt(result.session));
	}
	event.locals.user = result.user;
	event.locals.session = result.session;
	return resolve(event);
};

/** A signed-in staff member's writes go to the audit log (see src/lib/server/db/audit.ts). */
const handleAudit: Handle = ({ event, resolve }) => {
	const user = event.locals.user;
	if (!user) return resolve(event);
	const path = requestAuditPath(event.request.method, event.route.id, event.url);
	return runAudited(
		{
			actorKind: 'user',
			actorUserId: user.id,
			actorName: user.name,
			organisationId: null,
			processId: null,
			path
		},
		() => resolve(event)
	);
};

/**
 * Only a signed-in person's video upload uses BODY_SIZE_LIMIT's 202 MB, their attachments 21 MB;
 * every other post 3 MB. Runs after the session is known.
 */
const handleBodySize: Handle = ({ event, resolve }) => {
	const limit = bodyLimit(event.url, event.route.id, event.locals.user !== null);
	const refusal = bodyRefusal(event.request, limit);
	if (refusal === 411) return new Response('Length Required', { status: 411 });
	if (refusal === 413) return new Response('Payload Too Large', { status: 413 });
	return resolve(event);
};

let installed = false;

/** Until the first account exists, every page leads to the set-up page. */
const handleFirstRun: Handle = ({ event, resolve }) => {
	installed ||= hasAnyUser(getDb());
	if (!installed && event.route.id !== '/setup' && event.route.id !== null) {
		return new Response(null, { status: 303, headers: { location: '/setup' } });
	}
	return resolve(event);
};

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(securityHeaders(event.url.protocol === 'https:'))) {
		response.headers.set(name, value);
	}
	// Pages carry svelte.config.js's policy; downloads and other answers may run nothing.
	if (!response.headers.has('content-security-policy')) {
		response.headers.set('content-security-policy', documentPolicy);
	}
	return response;
};

/** Malformed requests (bad escapes in a path, unknown methods) are the sender's fault: no stack trace per request. */
export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status >= 500) console.error(error);
	return { message };
};

export const handle = sequence(
	handleSecurityHeaders,
	handleLocale,
	handleFirstRun,
	handleSession,
	handleBodySize,
	handleAudit
);
