/**
 * The one outline every document is built from: blocks in reading order, written out as a
 * Word file or as Markdown, and the one way dates are written in them. Texts come from the
 * public and from staff, and the database may hold text stored before it was cleaned at the
 * edge: both formats make it safe again here (`safeText`), the docx library escapes markup,
 * and Markdown escapes it here.
 */
import {
	AlignmentType,
	Document,
	HeadingLevel,
	LevelFormat,
	Packer,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	type ILevelsOptions
} from 'docx';
import { dateTimeFormat } from '../../date-time-format';
import type { EventDatePrecision } from '../../domain';
import { formatMonthRange } from '../../event-dates';
import { safeText } from '../../text/clean';
import { localToInstant, timeZone } from '../time';

/** One block of a document, in reading order. */
export type Block =
	| { kind: 'title'; text: string }
	| { kind: 'heading'; level: 1 | 2 | 3; text: string }
	| { kind: 'text'; text: string; italics?: boolean }
	| { kind: 'numbered'; items: string[] }
	| { kind: 'bullets'; items: string[] }
	| { kind: 'table'; header: string[]; rows: string[][] };

/** The top of a document: its title, the lines under it, and a note in italics. */
export function cover(title: string, lines: string[], note?: string): Block[] {
	return [
		{ kind: 'title', text: title },
		...lines.map((text): Block => ({ kind: 'text', text })),
		...(note ? [{ kind: 'text', text: note, italics: true } as const] : [])
	];
}

const dateStyles = {
	date: { dateStyle: 'long', timeZone },
	dateTime: { dateStyle: 'full', timeStyle: 'short', timeZone }
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * A moment, a day (`YYYY-MM-DD`) or a wall-clock time in Germany (`YYYY-MM-DDTHH:MM`) as
 * German text on the Berlin calendar: „1. April 2026“, or „Mittwoch, 1. April 2026 um 18:00“.
 * A moment near midnight UTC is already the next day in Germany.
 */
export function germanDate(when: Date | string, style: keyof typeof dateStyles = 'date'): string {
	const instant =
		typeof when === 'string'
			? localToInstant(/^\d{4}-\d{2}-\d{2}$/.test(when) ? `${when}T12:00` : when)
			: when;
	return dateTimeFormat('de-DE', dateStyles[style]).format(instant);
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

const run = (text: string, format: { bold?: boolean; italics?: boolean } = {}) =>
	new TextRun({ text: xmlText(text), ...format });

/** A full-width table with a bold header row that repeats on every page. */
function docxTable(header: string[], rows: string[][]): Table {
	const row = (cells: string[], bold = false) =>
		new TableRow({
			tableHeader: bold,
			children: cells.map(
				(cell) => new TableCell({ children: [new Paragraph({ children: [run(cell, { bold })] })] })
			)
		});
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		rows: [row(header, true), ...rows.map((cells) => row(cells))]
	});
}

const headingLevels = {
	1: HeadingLevel.HEADING_1,
	2: HeadingLevel.HEADING_2,
	3: HeadingLevel.HEADING_3
} as const;

/** The blocks as a Word file; its title is the title block's. */
export async function outlineDocx(blocks: Block[]): Promise<Buffer> {
	let lists = 0;
	const numberingConfig: { reference: string; levels: ILevelsOptions[] }[] = [];
	const children = blocks.flatMap((block): (Paragraph | Table)[] => {
		switch (block.kind) {
			case 'title':
				return [new Paragraph({ children: [run(block.text)], heading: HeadingLevel.TITLE })];
			case 'heading':
				return [
					new Paragraph({ children: [run(block.text)], heading: headingLevels[block.level] })
				];
			case 'text':
				return safeText(block.text)
					.split('\n')
					.map((line) => new Paragraph({ children: [run(line, { italics: block.italics })] }));
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
					(item) => new Paragraph({ children: [run(item)], numbering: { reference, level: 0 } })
				);
			}
			case 'bullets':
				return block.items.map(
					(item) => new Paragraph({ children: [run(item)], bullet: { level: 0 } })
				);
			case 'table':
				return [docxTable(block.header, block.rows)];
		}
	});
	const title = blocks.find((block) => block.kind === 'title')?.text ?? '';
	const document = new Document({
		creator: 'Mitwirken',
		title: xmlText(title),
		numbering: { config: numberingConfig },
		sections: [{ children }]
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

/** The blocks as Markdown. */
export function outlineMarkdown(blocks: Block[]): string {
	const out: string[] = [];
	for (const block of blocks) {
		switch (block.kind) {
			case 'title':
				out.push(`# ${mdInline(block.text)}`);
				break;
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
