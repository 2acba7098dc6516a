import { Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

/** A full-width table with a bold header row that repeats on every page. */
export function docxTable(header: string[], rows: string[][]): Table {
	const row = (cells: string[], bold = false) =>
		new TableRow({
			tableHeader: bold,
			children: cells.map(
				(cell) =>
					new TableCell({
						children: [new Paragraph({ children: [new TextRun({ text: cell, bold })] })]
					})
			)
		});
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		rows: [row(header, true), ...rows.map((cells) => row(cells))]
	});
}

/** Plain text, one paragraph per line. */
export function textLines(text: string, italics = false): Paragraph[] {
	return text
		.split(/\r?\n/)
		.map((line) => new Paragraph({ children: [new TextRun({ text: line, italics })] }));
}
