import { redirect } from '@sveltejs/kit';
import { pageLocales, spokenLanguage, type PageLocale } from '$lib/i18n/area';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';
import { getDb } from '$lib/server/db';
import { safeRedirectTarget } from '$lib/server/guard';
import {
	findParticipant,
	participantCookieName,
	setParticipantLocale
} from '$lib/server/workshop/participants';
import { rememberLocale } from '$lib/server/notify/outbox';
import type { RequestHandler } from './$types';

/** Works without JavaScript: a plain form post sets the language cookie and reloads the page. */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const form = await request.formData();
	const locale = form.get('locale');
	if (typeof locale === 'string' && isLocale(locale)) {
		cookies.set(cookieName, locale, {
			path: '/',
			maxAge: cookieMaxAge,
			sameSite: 'lax',
			httpOnly: false
		});
		// Messages to a signed-in user are written in the language they last chose.
		if (locals.user) rememberLocale(getDb(), locals.user.id, locale);
		// Kept with the participation, so that the minutes can say in which languages people took part.
		const token = cookies.get(participantCookieName);
		const participant = token ? findParticipant(getDb(), token) : undefined;
		if (participant && (pageLocales as readonly string[]).includes(locale)) {
			setParticipantLocale(getDb(), participant.id, spokenLanguage(locale as PageLocale));
		}
	}
	const target = form.get('redirectTo');
	redirect(303, safeRedirectTarget(typeof target === 'string' ? target : null));
};
