import { safeText } from '../../text/clean';
import { defused } from '../../text/spreadsheet';

/**
 * A cell for spreadsheets: text made safe (`safeText`: no control characters, line breaks as
 * LF), defused with a leading apostrophe when it starts like a formula, and quoted when needed.
 * Numbers stay numbers.
 */
function cell(value: string | number | null): string {
	if (value === null) return '';
	if (typeof value === 'number') return String(value);
	const text = defused(safeText(value));
	return /[";\n\t]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV for German spreadsheets: semicolons, CRLF, UTF-8 with a byte order mark. */
export function toCsv(rows: (string | number | null)[][]): string {
	return '\uFEFF' + rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}
