import { cookieValue } from '$lib/cookie-value';
import { pickLocale } from '$lib/i18n/area';
import { cookieName, defineCustomClientStrategy } from '$lib/paraglide/runtime';

// Mirrors the server's choice (hooks.server.ts) so that hydration renders the same language.
defineCustomClientStrategy('custom-area', {
	getLocale: () =>
		pickLocale(
			location.pathname,
			cookieValue(document.cookie, cookieName),
			navigator.languages.map((tag) => tag.split('-')[0]!.toLowerCase())
		),
	// Languages change through the switcher's form post, never from script.
	setLocale: () => {}
});
