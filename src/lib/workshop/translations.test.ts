import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { maxClusterTitleLength, maxQuestionLength } from './limits';
import { messages } from './messages';
import { translated, translationLocales } from './translations';

const question = messages['activity:translate'];
const cluster = messages['cluster:translate'];
const parse = (translations: unknown) => v.safeParse(question, { activityId: 1, translations });

describe('translations in messages', () => {
	it('offer every phone language but German, Leichte Sprache included', () => {
		expect(translationLocales).toEqual(['en', 'tr', 'ar', 'fa', 'uk', 'ru', 'de-x-ls']);
	});

	it('keep what was given, cleaned like the original, and drop the languages left empty', () => {
		const result = parse({
			uk: '  Що потрібно,\r\nщоб знайти житло?\u0007 ',
			ar: 'ما الذي \u202eيلزم؟',
			en: '   ',
			tr: ''
		});
		expect(result.success && result.output.translations).toEqual({
			uk: 'Що потрібно,\nщоб знайти житло?',
			ar: 'ما الذي يلزم؟'
		});
	});

	it('put a cluster title on one line, as its original', () => {
		const result = v.safeParse(cluster, {
			activityId: 1,
			clusterId: 2,
			translations: { fa: 'مسکن\n\tو کار' }
		});
		expect(result.success && result.output.translations).toEqual({ fa: 'مسکن و کار' });
	});

	it('accept nothing at all: every translation removed', () => {
		const result = parse({});
		expect(result.success && result.output.translations).toEqual({});
	});

	it('refuse German, unknown locales and region tags', () => {
		expect(parse({ de: 'Frage' }).success).toBe(false);
		expect(parse({ xx: 'Frage' }).success).toBe(false);
		expect(parse({ 'en-GB': 'Question' }).success).toBe(false);
		expect(parse({ EN: 'Question' }).success).toBe(false);
	});

	it('refuse texts longer than the original may be', () => {
		expect(parse({ en: 'a'.repeat(maxQuestionLength) }).success).toBe(true);
		expect(parse({ en: 'a'.repeat(maxQuestionLength + 1) }).success).toBe(false);
		const title = (text: string) =>
			v.safeParse(cluster, { activityId: 1, clusterId: 2, translations: { en: text } }).success;
		expect(title('a'.repeat(maxClusterTitleLength))).toBe(true);
		expect(title('a'.repeat(maxClusterTitleLength + 1))).toBe(false);
	});

	it('refuse anything but texts, and any other shape', () => {
		expect(parse({ en: 1 }).success).toBe(false);
		expect(parse({ en: null }).success).toBe(false);
		expect(parse(['en']).success).toBe(false);
		expect(parse([]).success).toBe(false);
		expect(parse('en').success).toBe(false);
		expect(v.safeParse(question, { activityId: 1 }).success).toBe(false);
		expect(
			v.safeParse(question, { activityId: 1, translations: {}, question: 'Frage' }).success
		).toBe(false);
		expect(v.safeParse(cluster, { activityId: 1, translations: {} }).success).toBe(false);
	});

	it('refuse keys that name no language, the prototype’s included', () => {
		for (const key of ['__proto__', 'constructor', 'prototype', 'toString']) {
			const translations = JSON.parse(`{"${key}": "x", "en": "Question"}`);
			expect(parse(translations).success, key).toBe(false);
		}
	});
});

describe('translated', () => {
	const translations = { uk: 'Питання', 'de-x-ls': 'Die Frage in Leichter Sprache' };

	it('shows the translation in its own language', () => {
		expect(translated('Frage', translations, 'uk')).toEqual({ text: 'Питання', lang: 'uk' });
	});

	it('marks Leichte Sprache as German', () => {
		expect(translated('Frage', translations, 'de-x-ls')).toEqual({
			text: 'Die Frage in Leichter Sprache',
			lang: 'de'
		});
	});

	it('falls back to the German original', () => {
		expect(translated('Frage', translations, 'ar')).toEqual({ text: 'Frage', lang: 'de' });
		expect(translated('Frage', translations, 'de')).toEqual({ text: 'Frage', lang: 'de' });
		expect(translated('Frage', undefined, 'uk')).toEqual({ text: 'Frage', lang: 'de' });
		expect(translated('Frage', translations, '__proto__')).toEqual({ text: 'Frage', lang: 'de' });
	});
});
