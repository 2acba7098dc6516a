import { describe, expect, it } from 'vitest';
import { m } from '../paraglide/messages';
import { pageLocales, type PageLocale } from './area';
import { messageFiles, messageKeysOf } from './used-messages';

/** Everything only phones show: the join and workshop pages and what they import. */
const phoneSources = [
	'routes/[code=joincode]',
	'routes/mitmachen',
	'routes/umfrage',
	'lib/components/needs/AnswerFields.svelte',
	'lib/components/live',
	'lib/live',
	'lib/server/join-guard.ts'
];

/**
 * Messages the phones meet from shared parts: the layout's phone header and legal links, the
 * form fields and their errors, the error page.
 */
const sharedOnPhones = [
	'app_name',
	'skip_to_content',
	'language_label',
	'legal_nav',
	'legal_impressum',
	'legal_datenschutz',
	'legal_barrierefreiheit',
	'required_hint',
	'form_has_errors',
	'error_too_long',
	'error_choice',
	'error_title',
	'error_not_found',
	'error_forbidden',
	'error_generic'
];

const phoneKeys = messageKeysOf(phoneSources, sharedOnPhones);

type Variants = [{ declarations: string[]; selectors: string[]; match: Record<string, string> }];

const files = messageFiles<string | Variants>();

type Render = (inputs: Record<string, number>, options: { locale: PageLocale }) => string;
const render = (key: string, inputs: Record<string, number>, locale: PageLocale) =>
	(m as unknown as Record<string, Render>)[key]!(inputs, { locale });

const counts = [0, 1, 2, 3, 5, 11, 21, 100];

describe('the phone pages in every language', () => {
	it('finds the keys the phone pages use', () => {
		expect(phoneKeys.length).toBeGreaterThan(70);
		expect(phoneKeys).toContain('live_join_category_individual');
		expect(phoneKeys).toContain('live_code_unknown_title');
	});

	it.each(pageLocales)('has every phone key in %s (a missing one shows German)', (locale) => {
		const missing = phoneKeys.filter((key) => !(key in files[locale]));
		expect(missing).toEqual([]);
	});

	it.each(pageLocales)('keeps no key in %s that German lacks', (locale) => {
		const stale = Object.keys(files[locale]).filter((key) => !(key in files.de));
		expect(stale).toEqual([]);
	});

	/** Messages where a number meets a noun: plural in at least one language. */
	const counted = Object.keys(files.de).filter((key) =>
		pageLocales.some((locale) => Array.isArray(files[locale][key]))
	);
	const inputOf = (key: string) => {
		const message = pageLocales
			.map((locale) => files[locale][key])
			.find((found) => Array.isArray(found)) as Variants;
		return message[0].declarations[0]!.replace('input ', '');
	};

	it.each(pageLocales)('gives each plural in %s exactly the CLDR categories', (locale) => {
		const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
		expect(counted.length).toBeGreaterThanOrEqual(9);
		for (const key of counted) {
			const message = files[locale][key]!;
			// Turkish and Farsi count with the singular: one form serves every number.
			if (typeof message === 'string') continue;
			const [{ selectors, match }] = message;
			const given = Object.keys(match).map((selector) => selector.split('=')[1]);
			expect(selectors, key).toEqual([`${inputOf(key)}Plural`]);
			expect(given.sort(), `${key} in ${locale}`).toEqual([...categories].sort());
		}
	});

	it.each(pageLocales)('picks the form Intl.PluralRules names in %s', (locale) => {
		const rules = new Intl.PluralRules(locale);
		for (const key of counted) {
			const message = files[locale][key]!;
			const input = inputOf(key);
			for (const count of counts) {
				const pattern =
					typeof message === 'string'
						? message
						: message[0].match[`${input}Plural=${rules.select(count)}`]!;
				const expected = pattern.replaceAll(`{${input}}`, String(count));
				expect(render(key, { [input]: count }, locale), `${key}(${count}) in ${locale}`).toBe(
					expected
				);
			}
		}
	});

	it('says a number with the right noun', () => {
		const hint = (max: number, locale: PageLocale) => render('live_vote_hint', { max }, locale);
		expect(hint(1, 'de')).toContain('Höchstens 1 Punkt pro Idee');
		expect(hint(2, 'de')).toContain('Höchstens 2 Punkte pro Idee');
		expect(hint(1, 'ar')).toContain('نقطة واحدة');
		expect(hint(2, 'ar')).toContain('نقطتان');
		expect(hint(3, 'ar')).toContain('3 نقاط');
		expect(hint(11, 'ar')).toContain('11 نقطة');
		const dots = (count: number, locale: PageLocale) =>
			render('live_result_dots', { count }, locale);
		expect([1, 3, 5, 21, 22, 11].map((n) => dots(n, 'ru'))).toEqual([
			'1 балл',
			'3 балла',
			'5 баллов',
			'21 балл',
			'22 балла',
			'11 баллов'
		]);
		expect([1, 3, 5, 21].map((n) => dots(n, 'uk'))).toEqual([
			'1 бал',
			'3 бали',
			'5 балів',
			'21 бал'
		]);
		expect(render('live_throttled', { seconds: 1 }, 'en')).toContain('wait 1 second,');
	});

	it('writes numbers with Latin digits in every language', () => {
		const eastern = /[\u0660-\u0669\u06f0-\u06f9]/;
		for (const locale of pageLocales) {
			for (const key of counted) {
				for (const count of counts) {
					expect(render(key, { [inputOf(key)]: count }, locale)).not.toMatch(eastern);
				}
			}
		}
	});
});
