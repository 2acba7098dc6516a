import { measureFunding, measurePriority, measureStatus, measureTimeframe } from '../../labels';
import { m } from '../../paraglide/messages';
import type { Db } from '../db';
import { partyLabel } from '../../measure-values';
import { listCatalogue, listsOfMeasures } from '../concept/measures';
import { latestStanding, standing } from '../monitoring/monitoring';
import { toCsv } from './csv';

/** The whole measures catalogue with each measure's latest status, for the council office. */
export function catalogueCsv(db: Db, processId: number, today: string): string {
	const header = [
		m.measure_number(),
		m.measure_field(),
		m.measure_title(),
		m.measure_lead(),
		m.measure_partners(),
		m.measure_timeframe(),
		m.measure_cost(),
		m.measure_funding(),
		m.measure_priority(),
		m.measure_status(),
		m.measure_planned_year(),
		m.update_date(),
		m.update_percent(),
		m.update_note(),
		m.monitoring_overdue(),
		m.monitoring_stalled()
	];
	const yes = (flag: boolean) => (flag ? '×' : '');
	const catalogue = listCatalogue(db, processId);
	const lists = listsOfMeasures(
		db,
		catalogue.flatMap(({ measures }) => measures.map((measure) => measure.id))
	);
	const rows = catalogue.flatMap(({ field, measures }) =>
		measures.map((measure) => {
			const latest = latestStanding(db, measure.id);
			const { overdue, stalled } = standing(measure, latest, today);
			return [
				measure.number,
				`${field.code} ${field.title}`,
				measure.title,
				measure.lead,
				lists
					.get(measure.id)!
					.partners.map((label) => partyLabel(label))
					.join(', '),
				measureTimeframe.label(measure.timeframe),
				measure.costEstimate,
				measureFunding.label(measure.funding),
				measurePriority.label(measure.priority),
				measureStatus.label(measure.status),
				measure.plannedYear,
				latest?.recordedOn ?? '',
				latest?.percentDone ?? '',
				latest?.note ?? '',
				yes(overdue),
				yes(stalled)
			];
		})
	);
	return toCsv([header, ...rows]);
}
