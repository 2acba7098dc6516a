/**
 * A concept version for the council office, in German: as a Word document (headings,
 * numbering, tables a council office can work with) and as Markdown. Both are written from
 * the same outline, so they always say the same.
 */
import {
	germanDate,
	germanEventDate,
	outlineDocx,
	outlineMarkdown,
	type Block,
	type Outline
} from './outline';
import { measureFunding, measurePriority, measureStatus, measureTimeframe } from '../../labels';
import { costText, formatEuro, sumText } from '../../measure-values';
import { indicatorFromTo } from '../../indicators';
import { moneySums } from '../concept/money';
import { categoryLabel } from '../../live/labels';
import { m } from '../../paraglide/messages';
import type * as table from '../db/schema';

const de = { locale: 'de' } as const;

/** Who adopted a version and on which day (from its Beratungsfolge, `council/steps.ts`). */
export interface AdoptionLine {
	by: string;
	on: string;
}

/** The version and its Stand, and the council's decision once it is adopted. */
function versionLines(version: table.ConceptVersion, adoption?: AdoptionLine): string[] {
	const saved = m.concept_version_line(
		{ number: version.number, date: germanDate(version.standOn || version.createdAt) },
		de
	);
	return adoption
		? [saved, m.concept_adopted_line({ body: adoption.by, date: germanDate(adoption.on) }, de)]
		: [saved];
}

/** The concept as a cover and blocks. */
export function conceptOutline(version: table.ConceptVersion, adoption?: AdoptionLine): Outline {
	const concept = version.snapshot;
	const blocks: Block[] = [];
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
							g.targetValue && `${m.goal_target_value({}, de)}: ${g.targetValue}`,
							...(g.indicators ?? []).map(
								(indicator) =>
									`${m.goal_indicator({}, de)}: ${indicatorFromTo(indicator, 'de-DE', germanDate, de)}`
							)
						]
							.filter(Boolean)
							.join(' – ')
					)
				}
			);
		}
		blocks.push({ kind: 'heading', level: 3, text: m.measures_title({}, de) });
		// Measures of other fields that serve this one too: named here, counted in their own field.
		if (field.references?.length) {
			blocks.push({
				kind: 'text',
				text: m.concept_references(
					{ measures: field.references.map((r) => `${r.number} ${r.title}`).join('; ') },
					de
				)
			});
		}
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
				measure.period || measureTimeframe.label(measure.timeframe, 'de'),
				(measure.money && costText(measure.money, 'de')) || measure.costEstimate,
				measurePriority.label(measure.priority, 'de')
			])
		});
		for (const measure of field.measures) {
			blocks.push({ kind: 'heading', level: 3, text: `${measure.number} ${measure.title}` });
			if (measure.description) blocks.push({ kind: 'text', text: measure.description });
			blocks.push({
				kind: 'bullets',
				items: [
					measure.alsoServes?.length &&
						`${m.measure_also_serves({}, de)}: ${measure.alsoServes.join(', ')}`,
					measure.guidelines?.length &&
						`${m.measure_guidelines({}, de)}: ${measure.guidelines.join(', ')}`,
					measure.project && `${m.measure_project({}, de)}: ${measure.project}`,
					measure.goal && `${m.measure_goal({}, de)}: ${measure.goal}`,
					measure.addressees && `${m.measure_addressees({}, de)}: ${measure.addressees}`,
					measure.partners && `${m.measure_partners({}, de)}: ${measure.partners}`,
					measure.money?.years.length &&
						`${m.measure_cost_years({}, de)}: ${measure.money.years.map((y) => `${y.year}: ${formatEuro(y.cents)}`).join(', ')}`,
					measure.money &&
						measure.costEstimate &&
						`${m.measure_cost_note({}, de)}: ${measure.costEstimate}`,
					`${m.measure_funding({}, de)}: ${measureFunding.label(measure.funding, 'de')}${measure.fundingName ? ` (${measure.fundingName})` : ''}`,
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
	if (concept.projects?.length) {
		blocks.push(
			{ kind: 'heading', level: 1, text: m.projects_title({}, de) },
			{
				kind: 'table',
				header: [
					m.project_title({}, de),
					m.project_lead({}, de),
					m.project_measures({}, de),
					m.project_money({}, de)
				],
				rows: concept.projects.map((project) => [
					project.title,
					project.lead,
					project.measures.join(', '),
					sumText({ cents: project.cents, reservedCents: project.reservedCents }, 'de')
				])
			}
		);
	}
	const sums = moneySums(concept, m.concept_money_all_fields({}, de));
	if (sums.total.total.cents > 0) {
		const cells = (row: (typeof sums)['total']) => [
			row.label,
			...row.years.map((cell) => sumText(cell, 'de')),
			...(sums.total.noYear.cents > 0 ? [sumText(row.noYear, 'de')] : []),
			sumText(row.total, 'de')
		];
		blocks.push(
			{ kind: 'heading', level: 1, text: m.concept_money({}, de) },
			{ kind: 'text', text: m.concept_money_caption({}, de) },
			{
				kind: 'table',
				header: [
					m.concept_money_field({}, de),
					...sums.years.map(String),
					...(sums.total.noYear.cents > 0 ? [m.concept_money_no_year({}, de)] : []),
					m.concept_money_total({}, de)
				],
				rows: [...sums.rows.map(cells), cells(sums.total)]
			}
		);
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
				germanEventDate(e),
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
	return {
		cover: {
			organisation: concept.organisation,
			title: concept.title,
			lines: versionLines(version, adoption)
		},
		blocks
	};
}

export function conceptDocx(
	version: table.ConceptVersion,
	adoption?: AdoptionLine
): Promise<Buffer> {
	return outlineDocx(conceptOutline(version, adoption));
}

export function conceptMarkdown(version: table.ConceptVersion, adoption?: AdoptionLine): string {
	return outlineMarkdown(conceptOutline(version, adoption));
}
