import { describe, expect, it } from 'vitest';
import { cleanLine, cleanText, safeText } from './clean';

/** Every code point XML 1.0 refuses, and every control character besides tab and LF. */
const controls = [
	...Array.from({ length: 0x20 }, (_, code) => code).filter((code) => code !== 0x9 && code !== 0xa),
	...Array.from({ length: 0x21 }, (_, i) => 0x7f + i)
].map((code) => String.fromCharCode(code));
const overrides = [
	'\u202a',
	'\u202b',
	'\u202c',
	'\u202d',
	'\u202e',
	'\u2066',
	'\u2067',
	'\u2068',
	'\u2069'
];

/** XML 1.0's Char production. */
const isXmlChar = (code: number) =>
	code === 0x9 ||
	code === 0xa ||
	code === 0xd ||
	(code >= 0x20 && code <= 0xd7ff) ||
	(code >= 0xe000 && code <= 0xfffd) ||
	(code >= 0x10000 && code <= 0x10ffff);

describe('safeText', () => {
	it('drops every control character but tab and line feed', () => {
		for (const control of controls) {
			const expected = control === '\r' || control === '\u0085' ? 'a\nb' : 'ab';
			expect(safeText(`a${control}b`), JSON.stringify(control)).toBe(expected);
		}
		expect(safeText('a\tb\nc')).toBe('a\tb\nc');
	});

	it('drops lone surrogates but keeps whole emoji, ZWJ sequences included', () => {
		expect(safeText('a\ud800b\udc00c\ud83d')).toBe('abc');
		expect(safeText('\udfff\ud83d\ude00')).toBe('😀');
		expect(safeText('👩🏽\u200d🔧 und 🏳️\u200d🌈')).toBe('👩🏽\u200d🔧 und 🏳️\u200d🌈');
	});

	it('drops bidi embeddings, overrides and isolates, and keeps direction marks and RTL text', () => {
		for (const override of overrides) {
			expect(safeText(`Rechnung${override}fdp.exe`), JSON.stringify(override)).toBe(
				'Rechnungfdp.exe'
			);
		}
		expect(safeText('\u200fدروس لغة\u200e 2026')).toBe('\u200fدروس لغة\u200e 2026');
	});

	it('writes every line break as LF', () => {
		expect(safeText('a\r\nb\rc\nd\u2028e\u2029f\u0085g')).toBe('a\nb\nc\nd\ne\nf\ng');
	});

	it('normalises to NFC', () => {
		expect(safeText('Cafe\u0301 Mu\u0308ller')).toBe('Café Müller');
		expect(safeText('Cafe\u0301')).toHaveLength(4);
	});

	it('leaves only characters XML 1.0 allows, whatever comes in', () => {
		const everything = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).join(
			''
		);
		const kept = Array.from(safeText(everything), (char) => char.codePointAt(0)!);
		expect(kept.filter((code) => !isXmlChar(code)).map((code) => code.toString(16))).toEqual([]);
		expect(kept.length).toBeGreaterThan(60_000);
	});

	it('keeps markup as it is: escaping is for each format', () => {
		expect(safeText('<script>]]>&amp;')).toBe('<script>]]>&amp;');
	});
});

describe('cleanText and cleanLine', () => {
	it('trim, and keep or join the lines', () => {
		expect(cleanText('  \u202eEins\r\n\tZwei \n')).toBe('Eins\n\tZwei');
		expect(cleanLine('  Eins\r\n\tZwei \u2028drei ')).toBe('Eins Zwei drei');
	});

	it('leave nothing of text that is only unwanted characters', () => {
		expect(cleanText(' \u0000\u202e\ud800\r\n ')).toBe('');
		expect(cleanLine('\u0007\t\u2066')).toBe('');
	});
});
