import type { Db } from '../db';
import { listCatalogue } from '../concept/measures';
import { listUpdatesOfProcess, recordUpdate } from '../monitoring/monitoring';
import { saveNarrative } from '../monitoring/narratives';
import { costYearsOfProcess, plannedInYears } from '../monitoring/report-money';
import { statusAt } from '../monitoring/status-at';
import { todayIn } from '../time';

/** What the integration office wrote on each field of action about last year, by field title. */
const narratives: Record<string, string> = {
	'Sprache und Bildung':
		'Die Sprachkurse mit Kinderbetreuung waren das ganze Jahr ausgebucht; die Volkshochschule hat einen dritten Kurs beantragt.\nDas Sprachcafé hat sich als offener Treffpunkt etabliert. Engpass bleiben ehrenamtliche Lernbegleitungen am Vormittag.',
	Arbeitsmarkt:
		'Jobcenter und Kammern haben die Anerkennungsberatung gebündelt. Die Wartezeit auf einen Termin sank von zehn auf vier Wochen.\nDie Fortbildungsreihe für Führungskräfte der Verwaltung ist angelaufen.',
	Wohnen:
		'Die Wohnraumbörse vermittelt weiter, der Markt bleibt aber angespannt. Mit der Wohnungsbaugesellschaft ist ein Kontingent für Geflüchtete im Gespräch.',
	Freizeit:
		'Die interkulturelle Woche fand mit 24 Veranstaltungen statt. Drei Sportvereine bieten Schnupperangebote an; die Beteiligung von Mädchen soll im nächsten Jahr steigen.'
};

const recorder = { name: 'Integrationsbeauftragte (Demo)' };

/**
 * Last year's status report, written: a text on each field of action, and at the year's end
 * the amount spent by each measure under way then that planned money up to that year (a share
 * of what was planned, in whole hundreds of euros).
 */
export function seedReport(db: Db, processId: number, now: Date) {
	const today = todayIn(undefined, now);
	const last = Number(today.slice(0, 4)) - 1;
	const period = { from: `${last}-01-01`, to: `${last}-12-31` };
	const histories = listUpdatesOfProcess(db, processId);
	const costs = costYearsOfProcess(db, processId);
	for (const { field, measures } of listCatalogue(db, processId)) {
		const text = narratives[field.title];
		if (text) saveNarrative(db, processId, { ...period, fieldId: field.id, text }, recorder);
		for (const measure of measures) {
			const then = statusAt(histories.get(measure.id) ?? [], period.to, measure.status);
			const status = then.status;
			if (status !== 'in_implementation' && status !== 'done') continue;
			const planned = plannedInYears(measure, costs.get(measure.id) ?? [], 2000, last);
			if (planned === 0) continue;
			const share = status === 'done' ? 0.95 : 0.7;
			recordUpdate(
				db,
				processId,
				measure.id,
				{
					recordedOn: `${last}-12-15`,
					status,
					note: 'Ausgaben zum Jahresende gemeldet.',
					percentDone: then.entry?.percentDone ?? null,
					spentCents: Math.round((planned * share) / 10_000) * 10_000
				},
				recorder,
				today
			);
		}
	}
}
