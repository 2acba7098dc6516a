import { parse as parseCsv } from 'csv-parse/sync';
import { strFromU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { m } from '../../paraglide/messages';
import { undefused } from '../../text/spreadsheet';

/** What an import reads at most; the page states these figures. */
export const importLimits = {
	/** The uploaded file. */
	bytes: 2 * 1024 * 1024,
	/** Rows with content, after the header. */
	rows: 5000,
	columns: 60,
	/** All parts of an XLSX file together, unpacked. */
	unpackedBytes: 50 * 1024 * 1024,
	/** How many times a part of an XLSX file may unpack to its packed size (zip bombs). */
	packRatio: 200
} as const;

export interface TableRow {
	/** The row's number as the spreadsheet shows it (1-based). */
	line: number;
	cells: string[];
}

export type TableRead =
	| { ok: true; kind: 'csv' | 'xlsx'; rows: TableRow[]; notes: string[] }
	| { ok: false; problem: string };

const refused = (problem: string): TableRead => ({ ok: false, problem });

const startsWith = (bytes: Uint8Array, signature: number[]) =>
	signature.every((byte, i) => bytes[i] === byte);

/**
 * A spreadsheet from an upload, as rows of text. XLSX is recognised by its content, not its
 * name; everything else is read as CSV (UTF-8 with or without BOM, UTF-16 as Excel's "Unicode
 * text", else Windows-1252; separator `;`, `,` or tab). Empty rows are dropped and counted.
 */
export async function readTable(bytes: Uint8Array): Promise<TableRead> {
	if (bytes.length === 0) return refused(m.import_problem_empty());
	if (bytes.length > importLimits.bytes) {
		return refused(m.import_problem_too_large({ max: importLimits.bytes / 1024 / 1024 }));
	}
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return refused(m.import_problem_legacy_xls());
	if (startsWith(bytes, [0x50, 0x4b])) return readXlsx(bytes);
	if (bytes.includes(0) && !isUtf16(bytes)) return refused(m.import_problem_not_spreadsheet());
	return readCsv(decodeText(bytes));
}

function isUtf16(bytes: Uint8Array) {
	return startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
}

/** The text of a CSV file in whichever encoding it came. */
export function decodeText(bytes: Uint8Array): string {
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes);
	if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes);
	if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return decodeWindows1252(bytes);
	}
}

/** Windows-1252's characters at 0x80–0x9F (€, „, “, – …); the rest is Latin-1. */
const windows1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decoded by hand: Node's TextDecoder reads this label as Latin-1 without full ICU. */
function decodeWindows1252(bytes: Uint8Array): string {
	let text = '';
	for (const byte of bytes) {
		text += byte >= 0x80 && byte < 0xa0 ? windows1252High[byte - 0x80] : String.fromCharCode(byte);
	}
	return text;
}

/** The separator used most in the first line, outside quotes. */
export function detectSeparator(text: string): ';' | ',' | '\t' {
	const counts = { ';': 0, ',': 0, '\t': 0 };
	let quoted = false;
	for (const char of text) {
		if (char === '"') quoted = !quoted;
		else if (!quoted && (char === '\n' || char === '\r')) break;
		else if (!quoted && char in counts) counts[char as keyof typeof counts] += 1;
	}
	const best = (Object.keys(counts) as (keyof typeof counts)[]).sort(
		(a, b) => counts[b] - counts[a]
	)[0]!;
	return counts[best] > 0 ? best : ';';
}

function readCsv(text: string): TableRead {
	let records: string[][];
	try {
		records = parseCsv(text, {
			delimiter: detectSeparator(text),
			relax_column_count: true,
			relax_quotes: true,
			skip_empty_lines: false
		}) as string[][];
	} catch (failure) {
		const line = (failure as { lines?: number }).lines;
		return refused(m.import_problem_csv({ line: line ?? 0 }));
	}
	return rowsOf(
		records.map((cells, index) => ({ line: index + 1, cells: cells.map(undefused) })),
		'csv',
		[]
	);
}

/** Keeps rows with content; refuses more rows or columns than an import takes. */
function rowsOf(all: TableRow[], kind: 'csv' | 'xlsx', notes: string[]): TableRead {
	const rows = all
		.map((row) => ({ ...row, cells: row.cells.map((cell) => cell.trim()) }))
		.filter((row) => row.cells.some((cell) => cell !== ''));
	if (rows.length === 0) return refused(m.import_problem_empty());
	// One more than the limit: the header row.
	if (rows.length > importLimits.rows + 1) {
		return refused(
			m.import_problem_too_many_rows({ rows: rows.length - 1, max: importLimits.rows })
		);
	}
	const columns = Math.max(...rows.map((row) => row.cells.length));
	if (columns > importLimits.columns) {
		return refused(m.import_problem_too_many_columns({ columns, max: importLimits.columns }));
	}
	const skipped = all.length - rows.length;
	if (skipped > 0) notes.push(m.import_note_empty_rows({ count: skipped }));
	return { ok: true, kind, rows, notes };
}

/** The parts of an XLSX file, unpacked only after their declared sizes were checked. */
function unpackXlsx(bytes: Uint8Array): Unzipped | string {
	const declared: { name: string; size: number; originalSize: number }[] = [];
	try {
		unzipSync(bytes, {
			filter: (file) => {
				declared.push(file);
				return false;
			}
		});
	} catch {
		return m.import_problem_not_spreadsheet();
	}
	const names = new Set(declared.map((file) => file.name));
	if (names.has('xl/vbaProject.bin')) return m.import_problem_macros();
	if (!names.has('xl/workbook.xml')) return m.import_problem_not_spreadsheet();
	const unpacked = declared.reduce((sum, file) => sum + file.originalSize, 0);
	const bomb = declared.some(
		(file) =>
			file.originalSize > 1024 * 1024 && file.originalSize > file.size * importLimits.packRatio
	);
	if (bomb || unpacked > importLimits.unpackedBytes) return m.import_problem_zip_bomb();
	try {
		// fflate unpacks each part into a buffer of its declared size, so a part that lies about
		// its size is cut short rather than filling the memory.
		return unzipSync(bytes, { filter: (file) => !file.name.startsWith('xl/media/') });
	} catch {
		return m.import_problem_not_spreadsheet();
	}
}

const attribute = (tag: string, name: string) =>
	new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;

/** The path of the workbook's first sheet, the one an import reads. */
function firstSheetPath(parts: Unzipped): string | null {
	const workbook = strFromU8(parts['xl/workbook.xml']!);
	const sheet = /<(?:\w+:)?sheet\s[^>]*>/.exec(workbook)?.[0];
	const relation = sheet && attribute(sheet, 'r:id');
	const rels = parts['xl/_rels/workbook.xml.rels'];
	if (!relation || !rels) return null;
	for (const tag of strFromU8(rels).match(/<Relationship\s[^>]*>/g) ?? []) {
		if (attribute(tag, 'Id') !== relation) continue;
		const target = attribute(tag, 'Target') ?? '';
		return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
	}
	return null;
}

/** "B3" → [row 2, column 1], zero-based. */
function cellPosition(ref: string): [number, number] | null {
	const match = /^([A-Z]+)(\d+)$/.exec(ref);
	if (!match) return null;
	const column = [...match[1]!].reduce((n, char) => n * 26 + char.charCodeAt(0) - 64, 0) - 1;
	return [Number(match[2]) - 1, column];
}

function mergedRanges(sheetXml: string) {
	return (sheetXml.match(/<mergeCell\s[^>]*>/g) ?? []).flatMap((tag) => {
		const [from, to] = (attribute(tag, 'ref') ?? '').split(':').map(cellPosition);
		return from && to ? [{ from, to }] : [];
	});
}

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<TableRead> {
	const parts = unpackXlsx(bytes);
	if (typeof parts === 'string') return refused(parts);
	const sheetPath = firstSheetPath(parts);
	const sheetXml = sheetPath && parts[sheetPath] ? strFromU8(parts[sheetPath]) : null;
	if (sheetXml === null) return refused(m.import_problem_not_spreadsheet());
	let data: unknown[][];
	try {
		const sheets = await readXlsxFile(Buffer.from(zipSync(parts)), { trim: false });
		data = sheets[0]?.data ?? [];
	} catch {
		return refused(m.import_problem_not_spreadsheet());
	}
	const table = data.map((row) => row.map(cellText));
	const notes: string[] = [];
	const merges = mergedRanges(sheetXml);
	for (const { from, to } of merges) {
		const value = table[from[0]]?.[from[1]] ?? '';
		for (let row = from[0]; row <= to[0] && row < table.length; row++) {
			for (let column = from[1]; column <= to[1]; column++) table[row]![column] = value;
		}
	}
	if (merges.length > 0) notes.push(m.import_note_merged({ count: merges.length }));
	const formulas = (sheetXml.match(/<(?:\w+:)?f[\s>/]/g) ?? []).length;
	if (formulas > 0) notes.push(m.import_note_formulas({ count: formulas }));
	return rowsOf(
		table.map((cells, index) => ({ line: index + 1, cells })),
		'xlsx',
		notes
	);
}
