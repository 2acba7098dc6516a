/**
 * Text as people type it, made safe to store and to write into any document. Isomorphic: the
 * form schemas, the socket message schemas and every export use it.
 *
 * What goes:
 * - control characters (C0 except tab and line feed, DEL, C1): no one means to type them, and
 *   XML (so Word) cannot carry most of them;
 * - lone surrogates: half an emoji, which no encoding can write;
 * - U+FFFE and U+FFFF, which are not characters;
 * - the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). Arabic, Persian
 *   or Hebrew text needs none of them (the Unicode bidi algorithm orders it), but an override
 *   reverses what follows it and can make a protocol line read differently from what was typed.
 *   Stripping them is simpler and safer than isolating them wherever text is shown. The plain
 *   direction marks (U+200E, U+200F, U+061C) stay: they cannot reach past their own text.
 *
 * What changes: every line break (CRLF, CR, NEL, U+2028, U+2029) becomes LF, and the text is
 * normalised to NFC, so „é“ typed on two devices is stored the same way.
 */

const lineBreak = /\r\n?|[\u0085\u2028\u2029]/g;
const unwanted =
	// eslint-disable-next-line no-control-regex -- control characters are what this removes
	/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with line breaks as LF, without the characters listed above, in NFC; untrimmed. */
export function safeText(text: string): string {
	return text.replace(lineBreak, '\n').replace(unwanted, '').normalize('NFC');
}

/** Text from a multi-line field: safe, and trimmed. */
export function cleanText(text: string): string {
	return safeText(text).trim();
}

/** Text from a one-line field: safe, line breaks and tabs as single spaces, trimmed. */
export function cleanLine(text: string): string {
	return safeText(text)
		.replace(/[ \t]*[\t\n][ \t\n]*/g, ' ')
		.trim();
}
