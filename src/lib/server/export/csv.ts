import { safeText } from '../../text/clean';

/**
 * Starts a spreadsheet reads as a formula (CSV injection), also after leading spaces; texts
 * come from the public. Tab and CR count too, as OWASP advises.
 */
const formulaStart = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

/**
 * A cell for spreadsheets: text made safe (`safeText`: no control characters, line breaks as
 * LF), defused with a leading apostrophe when it starts like a formula, and quoted when needed.
 * Numbers stay numbers.
 */
function cell(value: string | number | null): string {
	if (value === null) return '';
	if (typeof value === 'number') return String(value);
	let text = safeText(value);
	if (formulaStart.test(text)) text = `'${text}`;
	return /[";\n\t]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV for German spreadsheets: semicolons, CRLF, UTF-8 with a byte order mark. */
export function toCsv(rows: (string | number | null)[][]): string {
	return '\uFEFF' + rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}
