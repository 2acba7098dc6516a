/** The status report (Sachstandsbericht) as a Word document for the council, in German. */
import type { MeasureStatus } from '../../domain';
import { barScale, formatIndicatorValue, indicatorBar } from '../../indicators';
import { measureStatus } from '../../labels';
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
		{
			kind: 'table',
			header: [m.measure_status({}, de), m.report_count({}, de)],
			rows: report.counts.map(({ status, count }) => [statusLabel(status), String(count)])
		},
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
	for (const { field, measures } of report.fields) {
		blocks.push(
			{ kind: 'heading', level: 2, text: `${field.code} ${field.title}` },
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
							measure.lead,
							statusLabel(measure.status),
							measure.latest
								? `${germanDate(measure.latest.recordedOn)}: ${measure.latest.note}`
								: ''
						])
					}
		);
	}
	blocks.push(...indicatorBlocks(report));
	return { cover, blocks };
}

/** Per goal a table for each indicator: baseline, the values of the period, target, as bars. */
function indicatorBlocks(report: StatusReport): Block[] {
	if (report.indicators.length === 0) return [];
	const blocks: Block[] = [{ kind: 'heading', level: 1, text: m.report_indicators({}, de) }];
	for (const { field, goal, indicators } of report.indicators) {
		blocks.push({ kind: 'heading', level: 2, text: `${field.code} ${goal.title}` });
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
					kind: 'heading',
					level: 3,
					text: indicator.unit ? `${indicator.name} (${indicator.unit})` : indicator.name
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
