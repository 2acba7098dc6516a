/**
 * What people type into a search box, made into terms that cannot break a query. A term is a
 * run of letters, digits and combining marks, as SQLite's `unicode61` tokenizer cuts text;
 * everything else (quotes, `*`, `-`, `:`, `NEAR(`, control characters) only separates terms,
 * so no input is ever read as FTS5 query syntax.
 *
 * Folding, as the measure_search table stores text (drizzle/0014_measure_search.sql): case and
 * diacritics go ("Müller" is "muller"), ß is "ss", and a term with an umlaut also looks for it
 * written out ("Müller" finds "Mueller"); the index holds the written-out form too, so
 * "Mueller" finds "Müller".
 */

/** Long enough for any real search, short enough that a pasted page costs nothing. */
export const maxSearchLength = 200;
export const maxSearchTerms = 12;

const term = /[\p{L}\p{N}\p{M}]+/gu;

const umlauts: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue' };

/** Lower case, ß as ss, diacritics removed: "Straße" is "strasse", "Müller" is "muller". */
export function foldPlain(text: string): string {
	return text
		.toLowerCase()
		.replaceAll('ß', 'ss')
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.normalize('NFC');
}

/** Lower case with umlauts written out and ß as ss, then the rest as foldPlain: "mueller". */
export function foldSpelled(text: string): string {
	return foldPlain(text.toLowerCase().replace(/[äöü]/g, (letter) => umlauts[letter]!));
}

/** One term and the ways it may be written in the text, e.g. ["muller", "mueller"]. */
export type SearchTerm = string[];

/** The terms of a search as typed; none for an empty or punctuation-only search. */
export function searchTerms(input: string): SearchTerm[] {
	const words = input.normalize('NFC').slice(0, maxSearchLength).match(term) ?? [];
	const terms = new Map<string, SearchTerm>();
	for (const word of words) {
		const variants = [...new Set([foldPlain(word), foldSpelled(word)])].filter(Boolean);
		if (variants.length > 0) terms.set(variants.join(' '), variants);
	}
	return [...terms.values()].slice(0, maxSearchTerms);
}

/**
 * An FTS5 query that finds rows holding every term, each as a prefix ("Sprach" finds
 * "Sprachcafé"); undefined when there is nothing to search for. Terms are quoted though they
 * hold only letters and digits: a word like "NEAR" or "AND" stays a word.
 */
export function ftsQuery(terms: SearchTerm[]): string | undefined {
	if (terms.length === 0) return undefined;
	return terms
		.map((variants) => `(${variants.map((variant) => `"${variant}"*`).join(' OR ')})`)
		.join(' AND ');
}

/** The text in both foldings, for matching in memory what is not in an FTS table. */
export function searchable(texts: string[]): string {
	const text = texts.join(' ');
	return `${foldPlain(text)}\n${foldSpelled(text)}`;
}

/** Whether a text from `searchable` holds every term, each as the start of a word. */
export function matchesTerms(haystack: string, terms: SearchTerm[]): boolean {
	const words = haystack.match(term) ?? [];
	return terms.every((variants) =>
		variants.some((variant) => words.some((word) => word.startsWith(variant)))
	);
}
