/**
 * A concept version for the council office, in German: as a Word document (headings,
 * numbering, tables a council office can work with) and as Markdown. Both are built from the
 * same outline, so they always say the same. Texts come from the public and from staff; the
 * docx library escapes them, and Markdown escapes them here.
 */
import {
	AlignmentType,
	Document,
	HeadingLevel,
	LevelFormat,
	Packer,
	Paragraph,
	Table,
	type ILevelsOptions
} from 'docx';
import { docxTable, textLines } from './docx-parts';
import { measureFunding, measurePriority, measureStatus, measureTimeframe } from '../../labels';
import { categoryLabel } from '../../live/labels';
import { m } from '../../paraglide/messages';
import type * as table from '../db/schema';

const de = { locale: 'de' } as const;

/** One block of the concept, in reading order. */
type Block =
	| { kind: 'title'; text: string }
	| { kind: 'heading'; level: 1 | 2 | 3; text: string }
	| { kind: 'text'; text: string; italics?: boolean }
	| { kind: 'numbered'; items: string[] }
	| { kind: 'bullets'; items: string[] }
	| { kind: 'table'; header: string[]; rows: string[][] };

const day = (iso: string) =>
	new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'UTC' }).format(
		new Date(`${iso.slice(0, 10)}T00:00:00Z`)
	);

function versionLine(version: table.ConceptVersion): string {
	const saved = m.concept_version_line(
		{ number: version.number, date: day(version.createdAt.toISOString()) },
		de
	);
	return version.adoptedOn
		? `${saved} · ${m.concept_adopted_line({ body: version.adoptedBy ?? '', date: day(version.adoptedOn) }, de)}`
		: saved;
}

/** The concept as a list of blocks. */
export function conceptOutline(version: table.ConceptVersion): Block[] {
	const concept = version.snapshot;
	const blocks: Block[] = [
		{ kind: 'title', text: concept.title },
		{ kind: 'text', text: concept.organisation },
		{ kind: 'text', text: versionLine(version), italics: true }
	];
	if (concept.introduction) {
		blocks.push(
			{ kind: 'heading', level: 1, text: m.concept_introduction({}, de) },
			{ kind: 'text', text: concept.introduction }
		);
	}
	if (concept.guidelines.length > 0) {
		blocks.push(
			{ kind: 'heading', level: 1, text: m.guidelines_title({}, de) },
			{
				kind: 'numbered',
				items: concept.guidelines.map((g) =>
					g.description ? `${g.title}: ${g.description}` : g.title
				)
			}
		);
	}
	blocks.push({ kind: 'heading', level: 1, text: m.concept_fields({}, de) });
	for (const field of concept.fields) {
		blocks.push({ kind: 'heading', level: 2, text: `${field.code} ${field.title}` });
		if (field.description) blocks.push({ kind: 'text', text: field.description });
		if (field.goals.length > 0) {
			blocks.push(
				{ kind: 'heading', level: 3, text: m.goals_title({}, de) },
				{
					kind: 'bullets',
					items: field.goals.map((g) =>
						[
							g.title,
							g.indicator && `${m.goal_indicator({}, de)}: ${g.indicator}`,
							g.targetValue && `${m.goal_target_value({}, de)}: ${g.targetValue}`
						]
							.filter(Boolean)
							.join(' – ')
					)
				}
			);
		}
		blocks.push({ kind: 'heading', level: 3, text: m.measures_title({}, de) });
		if (field.measures.length === 0) {
			blocks.push({ kind: 'text', text: m.measures_none({}, de) });
			continue;
		}
		blocks.push({
			kind: 'table',
			header: [
				m.measure_number({}, de),
				m.measure_title({}, de),
				m.measure_lead({}, de),
				m.measure_timeframe({}, de),
				m.measure_cost({}, de),
				m.measure_priority({}, de)
			],
			rows: field.measures.map((measure) => [
				measure.number,
				measure.title,
				measure.lead,
				measureTimeframe.label(measure.timeframe, 'de'),
				measure.costEstimate,
				measurePriority.label(measure.priority, 'de')
			])
		});
		for (const measure of field.measures) {
			blocks.push({ kind: 'heading', level: 3, text: `${measure.number} ${measure.title}` });
			if (measure.description) blocks.push({ kind: 'text', text: measure.description });
			blocks.push({
				kind: 'bullets',
				items: [
					measure.goal && `${m.measure_goal({}, de)}: ${measure.goal}`,
					measure.partners && `${m.measure_partners({}, de)}: ${measure.partners}`,
					`${m.measure_funding({}, de)}: ${measureFunding.label(measure.funding, 'de')}`,
					`${m.measure_status({}, de)}: ${measureStatus.label(measure.status, 'de')}`,
					...measure.sources.map((source) =>
						m.concept_source(
							{
								event: source.eventTitle,
								label: source.label,
								dots: source.dots,
								voters: source.voters
							},
							de
						)
					)
				].filter((item): item is string => Boolean(item))
			});
		}
	}
	const { events, phonesByCategory } = concept.participation;
	blocks.push({ kind: 'heading', level: 1, text: m.concept_annex({}, de) });
	if (events.length > 0) {
		blocks.push({
			kind: 'table',
			header: [
				m.concept_annex_event({}, de),
				m.concept_annex_date({}, de),
				m.concept_annex_attendees({}, de),
				m.concept_annex_phones({}, de),
				m.concept_annex_ideas({}, de),
				m.csv_dots({}, de)
			],
			rows: events.map((e) => [
				e.title,
				day(e.startsAt),
				String(e.attendees),
				String(e.phones),
				String(e.ideas),
				String(e.dots)
			])
		});
	}
	if (phonesByCategory.length > 0) {
		blocks.push(
			{ kind: 'heading', level: 2, text: m.concept_annex_groups({}, de) },
			{
				kind: 'bullets',
				items: phonesByCategory.map((g) => `${categoryLabel(g.category)}: ${g.count}`)
			}
		);
	}
	return blocks;
}

const headingLevels = {
	1: HeadingLevel.HEADING_1,
	2: HeadingLevel.HEADING_2,
	3: HeadingLevel.HEADING_3
} as const;

export async function conceptDocx(version: table.ConceptVersion): Promise<Buffer> {
	let list = 0;
	const numberingConfig: { reference: string; levels: ILevelsOptions[] }[] = [];
	const children = conceptOutline(version).flatMap((block): (Paragraph | Table)[] => {
		switch (block.kind) {
			case 'title':
				return [new Paragraph({ text: block.text, heading: HeadingLevel.TITLE })];
			case 'heading':
				return [new Paragraph({ text: block.text, heading: headingLevels[block.level] })];
			case 'text':
				return textLines(block.text, block.italics);
			case 'numbered': {
				// Each numbered list counts from 1.
				const reference = `list-${(list += 1)}`;
				numberingConfig.push({
					reference,
					levels: [
						{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }
					]
				});
				return block.items.map(
					(item) => new Paragraph({ text: item, numbering: { reference, level: 0 } })
				);
			}
			case 'bullets':
				return block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
			case 'table':
				return [docxTable(block.header, block.rows)];
		}
	});
	const document = new Document({
		creator: 'Mitwirken',
		title: version.snapshot.title,
		numbering: { config: numberingConfig },
		sections: [{ children }]
	});
	return Packer.toBuffer(document);
}

/** Text as Markdown shows it, never as markup: entities for HTML, backslashes for Markdown. */
function md(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replace(/([\\`*_[\]#|])/g, '\\$1')
		.replace(/\r?\n/g, '  \n');
}

export function conceptMarkdown(version: table.ConceptVersion): string {
	const out: string[] = [];
	for (const block of conceptOutline(version)) {
		switch (block.kind) {
			case 'title':
				out.push(`# ${md(block.text)}`);
				break;
			case 'heading':
				out.push(`${'#'.repeat(block.level + 1)} ${md(block.text)}`);
				break;
			case 'text':
				out.push(block.italics ? `_${md(block.text)}_` : md(block.text));
				break;
			case 'numbered':
				out.push(block.items.map((item, i) => `${i + 1}. ${md(item)}`).join('\n'));
				break;
			case 'bullets':
				out.push(block.items.map((item) => `- ${md(item)}`).join('\n'));
				break;
			case 'table':
				out.push(
					[
						`| ${block.header.map(md).join(' | ')} |`,
						`| ${block.header.map(() => '---').join(' | ')} |`,
						...block.rows.map(
							(row) => `| ${row.map((cell) => md(cell).replace(/ {2}\n/g, ' ')).join(' | ')} |`
						)
					].join('\n')
				);
				break;
		}
	}
	return out.join('\n\n') + '\n';
}
