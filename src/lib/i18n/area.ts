/**
 * Which languages a page speaks depends on who it is for. The participant pages (joining and
 * taking part in a workshop) speak all seven languages of the people the conferences invite;
 * the public pages of a process speak them too; the pages for staff speak German and English. A language chosen on a phone therefore never
 * turns an administration page into a half-German Arabic one.
 */
import { participantLocales, type ParticipantLocale } from '../domain';

export const staffLocales = ['de', 'en'] as const satisfies readonly ParticipantLocale[];

/**
 * Leichte Sprache (plain German after the rules of the Netzwerk Leichte Sprache) is a page
 * language of its own for participants and the public, but it is German: `lang` says `de`, and a
 * participant who reads it takes part in German. Staff pages do not speak it.
 */
export const easyReadLocale = 'de-x-ls';

/** What the participant and public pages offer: the seven languages and Leichte Sprache. */
export const pageLocales = [...participantLocales, easyReadLocale] as const;
export type PageLocale = (typeof pageLocales)[number];

/** The language a page locale is written in, for `lang` attributes and the participation. */
export function spokenLanguage(locale: PageLocale): ParticipantLocale {
	return locale === easyReadLocale ? 'de' : locale;
}

/** Join codes avoid 0/O and 1/I/L; people may type them in lower case. */
export const joinCodeSegment = /^[A-HJ-KMNP-Za-hj-kmnp-z2-9]{6}$/;

/**
 * `/mitmachen` (enter a code), `/<join code>` with everything below it, and `/umfrage/<code>`
 * (a questionnaire of the needs analysis).
 */
export function isParticipantPath(pathname: string): boolean {
	const first = pathname.split('/')[1] ?? '';
	return first === 'mitmachen' || first === 'umfrage' || joinCodeSegment.test(first);
}

/** Primary language subtags from an Accept-Language header, most preferred first. */
export function acceptedLanguages(header: string | null): string[] {
	if (!header) return [];
	return header
		.split(',')
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.find((p) => p.trim().startsWith('q='));
			return { tag, q: q ? Number(q.trim().slice(2)) || 0 : 1, index };
		})
		.filter((entry) => entry.tag && entry.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index)
		.map((entry) => entry.tag.split('-')[0]!.toLowerCase());
}

/** The public pages of a process (`/beteiligung/…`): read by anyone, in the phones' languages. */
export function isPublicPath(pathname: string): boolean {
	return pathname.split('/')[1] === 'beteiligung';
}

/** Pages that speak all seven languages: the participants' and the public's. */
export function speaksParticipantLocales(pathname: string): boolean {
	return isParticipantPath(pathname) || isPublicPath(pathname);
}

/**
 * The language for a page: the one chosen with the language switcher if the page speaks it,
 * else the browser's most preferred one the page speaks, else German.
 */
export function pickLocale(
	pathname: string,
	chosen: string | undefined,
	accepted: readonly string[]
): PageLocale {
	const speaks: readonly string[] = speaksParticipantLocales(pathname) ? pageLocales : staffLocales;
	if (chosen && speaks.includes(chosen)) return chosen as PageLocale;
	return (accepted.find((tag) => speaks.includes(tag)) as PageLocale | undefined) ?? 'de';
}
