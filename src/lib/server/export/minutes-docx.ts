/**
 * Minutes as a Word document for the council office: German, with real headings, numbered
 * decisions and tables, so that it can be edited and filed like any other Vorlage.
 */
import {
	germanDate,
	germanEventDate,
	germanTimeSpan,
	outlineDocx,
	type Block,
	type Outline
} from './outline';
import { categoryLabel } from '../../live/labels';
import { m } from '../../paraglide/messages';
import type * as table from '../db/schema';
import type { currentMinutes } from '../minutes/minutes';
import { minGroupSize } from '../privacy/config';

const de = { locale: 'de' } as const;

type CurrentMinutes = NonNullable<ReturnType<typeof currentMinutes>>;

export interface MinutesDocument {
	organisation: string;
	process: string;
	event: Pick<table.Event, 'title' | 'startsAt' | 'endsAt' | 'datePrecision' | 'place'>;
	current: CurrentMinutes;
}

function statusLine({ minutes }: CurrentMinutes): string {
	const revision = m.minutes_revision({ revision: minutes.revision }, de);
	if (minutes.status === 'approved' && minutes.approvedAt) {
		return `${revision} · ${m.minutes_approved_by({ name: minutes.approvedByName ?? '', date: germanDate(minutes.approvedAt) }, de)}`;
	}
	return `${revision} · ${minutes.status === 'submitted' ? m.minutes_status_submitted({}, de) : m.minutes_status_draft({}, de)}`;
}

/** The minutes as a cover and blocks. */
function minutesOutline(input: MinutesDocument): Outline {
	const { current, event } = input;
	const { minutes } = current;
	const when =
		event.datePrecision === 'month'
			? germanEventDate(event)
			: germanTimeSpan(event.startsAt, event.endsAt);
	const cover = {
		organisation: input.organisation,
		title: m.minutes_docx_title({ event: event.title }, de),
		lines: [input.process, event.place ? `${when} · ${event.place}` : when],
		note: statusLine(current)
	};
	const blocks: Block[] = [
		{ kind: 'heading', level: 1, text: m.attendees_title({}, de) },
		minutes.attendees.length === 0
			? { kind: 'text', text: m.minutes_no_attendees({}, de) }
			: {
					kind: 'table',
					header: [m.minutes_name({}, de), m.minutes_affiliation({}, de), m.field_category({}, de)],
					rows: minutes.attendees.map((a) => [a.name, a.affiliation, categoryLabel(a.category)])
				}
	];

	if (minutes.summary) {
		blocks.push(
			{ kind: 'heading', level: 1, text: m.minutes_summary({}, de) },
			{ kind: 'text', text: minutes.summary }
		);
	}

	if (current.agenda.length > 0) {
		blocks.push({ kind: 'heading', level: 1, text: m.agenda_title({}, de) });
		current.agenda.forEach((item, index) => {
			blocks.push({ kind: 'heading', level: 2, text: `${index + 1}. ${item.title}` });
			if (item.notes) blocks.push({ kind: 'text', text: item.notes });
		});
	}

	if (minutes.results.activities.length > 0) {
		blocks.push({ kind: 'heading', level: 1, text: m.minutes_results({}, de) });
		for (const activity of minutes.results.activities) {
			blocks.push(
				{ kind: 'heading', level: 2, text: activity.question },
				{
					kind: 'table',
					header: [
						m.csv_rank({}, de),
						m.csv_label({}, de),
						m.csv_dots({}, de),
						m.csv_voters({}, de),
						m.event_results_by_group({}, de)
					],
					rows: activity.results.map((result, index) => [
						String(index + 1),
						result.ideas.length > 0 ? `${result.label}: ${result.ideas.join('; ')}` : result.label,
						String(result.dots),
						String(result.voters),
						result.byCategory
							.map((group) => `${categoryLabel(group.category)} ${group.dots}`)
							.join(', ')
					])
				},
				{ kind: 'text', text: m.small_groups_note({ min: minGroupSize() }, de) }
			);
		}
	}

	blocks.push(
		{ kind: 'heading', level: 1, text: m.minutes_decisions({}, de) },
		current.decisions.length === 0
			? { kind: 'text', text: m.minutes_none({}, de) }
			: { kind: 'numbered', items: current.decisions.map((decision) => decision.title) },
		{ kind: 'heading', level: 1, text: m.minutes_tasks({}, de) },
		current.tasks.length === 0
			? { kind: 'text', text: m.minutes_none({}, de) }
			: {
					kind: 'table',
					header: [m.minutes_task({}, de), m.minutes_owner({}, de), m.minutes_due({}, de)],
					rows: current.tasks.map((task) => [
						task.title,
						task.owner,
						task.dueOn ? germanDate(task.dueOn) : ''
					])
				}
	);
	return { cover, blocks };
}

export function minutesDocx(input: MinutesDocument): Promise<Buffer> {
	return outlineDocx(minutesOutline(input));
}
