import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { createEvent, setMarkedHeld } from '../events/events';
import { monthRangeBounds } from '../../event-dates';
import { todayIn } from '../time';

/**
 * The timeline as the dates tell it: the kickoff done three weeks ago, the expert conferences
 * under way until the next steering group meeting (no status set by hand), and the first
 * concept's expert conferences, whose days nobody recorded, as a held month range (the Landau
 * papers list "März–Mai 2017: Fachkonferenzen" the same way).
 */
export function seedTimeline(db: Db, processId: number, now: Date) {
	const day = (days: number) => todayIn(undefined, new Date(now.getTime() + days * 86_400_000));
	const phases = db
		.select()
		.from(table.phase)
		.where(eq(table.phase.processId, processId))
		.orderBy(table.phase.position)
		.all();
	const index = phases.findIndex((phase) => phase.title === 'Fachkonferenzen');
	const kickoff = phases[index - 1];
	const conferences = phases[index];
	if (kickoff && conferences) {
		const following = phases[index + 1]?.startsOn;
		const setDates = (id: number, startsOn: string, endsOn: string) =>
			db
				.update(table.phase)
				.set({ startsOn, endsOn, statusOverride: 'automatic' })
				.where(and(eq(table.phase.id, id), eq(table.phase.processId, processId)))
				.run();
		setDates(kickoff.id, day(-35), day(-22));
		const lastDay = following && following > day(1) ? addDays(following, -1) : day(30);
		setDates(conferences.id, day(-21), lastDay);
	}
	const event = createEvent(db, processId, {
		title: 'Fachkonferenzen zum ersten Integrationskonzept',
		description:
			'Vier Fachkonferenzen zu den Handlungsfeldern des Konzepts von 2011; die genauen Tage sind nicht überliefert. Ihre Ergebnisse sind der Ausgangspunkt der Fortschreibung.',
		place: 'Rathaus und Volkshochschule',
		...monthRangeBounds('2010-03', '2010-05'),
		datePrecision: 'month',
		isPublic: true,
		status: 'closed',
		bodyId: null,
		phaseId: null
	});
	setMarkedHeld(db, processId, event.id, true);
}

function addDays(isoDay: string, days: number): string {
	const date = new Date(`${isoDay}T12:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}
