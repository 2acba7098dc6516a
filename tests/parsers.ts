/**
 * Real parsers for every export, so tests read a file the way Word, a spreadsheet or a
 * calendar would, and fail where those would refuse it.
 */
import { createRequire } from 'node:module';
import { parse as parseCsvText } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';

/** The part of sax (strict mode is the XML 1.0 well-formedness check) these tests use. */
interface SaxParser {
	onerror: (error: Error) => void;
	ontext: (text: string) => void;
	onopentag: (tag: { name: string }) => void;
	write(xml: string): SaxParser;
	close(): SaxParser;
}
const sax = createRequire(import.meta.url)('sax') as {
	parser: (strict: boolean, options?: Record<string, unknown>) => SaxParser;
};

/** XML 1.0's Char production; sax checks it only for character references. */
const isXmlChar = (code: number) =>
	code === 0x9 ||
	code === 0xa ||
	code === 0xd ||
	(code >= 0x20 && code <= 0xd7ff) ||
	(code >= 0xe000 && code <= 0xfffd) ||
	(code >= 0x10000 && code <= 0x10ffff);

/** Code points a text holds that XML 1.0 does not allow, in hex; lone surrogates included. */
export function notXmlChars(text: string): string[] {
	return Array.from(text, (char) => char.codePointAt(0)!)
		.filter((code) => !isXmlChar(code))
		.map((code) => code.toString(16));
}

/**
 * An XML document parsed strictly: throws on anything not well-formed. Returns its text
 * nodes, decoded, in order, and the names of its elements.
 */
export function parseXml(xml: string): { texts: string[]; elements: string[] } {
	const bad = notXmlChars(xml);
	if (bad.length > 0) throw new Error(`characters XML does not allow: ${bad.join(', ')}`);
	const texts: string[] = [];
	const elements: string[] = [];
	const parser = sax.parser(true, { trim: false, normalize: false });
	parser.onerror = (error) => {
		throw error;
	};
	parser.ontext = (text) => texts.push(text);
	parser.onopentag = (tag) => elements.push(tag.name);
	parser.write(xml).close();
	return { texts, elements };
}

/**
 * A Word file opened as Word would: unzipped, its document and core properties parsed as XML.
 * `text` is the document's text, one paragraph per line.
 */
export function readDocx(docx: ArrayBuffer | Uint8Array) {
	const files = unzipSync(docx instanceof Uint8Array ? docx : new Uint8Array(docx));
	const part = (name: string) => {
		const file = files[name];
		if (!file) throw new Error(`no ${name} in the Word file`);
		return strFromU8(file);
	};
	const documentXml = part('word/document.xml');
	// Paragraph ends become line breaks, so each paragraph can be found whole.
	const document = parseXml(documentXml.replaceAll('</w:p>', '\n</w:p>'));
	const core = parseXml(part('docProps/core.xml'));
	return {
		text: document.texts.join(''),
		elements: document.elements,
		core: core.texts.join(''),
		xml: documentXml
	};
}

/** A CSV export as a spreadsheet reads it: semicolons, quotes, a byte order mark. */
export function parseCsv(csv: string): string[][] {
	if (!csv.startsWith('\uFEFF')) throw new Error('no byte order mark');
	if (/\r(?!\n)/.test(csv)) throw new Error('a lone CR');
	// Strict: every row ends in CRLF, quotes pair up, and every row has as many cells as the first.
	return parseCsvText(csv, { bom: true, delimiter: ';', record_delimiter: '\r\n' });
}

export interface IcsProperty {
	name: string;
	params: string;
	/** The value as written, still escaped. */
	raw: string;
}

/**
 * An iCalendar file checked against RFC 5545 and unfolded: every line ends in CRLF and has at
 * most 75 octets, no CR or LF stands alone, BEGIN and END pair up, every content line is
 * `NAME[;PARAMS]:VALUE`.
 */
export function parseIcs(ics: string): IcsProperty[] {
	if (!ics.endsWith('\r\n')) throw new Error('the file does not end in CRLF');
	const physical = ics.slice(0, -2).split('\r\n');
	for (const line of physical) {
		if (/[\r\n]/.test(line)) throw new Error(`a lone CR or LF in ${JSON.stringify(line)}`);
		const octets = Buffer.byteLength(line, 'utf8');
		if (octets > 75) throw new Error(`${octets} octets in ${JSON.stringify(line)}`);
		if (line.length > 0 && notXmlChars(line).length > 0) {
			throw new Error(`a lone surrogate in ${JSON.stringify(line)}`);
		}
		// eslint-disable-next-line no-control-regex -- control characters are what this looks for
		if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(line)) {
			throw new Error(`a control character in ${JSON.stringify(line)}`);
		}
	}
	const logical: string[] = [];
	for (const line of physical) {
		if (/^[ \t]/.test(line)) {
			if (logical.length === 0) throw new Error('the file starts with a continuation');
			logical[logical.length - 1] += line.slice(1);
		} else logical.push(line);
	}
	const open: string[] = [];
	const properties = logical.map((line) => {
		const match = /^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$/.exec(line);
		if (!match) throw new Error(`not a content line: ${JSON.stringify(line)}`);
		const [, name, params, raw] = match as unknown as [string, string, string, string];
		const upper = name.toUpperCase();
		if (upper === 'BEGIN') open.push(raw);
		if (upper === 'END' && open.pop() !== raw) throw new Error(`END:${raw} without its BEGIN`);
		return { name: upper, params, raw };
	});
	if (open.length > 0) throw new Error(`BEGIN:${open.join(', ')} without END`);
	if (properties[0]?.raw !== 'VCALENDAR' || properties.at(-1)?.raw !== 'VCALENDAR') {
		throw new Error('not one VCALENDAR');
	}
	return properties;
}

/** A TEXT value (RFC 5545 §3.3.11) unescaped; throws on an escape the RFC does not know. */
export function icsText(raw: string): string {
	const unescaped = raw.replace(/\\[\\;,nN]/g, '');
	if (/[,;]/.test(unescaped)) throw new Error(`an unescaped , or ; in ${JSON.stringify(raw)}`);
	if (unescaped.includes('\\')) throw new Error(`an unknown escape in ${JSON.stringify(raw)}`);
	return raw.replace(/\\([\\;,nN])/g, (_, char: string) =>
		char === 'n' || char === 'N' ? '\n' : char
	);
}
