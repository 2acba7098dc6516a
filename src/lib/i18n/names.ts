import type { PageLocale } from './area';

/** Each language names itself, so people who cannot read the current one still find theirs. */
export const languageNames: Record<PageLocale, string> = {
	de: 'Deutsch',
	en: 'English',
	tr: 'Türkçe',
	ar: 'العربية',
	fa: 'فارسی',
	uk: 'Українська',
	ru: 'Русский',
	'de-x-ls': 'Leichte Sprache'
};
