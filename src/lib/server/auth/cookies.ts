import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db';
import { createSession, sessionCookieName, sessionExpiresAt } from './session';

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date) {
	cookies.set(sessionCookieName, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		path: '/',
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL) {
	cookies.delete(sessionCookieName, {
		path: '/',
		secure: url.protocol === 'https:'
	});
}

/** Signs the user in on this browser: a new session, named by its user agent, in a cookie. */
export function startSession(
	db: Db,
	userId: number,
	event: { cookies: Cookies; url: URL; request: Request }
) {
	const { session, token } = createSession(
		db,
		userId,
		new Date(),
		event.request.headers.get('user-agent') ?? ''
	);
	setSessionCookie(event.cookies, event.url, token, sessionExpiresAt(session));
	return session;
}
