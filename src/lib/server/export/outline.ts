/**
 * The one outline every document is built from: a cover and blocks in reading order, written
 * out as a Word file or as Markdown, and the one way dates are written in them. Texts come from
 * the public and from staff, and the database may hold text stored before it was cleaned at
 * the edge: both formats make it safe again here (`safeText`), the docx library escapes markup,
 * and Markdown escapes it here.
 */
import {
	AlignmentType,
	BuilderElement,
	Document,
	Footer,
	Header,
	HeadingLevel,
	LevelFormat,
	Packer,
	PageBreak,
	PageNumber,
	Paragraph,
	Table,
	TableCell,
	TableLayoutType,
	TableOfContents,
	TableRow,
	TabStopType,
	TextRun,
	WidthType,
	type ILevelsOptions,
	type IParagraphStyleOptions
} from 'docx';
import { dateTimeFormat } from '../../date-time-format';
import { m } from '../../paraglide/messages';
import type { EventDatePrecision } from '../../domain';
import { formatMonthRange } from '../../event-dates';
import { safeText } from '../../text/clean';
import { localToInstant, timeZone } from '../time';

const de = { locale: 'de' } as const;

/** One block of a document, in reading order. */
export type Block =
	| { kind: 'heading'; level: 1 | 2 | 3; text: string }
	| { kind: 'text'; text: string; italics?: boolean }
	| { kind: 'numbered'; items: string[] }
	| { kind: 'bullets'; items: string[] }
	| { kind: 'table'; header: string[]; rows: string[][] };

/** The cover page: who issues the document, its title, and lines such as Stand and version. */
export interface Cover {
	organisation: string;
	title: string;
	lines: string[];
	note?: string;
}

/** A document: its cover and its blocks. */
export interface Outline {
	cover: Cover;
	blocks: Block[];
}

const dateStyles = {
	date: { dateStyle: 'long', timeZone },
	day: { dateStyle: 'full', timeZone },
	time: { timeStyle: 'short', timeZone },
	dateTime: { dateStyle: 'full', timeStyle: 'short', timeZone }
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

const instantOf = (when: Date | string) =>
	typeof when === 'string'
		? localToInstant(/^\d{4}-\d{2}-\d{2}$/.test(when) ? `${when}T12:00` : when)
		: when;

/**
 * A moment, a day (`YYYY-MM-DD`) or a wall-clock time in Germany (`YYYY-MM-DDTHH:MM`) as
 * German text on the Berlin calendar: „1. April 2026“, or „Mittwoch, 1. April 2026 um 18:00“.
 * A moment near midnight UTC is already the next day in Germany.
 */
export function germanDate(when: Date | string, style: keyof typeof dateStyles = 'date'): string {
	return dateTimeFormat('de-DE', dateStyles[style]).format(instantOf(when));
}

/**
 * From one moment to another, the day written once when both fall on the same Berlin day:
 * „Sonntag, 1. März 2026, 17:00–20:00 Uhr“.
 */
export function germanTimeSpan(start: Date | string, end: Date | string): string {
	const day = germanDate(start, 'day');
	if (day !== germanDate(end, 'day')) {
		return `${germanDate(start, 'dateTime')} – ${germanDate(end, 'dateTime')}`;
	}
	return m.docx_time_span(
		{ day, from: germanDate(start, 'time'), to: germanDate(end, 'time') },
		de
	);
}

/** When an event took place, in German: its day, or its months ("März–Mai 2017"). */
export function germanEventDate(event: {
	startsAt: string;
	endsAt?: string;
	datePrecision?: EventDatePrecision;
}): string {
	if (event.datePrecision === 'month' && event.endsAt) {
		return formatMonthRange(event.startsAt.slice(0, 7), event.endsAt.slice(0, 7), 'de-DE');
	}
	return germanDate(event.startsAt);
}

/**
 * Text as a Word file can hold it. `safeText` keeps only characters XML 1.0 allows (Word
 * refuses a file with any other, such as most control characters) and drops bidi overrides;
 * the docx library escapes markup.
 */
const xmlText = safeText;

/** A font LibreOffice has on Debian that covers Latin, Cyrillic, Arabic and Persian. */
export const documentFont = 'DejaVu Sans';
const fonts = {
	ascii: documentFont,
	hAnsi: documentFont,
	cs: documentFont,
	eastAsia: documentFont
};

const arabicLetters = '\\u0600-\\u06FF\\u0750-\\u077F\\u08A0-\\u08FF\\uFB50-\\uFDFF\\uFE70-\\uFEFF';
/** A stretch of Arabic script, with the spaces, digits and marks between its words. */
const arabicSpan = new RegExp(
	`[${arabicLetters}]+(?:[\\s\\d.,:;!?()\\-\\u060C\\u061B\\u061F]*[${arabicLetters}]+)*`,
	'g'
);
const startsRightToLeft = (text: string) =>
	new RegExp(`^[^\\p{L}]*[${arabicLetters}]`, 'u').test(text);

type RunFormat = { bold?: boolean; italics?: boolean; size?: number };

/** The text as runs; Arabic and Persian stretches run right to left. */
function runs(text: string, format: RunFormat = {}): TextRun[] {
	const clean = xmlText(text);
	const out: TextRun[] = [];
	let at = 0;
	for (const match of clean.matchAll(arabicSpan)) {
		if (match.index > at) out.push(new TextRun({ text: clean.slice(at, match.index), ...format }));
		out.push(new TextRun({ text: match[0], rightToLeft: true, ...format }));
		at = match.index + match[0].length;
	}
	if (at < clean.length || out.length === 0) {
		out.push(new TextRun({ text: clean.slice(at), ...format }));
	}
	return out;
}

/** A paragraph of text; one that starts in Arabic script reads right to left. */
const paragraph = (text: string, format: RunFormat = {}) =>
	new Paragraph({ children: runs(text, format), bidirectional: startsRightToLeft(text) });

/** A4 with margins of 2 cm, in twentieths of a point (DXA). */
const page = { width: 11906, height: 16838, margin: 1134 };
export const textWidth = page.width - 2 * page.margin;

/** Tables are set in 9 pt; a wide character of the font there in DXA, bold in the header. */
const tableTextSize = 18;
const charWidth = 115;
const boldCharWidth = 140;
/** Word's default cell margins, left and right. */
const cellPadding = 2 * 108;
/** Beyond this a word breaks, and beyond that length a line wraps anyway. */
const longestUnbrokenWord = 16;
const longestLine = 60;

const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);

/**
 * Column widths in DXA that add up to `total` and fit their content, much as browsers lay out
 * tables: each column gets at least its longest word (a hyphen may break a word), and the room
 * left goes to the columns by how much text their rows hold, up to their longest line, so a
 * column of ideas is not squeezed to a word per line beside a column of short numbers.
 */
export function columnWidths(header: string[], rows: string[][], total = textWidth): number[] {
	const columns = header.map((_, column) =>
		[header[column]!, ...rows.map((row) => row[column] ?? '')].map((cell) => cell.trim())
	);
	const dxa = (chars: number, width = charWidth) => Math.max(chars, 2) * width + cellPadding;
	const longestWord = (cell: string) =>
		Math.max(...cell.split(/\s+|(?<=-)/).map((word) => Math.min(word.length, longestUnbrokenWord)));
	const min = columns.map(([head, ...cells]) =>
		Math.max(dxa(longestWord(head!), boldCharWidth), ...cells.map((cell) => dxa(longestWord(cell))))
	);
	// A header may wrap between its words; the rows decide how much room a column wants.
	const body = columns.map((cells) => cells.slice(1));
	const max = body.map((cells, column) =>
		Math.max(
			min[column]!,
			dxa(Math.max(0, ...cells.map((cell) => Math.min(cell.length, longestLine))))
		)
	);
	const weight = body.map((cells) => sum(cells.map((cell) => Math.min(cell.length, longestLine))));
	if (sum(min) >= total) return fill(min, total);
	const widths = [...min];
	let left = total - sum(widths);
	while (left > 1) {
		const growing = widths.map((w, column) => w < max[column]!);
		const weights = sum(weight.filter((_, column) => growing[column]));
		if (weights === 0) break;
		let given = 0;
		widths.forEach((w, column) => {
			if (!growing[column]) return;
			const more = Math.min((left * weight[column]!) / weights, max[column]! - w);
			widths[column] = w + more;
			given += more;
		});
		left -= given;
	}
	return fill(widths, total);
}

/** The widths scaled to add up to `total` exactly, in whole DXA. */
function fill(widths: number[], total: number): number[] {
	const rounded = widths.map((w) => Math.floor((w * total) / sum(widths)));
	rounded[rounded.length - 1]! += total - sum(rounded);
	return rounded;
}

/** A table of the text width with a bold header row that repeats on every page. */
function docxTable(header: string[], rows: string[][]): Table {
	const widths = columnWidths(header, rows);
	const row = (cells: string[], bold = false) =>
		new TableRow({
			tableHeader: bold,
			cantSplit: false,
			children: cells.map(
				(cell, column) =>
					new TableCell({
						width: { size: widths[column]!, type: WidthType.DXA },
						children: [paragraph(cell, { bold, size: tableTextSize })]
					})
			)
		});
	return new Table({
		width: { size: textWidth, type: WidthType.DXA },
		columnWidths: widths,
		layout: TableLayoutType.FIXED,
		rows: [row(header, true), ...rows.map((cells) => row(cells))]
	});
}

const headingLevels = {
	1: HeadingLevel.HEADING_1,
	2: HeadingLevel.HEADING_2,
	3: HeadingLevel.HEADING_3
} as const;

/** Headings with an outline level, so that the table of contents lists them. */
const headingStyle = (outlineLevel: number, size: number): IParagraphStyleOptions => ({
	id: `Heading${outlineLevel + 1}`,
	name: `Heading ${outlineLevel + 1}`,
	basedOn: 'Normal',
	next: 'Normal',
	quickFormat: true,
	run: { font: fonts, size, bold: true, color: '1F3864' },
	paragraph: { outlineLevel, keepNext: true, spacing: { before: 240, after: 120 } }
});

/** „Seite 3 von 12“ with page fields Word and LibreOffice fill in. */
function pageOfPages(): TextRun {
	const [before, between, after] = m
		.docx_page_of({ page: '\u0001', pages: '\u0001' }, de)
		.split('\u0001') as [string, string, string];
	return new TextRun({
		font: fonts,
		size: 16,
		children: [before, PageNumber.CURRENT, between, PageNumber.TOTAL_PAGES, after]
	});
}

const small = (text: string) => runs(text, { size: 16 });

/** The cover on a page of its own: organisation, title, the lines under it, a note. */
function coverPage(cover: Cover): Paragraph[] {
	return [
		new Paragraph({
			children: runs(cover.organisation, { size: 28 }),
			spacing: { before: 2400, after: 600 }
		}),
		new Paragraph({
			children: runs(cover.title),
			heading: HeadingLevel.TITLE,
			spacing: { after: 600 }
		}),
		...cover.lines.map(
			(line) => new Paragraph({ children: runs(line, { size: 24 }), spacing: { after: 120 } })
		),
		...(cover.note
			? [new Paragraph({ children: runs(cover.note, { italics: true }), spacing: { before: 480 } })]
			: []),
		new Paragraph({ children: [new PageBreak()] })
	];
}

/**
 * A table of contents LibreOffice takes for one: Word marks it as a document part of the
 * gallery "Table of Contents", and without that mark LibreOffice shows the field code as text.
 */
class ContentsField extends TableOfContents {
	constructor(...args: ConstructorParameters<typeof TableOfContents>) {
		super(...args);
		this.root[0] = new BuilderElement({
			name: 'w:sdtPr',
			children: [
				new BuilderElement({
					name: 'w:docPartObj',
					children: [
						new BuilderElement<{ val: string }>({
							name: 'w:docPartGallery',
							attributes: { val: { key: 'w:val', value: 'Table of Contents' } }
						}),
						new BuilderElement({ name: 'w:docPartUnique' })
					]
				})
			]
		});
	}
}

/**
 * The table of contents as a Word field over the headings of the first two levels. It holds
 * the headings already, so that it is filled wherever the file is opened; Word and LibreOffice
 * add the page numbers when they update the field.
 */
function contents(blocks: Block[]): (Paragraph | TableOfContents)[] {
	const cachedEntries = blocks.flatMap((block) =>
		block.kind === 'heading' && block.level <= 2
			? [{ title: xmlText(block.text), level: block.level }]
			: []
	);
	return [
		new Paragraph({
			children: runs(m.docx_contents({}, de), { bold: true, size: 32 }),
			spacing: { after: 240 }
		}),
		new ContentsField(m.docx_contents({}, de), {
			hyperlink: true,
			headingStyleRange: '1-2',
			cachedEntries
		}),
		new Paragraph({ children: [new PageBreak()] })
	];
}

/** The outline as a Word file: cover, table of contents, then the blocks. */
export async function outlineDocx({ cover, blocks }: Outline): Promise<Buffer> {
	let lists = 0;
	const numberingConfig: { reference: string; levels: ILevelsOptions[] }[] = [];
	const children = blocks.flatMap((block): (Paragraph | Table)[] => {
		switch (block.kind) {
			case 'heading':
				return [
					new Paragraph({
						children: runs(block.text),
						heading: headingLevels[block.level],
						bidirectional: startsRightToLeft(block.text)
					})
				];
			case 'text':
				return safeText(block.text)
					.split('\n')
					.map((line) => paragraph(line, { italics: block.italics }));
			case 'numbered': {
				// Each numbered list counts from 1.
				const reference = `list-${(lists += 1)}`;
				numberingConfig.push({
					reference,
					levels: [
						{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }
					]
				});
				return block.items.map(
					(item) => new Paragraph({ children: runs(item), numbering: { reference, level: 0 } })
				);
			}
			case 'bullets':
				return block.items.map(
					(item) => new Paragraph({ children: runs(item), bullet: { level: 0 } })
				);
			case 'table':
				return [docxTable(block.header, block.rows), new Paragraph({ children: [] })];
		}
	});
	const running = `${cover.organisation} · ${cover.title}`;
	const document = new Document({
		creator: 'Mitwirken',
		title: xmlText(cover.title),
		// Word asks to update the fields on opening, which fills the table of contents.
		features: { updateFields: true },
		styles: {
			default: {
				document: { run: { font: fonts, size: 20 } },
				title: { run: { font: fonts, size: 48, bold: true, color: '1F3864' } }
			},
			paragraphStyles: [headingStyle(0, 32), headingStyle(1, 26), headingStyle(2, 22)]
		},
		numbering: { config: numberingConfig },
		sections: [
			{
				properties: {
					titlePage: true,
					page: {
						size: { width: page.width, height: page.height },
						margin: { top: page.margin, bottom: page.margin, left: page.margin, right: page.margin }
					}
				},
				headers: {
					first: new Header({ children: [] }),
					default: new Header({ children: [new Paragraph({ children: small(running) })] })
				},
				footers: {
					first: new Footer({ children: [] }),
					default: new Footer({
						children: [
							new Paragraph({
								tabStops: [{ type: TabStopType.RIGHT, position: textWidth }],
								children: [...small(cover.organisation), new TextRun({ text: '\t' }), pageOfPages()]
							})
						]
					})
				},
				children: [...coverPage(cover), ...contents(blocks), ...children]
			}
		]
	});
	return Packer.toBuffer(document);
}

/**
 * Text as Markdown shows it, never as markup, line by line: entities for HTML, backslashes for
 * Markdown's inline marks, and for what would start a list, a quote, a heading underline or a
 * code block at the start of a line.
 */
function mdLines(text: string): string[] {
	return safeText(text)
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replace(/([\\`*_[\]#|~!])/g, '\\$1')
		.split('\n')
		.map((line) =>
			line
				.trim()
				.replace(/^([-+=])/, '\\$1')
				.replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2')
		);
}

/** A text block: its lines as hard line breaks, its empty lines as paragraph breaks. */
const md = (text: string) => mdLines(text).join('  \n');
/**
 * A list item or a note in italics: its lines as hard line breaks, without empty lines that
 * would end the list or the emphasis.
 */
const mdItem = (text: string) =>
	mdLines(text)
		.filter((line) => line !== '')
		.join('  \n');
/** A title, heading or table cell: one line. */
const mdInline = (text: string) =>
	mdLines(text)
		.filter((line) => line !== '')
		.join(' ');

/** The outline as Markdown: the cover as title and lines, then the blocks. */
export function outlineMarkdown({ cover, blocks }: Outline): string {
	const out: string[] = [
		`# ${mdInline(cover.title)}`,
		[cover.organisation, ...cover.lines].map(mdItem).join('  \n'),
		...(cover.note ? [`_${mdItem(cover.note)}_`] : [])
	];
	for (const block of blocks) {
		switch (block.kind) {
			case 'heading':
				out.push(`${'#'.repeat(block.level + 1)} ${mdInline(block.text)}`);
				break;
			case 'text':
				out.push(block.italics ? `_${mdItem(block.text)}_` : md(block.text));
				break;
			case 'numbered':
				out.push(block.items.map((item, i) => `${i + 1}. ${mdItem(item)}`).join('\n'));
				break;
			case 'bullets':
				out.push(block.items.map((item) => `- ${mdItem(item)}`).join('\n'));
				break;
			case 'table':
				out.push(
					[
						`| ${block.header.map(mdInline).join(' | ')} |`,
						`| ${block.header.map(() => '---').join(' | ')} |`,
						...block.rows.map((row) => `| ${row.map(mdInline).join(' | ')} |`)
					].join('\n')
				);
				break;
		}
	}
	return out.join('\n\n') + '\n';
}
