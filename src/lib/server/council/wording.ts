import { m } from '../../paraglide/messages';
import type * as table from '../db/schema';
import { germanDate } from '../export/outline';

const de = { locale: 'de' } as const;

/** One decision as the council office writes it: "Kreistag am 20.11.2026 (Drucksache 2026/17)". */
function decisionText(step: Pick<table.AdoptionStep, 'bodyName' | 'meetingOn' | 'paperNumber'>) {
	const when = m.council_body_on(
		{ body: step.bodyName, date: germanDate(step.meetingOn ?? '') },
		de
	);
	return step.paperNumber
		? `${when} (${m.council_paper_short({ number: step.paperNumber }, de)})`
		: when;
}

/** The note of the status update adoption records for each measure, in German. */
export function decisionNote(
	decisions: Pick<table.AdoptionStep, 'bodyName' | 'meetingOn' | 'paperNumber'>[]
): string {
	return m.council_decision_note({ decisions: decisions.map(decisionText).join('; ') }, de);
}

/** Who adopted the version, and when, for the exports' cover line. */
export function adoptionLine(adoption: {
	decisions: Pick<table.AdoptionStep, 'bodyName' | 'meetingOn'>[];
	adoptedOn: string;
}) {
	return { by: adoption.decisions.map((d) => d.bodyName).join(', '), on: adoption.adoptedOn };
}
