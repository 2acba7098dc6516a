/**
 * Starts a spreadsheet reads as a formula (CSV injection), also after leading spaces; texts
 * come from the public. Tab and CR count too, as OWASP advises.
 */
const formulaStart = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

/**
 * Whether a CSV export puts an apostrophe before the text: it starts like a formula, or is such
 * a text with apostrophes before it, so that `undefused` gets every text back exactly.
 */
export function isDefusable(text: string): boolean {
	return formulaStart.test(text.replace(/^'+/, ''));
}

export const defused = (text: string) => (isDefusable(text) ? `'${text}` : text);

/** A CSV cell as it was before the export defused it. */
export const undefused = (text: string) =>
	text.startsWith("'") && isDefusable(text.slice(1)) ? text.slice(1) : text;
