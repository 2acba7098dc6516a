import { redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';
import { safeRedirectTarget } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/** Works without JavaScript: a plain form post sets the language cookie and reloads the page. */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const form = await request.formData();
	const locale = form.get('locale');
	if (typeof locale === 'string' && isLocale(locale)) {
		cookies.set(cookieName, locale, {
			path: '/',
			maxAge: cookieMaxAge,
			sameSite: 'lax',
			httpOnly: false
		});
	}
	const target = form.get('redirectTo');
	redirect(303, safeRedirectTarget(typeof target === 'string' ? target : null));
};
