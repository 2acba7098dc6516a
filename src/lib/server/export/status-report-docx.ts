/** The status report (Sachstandsbericht) as a Word document for the council, in German. */
import { Document, HeadingLevel, Packer, Paragraph, type Table } from 'docx';
import { measureStatus } from '../../labels';
import { m } from '../../paraglide/messages';
import type { StatusReport } from '../monitoring/monitoring';
import { docxTable } from './docx-parts';

const de = { locale: 'de' } as const;

const day = (iso: string) =>
	new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'UTC' }).format(
		new Date(`${iso}T00:00:00Z`)
	);

export async function statusReportDocx(
	report: StatusReport,
	context: { organisation: string; process: string }
): Promise<Buffer> {
	const heading = (
		text: string,
		level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1
	) => new Paragraph({ text, heading: level });
	const children: (Paragraph | Table)[] = [
		new Paragraph({
			text: m.report_docx_title({ process: context.process }, de),
			heading: HeadingLevel.TITLE
		}),
		new Paragraph({ text: context.organisation }),
		new Paragraph({ text: m.report_period({ from: day(report.from), to: day(report.to) }, de) }),
		heading(m.report_counts({}, de)),
		docxTable(
			[m.measure_status({}, de), m.report_count({}, de)],
			report.counts.map(({ status, count }) => [measureStatus.label(status, 'de'), String(count)])
		),
		heading(m.report_changes({}, de))
	];
	children.push(
		report.changes.length === 0
			? new Paragraph({ text: m.report_no_changes({}, de) })
			: docxTable(
					[
						m.measure_number({}, de),
						m.measure_title({}, de),
						m.update_date({}, de),
						m.measure_status({}, de),
						m.update_note({}, de)
					],
					report.changes.map(({ number, title, update }) => [
						number,
						title,
						day(update.recordedOn),
						measureStatus.label(update.status, 'de'),
						update.note
					])
				)
	);
	for (const { field, measures } of report.fields) {
		children.push(heading(`${field.code} ${field.title}`, HeadingLevel.HEADING_2));
		children.push(
			measures.length === 0
				? new Paragraph({ text: m.measures_none({}, de) })
				: docxTable(
						[
							m.measure_number({}, de),
							m.measure_title({}, de),
							m.measure_lead({}, de),
							m.measure_status({}, de),
							m.monitoring_latest({}, de)
						],
						measures.map((measure) => [
							measure.number,
							measure.title,
							measure.lead,
							measureStatus.label(measure.status, 'de'),
							measure.latest ? `${day(measure.latest.recordedOn)}: ${measure.latest.note}` : ''
						])
					)
		);
	}
	const document = new Document({
		creator: 'Mitwirken',
		title: m.report_docx_title({ process: context.process }, de),
		sections: [{ children }]
	});
	return Packer.toBuffer(document);
}
