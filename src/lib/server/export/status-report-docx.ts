/** The status report (Sachstandsbericht) as a Word document for the council, in German. */
import type { MeasureStatus } from '../../domain';
import { barScale, formatIndicatorValue, indicatorBar } from '../../indicators';
import { measureStatus } from '../../labels';
import { formatEuro, leadText } from '../../measure-values';
import { m } from '../../paraglide/messages';
import type { StatusReport } from '../monitoring/monitoring';
import { germanDate, outlineDocx, type Block, type Outline } from './outline';

const de = { locale: 'de' } as const;

const statusLabel = (status: MeasureStatus | null) =>
	status === null ? m.report_no_status({}, de) : measureStatus.label(status, 'de');

/** The status report as a cover and blocks. */
function statusReportOutline(
	report: StatusReport,
	context: { organisation: string; process: string }
): Outline {
	const cover = {
		organisation: context.organisation,
		title: m.report_docx_title({ process: context.process }, de),
		lines: [
			m.report_period({ from: germanDate(report.from), to: germanDate(report.to) }, de),
			m.docx_stand({ date: germanDate(report.to) }, de)
		]
	};
	const blocks: Block[] = [
		{ kind: 'heading', level: 1, text: m.report_counts({}, de) },
		countsTable(report.counts),
		moneyTable(report, report.money),
		{ kind: 'heading', level: 1, text: m.report_changes({}, de) },
		report.changes.length === 0
			? { kind: 'text', text: m.report_no_changes({}, de) }
			: {
					kind: 'table',
					header: [
						m.measure_number({}, de),
						m.measure_title({}, de),
						m.update_date({}, de),
						m.measure_status({}, de),
						m.update_note({}, de)
					],
					rows: report.changes.map(({ number, title, update }) => [
						number,
						title,
						germanDate(update.recordedOn),
						measureStatus.label(update.status, 'de'),
						[
							update.correctsOn &&
								m.update_correction_of(
									{ date: germanDate(update.correctsOn), reason: update.reason },
									de
								),
							update.note,
							update.correctedBy &&
								m.update_corrected_by(
									{
										date: germanDate(update.correctedBy.correctedOn),
										reason: update.correctedBy.reason
									},
									de
								)
						]
							.filter(Boolean)
							.join(' – ')
					])
				}
	];
	blocks.push({ kind: 'heading', level: 1, text: m.report_fields({}, de) });
	for (const line of report.fields) blocks.push(...fieldBlocks(report, line));
	return { cover, blocks };
}

type FieldLine = StatusReport['fields'][number];

function countsTable(counts: StatusReport['counts']): Block {
	return {
		kind: 'table',
		header: [m.measure_status({}, de), m.report_count({}, de)],
		rows: counts.map(({ status, count }) => [statusLabel(status), String(count)])
	};
}

function moneyTable(report: StatusReport, money: StatusReport['money']): Block {
	return {
		kind: 'table',
		header: [m.report_money({}, de), m.report_money_amount({}, de)],
		rows: [
			[m.report_money_planned({ years: report.years }, de), formatEuro(money.plannedCents)],
			[
				m.report_money_spent({ date: germanDate(report.to) }, de),
				money.spentCents === null ? '–' : formatEuro(money.spentCents)
			]
		]
	};
}

/**
 * A field of action: the text written on it, the status of its measures at the end of the
 * period, its money, its measures, and per goal a table for each indicator: baseline, the
 * values of the period, target, as bars.
 */
function fieldBlocks(report: StatusReport, line: FieldLine): Block[] {
	const { field, narrative, measures } = line;
	const blocks: Block[] = [
		{ kind: 'heading', level: 2, text: `${field.code} ${field.title}` },
		narrative
			? { kind: 'text', text: narrative.text }
			: { kind: 'text', text: m.report_narrative_none({}, de), italics: true },
		...(measures.length === 0
			? []
			: [
					{
						kind: 'heading',
						level: 3,
						text: m.report_field_counts({ date: germanDate(report.to) }, de)
					} as const,
					countsTable(line.counts)
				]),
		{ kind: 'heading', level: 3, text: m.report_money({}, de) },
		moneyTable(report, line.money),
		{ kind: 'heading', level: 3, text: m.report_measures({}, de) },
		measures.length === 0
			? { kind: 'text', text: m.measures_none({}, de) }
			: {
					kind: 'table',
					header: [
						m.measure_number({}, de),
						m.measure_title({}, de),
						m.measure_lead({}, de),
						m.measure_status({}, de),
						m.monitoring_latest({}, de)
					],
					rows: measures.map((measure) => [
						measure.number,
						measure.title,
						leadText(measure.leadBody, measure.lead, 'de'),
						statusLabel(measure.status),
						measure.latest ? `${germanDate(measure.latest.recordedOn)}: ${measure.latest.note}` : ''
					])
				}
	];
	for (const { goal, indicators } of line.indicators) {
		blocks.push({
			kind: 'heading',
			level: 3,
			text: m.report_goal_indicators({ goal: goal.title }, de)
		});
		for (const indicator of indicators) {
			const points: [string, string | null, number | null][] = [
				[m.indicator_baseline({}, de), indicator.baselineOn, indicator.baselineValue],
				...indicator.inPeriod.map((v): [string, string | null, number | null] => [
					[m.report_indicator_measured({}, de), v.note].filter(Boolean).join(': '),
					v.measuredOn,
					v.value
				]),
				[m.indicator_target({}, de), indicator.targetOn, indicator.targetValue]
			];
			const scale = barScale(points.map(([, , value]) => value));
			blocks.push(
				{
					kind: 'text',
					text: indicator.unit ? `${indicator.name} (${indicator.unit})` : indicator.name,
					italics: true
				},
				...(indicator.inPeriod.length === 0
					? [{ kind: 'text', text: m.report_indicator_no_values({}, de) } as const]
					: []),
				{
					kind: 'table',
					header: [
						m.report_indicator_point({}, de),
						m.update_date({}, de),
						m.indicator_value({}, de),
						m.report_indicator_chart({}, de)
					],
					rows: points.map(([point, on, value]) => [
						point,
						on ? germanDate(on) : '',
						formatIndicatorValue(value, indicator.unit, 'de'),
						indicatorBar(value, scale)
					])
				}
			);
		}
	}
	return blocks;
}

export function statusReportDocx(
	report: StatusReport,
	context: { organisation: string; process: string }
): Promise<Buffer> {
	return outlineDocx(statusReportOutline(report, context));
}
