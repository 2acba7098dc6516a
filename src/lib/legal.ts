/**
 * The legal pages every German public website publishes, per organisation: Impressum (§ 5 DDG),
 * Datenschutzerklärung (Art. 13 GDPR) and Erklärung zur Barrierefreiheit (BITV 2.0). Their
 * addresses are German, as the law names them.
 */
export const legalPages = ['impressum', 'datenschutz', 'barrierefreiheit'] as const;
export type LegalPage = (typeof legalPages)[number];

export const isLegalPage = (value: string): value is LegalPage =>
	(legalPages as readonly string[]).includes(value);

export type Inline = { text: string; href?: string };
export type LegalBlock =
	| { kind: 'heading'; text: string }
	| { kind: 'paragraph'; lines: Inline[][] }
	| { kind: 'list'; items: Inline[][] };

// Web addresses and e-mail addresses become links; nothing else in the text is markup.
const linkPattern = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)])|([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/g;

function inline(line: string): Inline[] {
	const parts: Inline[] = [];
	let last = 0;
	for (const match of line.matchAll(linkPattern)) {
		if (match.index > last) parts.push({ text: line.slice(last, match.index) });
		const [text, url] = match;
		parts.push({ text, href: url ? text : `mailto:${text}` });
		last = match.index + text.length;
	}
	if (last < line.length) parts.push({ text: line.slice(last) });
	return parts;
}

/**
 * A legal text in a small, safe subset of Markdown: `## ` starts a heading, lines starting with
 * `- ` make a list, blank lines separate paragraphs, and single line breaks stay. The result is
 * data that the page renders as text nodes, so no HTML in the text ever reaches the page.
 */
export function parseLegalText(source: string): LegalBlock[] {
	const blocks: LegalBlock[] = [];
	for (const chunk of source.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
		const lines = chunk
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean);
		for (const line of lines) {
			const previous = blocks.at(-1);
			if (line.startsWith('#')) {
				blocks.push({ kind: 'heading', text: line.replace(/^#+\s*/, '') });
			} else if (line.startsWith('- ')) {
				const item = inline(line.slice(2).trim());
				if (previous?.kind === 'list') previous.items.push(item);
				else blocks.push({ kind: 'list', items: [item] });
			} else if (previous?.kind === 'paragraph') {
				previous.lines.push(inline(line));
			} else {
				blocks.push({ kind: 'paragraph', lines: [inline(line)] });
			}
		}
		// An empty paragraph ends this one, so that the next chunk starts its own block.
		blocks.push({ kind: 'paragraph', lines: [] });
	}
	return blocks.filter((block) => block.kind !== 'paragraph' || block.lines.length > 0);
}
