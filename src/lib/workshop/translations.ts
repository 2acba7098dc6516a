/**
 * A workshop's question and its cluster titles in further languages, given by the moderator or
 * an interpreter beside them. German stays the original: the projector and the minutes show it,
 * and a phone falls back to it where no translation is given.
 */
import * as v from 'valibot';
import { pageLocales, spokenLanguage, type PageLocale } from '../i18n/area';

export type TranslationLocale = Exclude<PageLocale, 'de'>;

/** Every language a phone may choose, except German, the original. */
export const translationLocales = pageLocales.filter(
	(locale): locale is TranslationLocale => locale !== 'de'
);

export type Translations = Partial<Record<TranslationLocale, string>>;

/**
 * A moderator's set of translations, each cleaned like the original (`clean`) and no longer than
 * it may be (`max`). A field left empty removes that language. Unknown locales, German and keys
 * such as `__proto__` are refused, not dropped, so a typo does not silently lose an
 * interpreter's work.
 */
export function translationsSchema(max: number, clean: (text: string) => string) {
	const text = v.optional(v.pipe(v.string(), v.transform(clean), v.maxLength(max)));
	const entries = Object.fromEntries(translationLocales.map((locale) => [locale, text]));
	return v.pipe(
		// An object schema would take an empty array for an object without keys.
		v.custom<Record<string, unknown>>(
			(input) =>
				typeof input === 'object' &&
				input !== null &&
				[Object.prototype, null].includes(Object.getPrototypeOf(input))
		),
		v.strictObject(entries as Record<TranslationLocale, typeof text>),
		v.transform((translations): Translations => {
			const given: Translations = {};
			for (const locale of translationLocales) {
				const translation = translations[locale];
				if (translation) given[locale] = translation;
			}
			return given;
		})
	);
}

export interface ShownText {
	text: string;
	/** For `lang`: the translation's language (Leichte Sprache is German), or German for the original. */
	lang: string;
}

export const isTranslationLocale = (locale: string): locale is TranslationLocale =>
	(translationLocales as readonly string[]).includes(locale);

/** The text in the page's language where it is given, otherwise the German original. */
export function translated(
	original: string,
	translations: Translations | undefined,
	locale: string
): ShownText {
	const text = isTranslationLocale(locale) && translations?.[locale];
	return text ? { text, lang: spokenLanguage(locale) } : { text: original, lang: 'de' };
}
