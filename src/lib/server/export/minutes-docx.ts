/**
 * Minutes as a Word document for the council office: German, with real headings, numbered
 * decisions and tables, so that it can be edited and filed like any other Vorlage. The docx
 * library escapes all text, so ideas typed by the public cannot inject markup.
 */
import {
	AlignmentType,
	Document,
	HeadingLevel,
	LevelFormat,
	Packer,
	Paragraph,
	Table,
	TextRun
} from 'docx';
import { docxTable, textLines } from './docx-parts';
import { categoryLabel } from '../../live/labels';
import { m } from '../../paraglide/messages';
import type * as table from '../db/schema';
import type { currentMinutes } from '../minutes/minutes';

const de = { locale: 'de' } as const;

type CurrentMinutes = NonNullable<ReturnType<typeof currentMinutes>>;

export interface MinutesDocument {
	organisation: string;
	process: string;
	event: Pick<table.Event, 'title' | 'startsAt' | 'endsAt' | 'place'>;
	current: CurrentMinutes;
}

const dateTime = (local: string) =>
	new Intl.DateTimeFormat('de-DE', {
		dateStyle: 'full',
		timeStyle: 'short',
		timeZone: 'UTC'
	}).format(new Date(`${local}:00Z`));
const day = (date: Date) =>
	new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(date);

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
	new Paragraph({ text, heading: level });

function statusLine({ minutes }: CurrentMinutes): string {
	const revision = m.minutes_revision({ revision: minutes.revision }, de);
	if (minutes.status === 'approved' && minutes.approvedAt) {
		return `${revision} · ${m.minutes_approved_by({ name: minutes.approvedByName ?? '', date: day(minutes.approvedAt) }, de)}`;
	}
	return `${revision} · ${minutes.status === 'submitted' ? m.minutes_status_submitted({}, de) : m.minutes_status_draft({}, de)}`;
}

export async function minutesDocx(input: MinutesDocument): Promise<Buffer> {
	const { current, event } = input;
	const { minutes } = current;
	const children: (Paragraph | Table)[] = [
		new Paragraph({
			text: m.minutes_docx_title({ event: event.title }, de),
			heading: HeadingLevel.TITLE
		}),
		new Paragraph({ text: `${input.organisation} · ${input.process}` }),
		new Paragraph({
			text: `${dateTime(event.startsAt)} – ${dateTime(event.endsAt)}${event.place ? ` · ${event.place}` : ''}`
		}),
		new Paragraph({ children: [new TextRun({ text: statusLine(current), italics: true })] }),

		heading(m.attendees_title({}, de), HeadingLevel.HEADING_1),
		minutes.attendees.length === 0
			? new Paragraph({ text: m.minutes_no_attendees({}, de) })
			: docxTable(
					[m.minutes_name({}, de), m.minutes_affiliation({}, de), m.field_category({}, de)],
					minutes.attendees.map((a) => [a.name, a.affiliation, categoryLabel(a.category)])
				)
	];

	if (minutes.summary) {
		children.push(
			heading(m.minutes_summary({}, de), HeadingLevel.HEADING_1),
			...textLines(minutes.summary)
		);
	}

	if (current.agenda.length > 0) {
		children.push(heading(m.agenda_title({}, de), HeadingLevel.HEADING_1));
		current.agenda.forEach((item, index) => {
			children.push(heading(`${index + 1}. ${item.title}`, HeadingLevel.HEADING_2));
			if (item.notes) children.push(...textLines(item.notes));
		});
	}

	if (minutes.results.activities.length > 0) {
		children.push(heading(m.minutes_results({}, de), HeadingLevel.HEADING_1));
		for (const activity of minutes.results.activities) {
			children.push(
				heading(activity.question, HeadingLevel.HEADING_2),
				docxTable(
					[
						m.csv_rank({}, de),
						m.csv_label({}, de),
						m.csv_dots({}, de),
						m.csv_voters({}, de),
						m.event_results_by_group({}, de)
					],
					activity.results.map((result, index) => [
						String(index + 1),
						result.ideas.length > 0 ? `${result.label}: ${result.ideas.join('; ')}` : result.label,
						String(result.dots),
						String(result.voters),
						result.byCategory
							.map((group) => `${categoryLabel(group.category)} ${group.dots}`)
							.join(', ')
					])
				)
			);
		}
	}

	children.push(heading(m.minutes_decisions({}, de), HeadingLevel.HEADING_1));
	if (current.decisions.length === 0)
		children.push(new Paragraph({ text: m.minutes_none({}, de) }));
	for (const decision of current.decisions) {
		children.push(
			new Paragraph({ text: decision.title, numbering: { reference: 'decisions', level: 0 } })
		);
	}

	children.push(heading(m.minutes_tasks({}, de), HeadingLevel.HEADING_1));
	children.push(
		current.tasks.length === 0
			? new Paragraph({ text: m.minutes_none({}, de) })
			: docxTable(
					[m.minutes_task({}, de), m.minutes_owner({}, de), m.minutes_due({}, de)],
					current.tasks.map((task) => [
						task.title,
						task.owner,
						task.dueOn ? day(new Date(`${task.dueOn}T12:00:00Z`)) : ''
					])
				)
	);

	const document = new Document({
		creator: 'Mitwirken',
		title: m.minutes_docx_title({ event: event.title }, de),
		numbering: {
			config: [
				{
					reference: 'decisions',
					levels: [
						{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }
					]
				}
			]
		},
		sections: [{ children }]
	});
	return Packer.toBuffer(document);
}
