import { describe, expect, it } from 'vitest';
import { easyReadLocale } from './area';
import { messageFiles } from './used-messages';

type Variants = [{ match: Record<string, string> }];

const files = messageFiles<string | Variants>();
const easyRead = files[easyReadLocale];

/** Every text of a message: a plain one, or each plural form. */
const textsOf = (message: string | Variants) =>
	typeof message === 'string' ? [message] : Object.values(message[0].match);

const texts = Object.entries(easyRead).flatMap(([key, message]) =>
	textsOf(message).map((text) => ({ key, text }))
);

/** Sentences end with . ! ? or a colon that starts a new statement; placeholders count as words. */
const sentencesOf = (text: string) =>
	text
		.split(/(?<=[.!?:])\s+/)
		.map((sentence) => sentence.trim())
		.filter(Boolean);
const wordsOf = (sentence: string) =>
	sentence.split(/\s+/).filter((word) => /[\p{L}\d{]/u.test(word));

describe('Leichte Sprache (rules of the Netzwerk Leichte Sprache)', () => {
	it('writes every participant and public message', () => {
		expect(texts.length).toBeGreaterThan(150);
		const stale = Object.keys(easyRead).filter((key) => !(key in files.de));
		expect(stale).toEqual([]);
	});

	it('keeps every sentence at 15 words or fewer', () => {
		const long = texts.flatMap(({ key, text }) =>
			sentencesOf(text)
				.filter((sentence) => wordsOf(sentence).length > 15)
				.map((sentence) => `${key}: ${sentence}`)
		);
		expect(long).toEqual([]);
	});

	it('uses no passive, no subjunctive and no genitive article', () => {
		const hard =
			/\b(wird|werden|wurde|wurden|worden|würde|würden|wäre|wären|hätte|hätten|könnte|könnten|sollte|sollten|des|eines|einer Sache)\b/i;
		const found = texts.filter(({ text }) => hard.test(text)).map(({ key }) => key);
		expect(found).toEqual([]);
	});

	it('splits long compound words with a Mediopunkt', () => {
		const long = texts.flatMap(({ key, text }) =>
			(text.match(/[\p{L}·]+/gu) ?? [])
				.filter((word) => word.length > 15 && !word.includes('·'))
				.map((word) => `${key}: ${word}`)
		);
		expect(long).toEqual([]);
	});

	it('catches a sentence that is too long', () => {
		const sample =
			'Eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn.';
		expect(wordsOf(sentencesOf(sample)[0]!).length).toBe(16);
	});
});
