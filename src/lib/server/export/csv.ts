/**
 * A cell for spreadsheets: quoted when needed, and defused when it starts like a formula, since
 * texts come from the public (CSV injection).
 */
function cell(value: string | number | null): string {
	let text = value === null ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[";\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV for German spreadsheets: semicolons, CRLF, UTF-8 with a byte order mark. */
export function toCsv(rows: (string | number | null)[][]): string {
	return '\uFEFF' + rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}
