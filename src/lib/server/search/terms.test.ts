import { describe, expect, it } from 'vitest';
import {
	foldPlain,
	foldSpelled,
	ftsQuery,
	matchesTerms,
	maxSearchTerms,
	searchable,
	searchTerms
} from './terms';

describe('folding search terms', () => {
	it('folds case, diacritics and ß, and writes umlauts out', () => {
		expect(foldPlain('Straße')).toBe('strasse');
		expect(foldPlain('MÜLLER')).toBe('muller');
		expect(foldPlain('Café')).toBe('cafe');
		expect(foldSpelled('Müller')).toBe('mueller');
		expect(foldSpelled('Übergänge')).toBe('uebergaenge');
		expect(foldSpelled('Straße')).toBe('strasse');
	});

	it('looks for a word with an umlaut both ways, one without once', () => {
		expect(searchTerms('Müller Straße')).toEqual([['muller', 'mueller'], ['strasse']]);
		expect(searchTerms('Mueller')).toEqual([['mueller']]);
	});

	it('reads quotes, operators and control characters as separators', () => {
		expect(searchTerms('"Sprach*" -Kurs NEAR(a b) title:x \u0000\u0007ok')).toEqual([
			['sprach'],
			['kurs'],
			['near'],
			['a'],
			['b'],
			['title'],
			['x'],
			['ok']
		]);
		expect(searchTerms('" * - : ( ) ^')).toEqual([]);
		expect(searchTerms('')).toEqual([]);
	});

	it('keeps a pasted page to a few terms', () => {
		const terms = searchTerms('Wort '.repeat(20_000) + 'anders '.repeat(20_000));
		expect(terms.length).toBeLessThanOrEqual(maxSearchTerms);
		expect(searchTerms('a b c d e f g h i j k l m n o p').length).toBe(maxSearchTerms);
	});

	it('builds an FTS5 query of quoted prefixes, every term required', () => {
		expect(ftsQuery(searchTerms('Müller AND Kita'))).toBe(
			'("muller"* OR "mueller"*) AND ("and"*) AND ("kita"*)'
		);
		expect(ftsQuery([])).toBeUndefined();
	});

	it('matches in memory the way the index does', () => {
		const text = searchable(['Sprachcafé in der Müllerstraße', 'Jobcenter']);
		expect(matchesTerms(text, searchTerms('sprach mueller'))).toBe(true);
		expect(matchesTerms(text, searchTerms('Mullerstrasse'))).toBe(true);
		expect(matchesTerms(text, searchTerms('MÜLLERSTRASSE job'))).toBe(true);
		expect(matchesTerms(text, searchTerms('cafe'))).toBe(false);
		expect(matchesTerms(text, searchTerms('sprach kita'))).toBe(false);
	});
});
