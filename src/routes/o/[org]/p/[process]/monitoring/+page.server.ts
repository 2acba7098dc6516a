import { reportingDutyOf } from '$lib/server/council/reporting';
import { adoptedConceptOf } from '$lib/server/council/steps';
import { getDb } from '$lib/server/db';
import { requireProcess } from '$lib/server/guard';
import { yearlyPlan } from '$lib/server/monitoring/monitoring';
import { todayIn } from '$lib/server/time';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	// Only what the table shows: at county scale the whole rows would double the page.
	const db = getDb();
	const today = todayIn();
	const adopted = adoptedConceptOf(db, process.id);
	const plan = yearlyPlan(db, process.id, today).map(({ year, measures }) => ({
		year,
		measures: measures.map(({ id, number, title, lead, status, overdue, stalled, latest }) => ({
			id,
			number,
			title,
			lead,
			status,
			overdue,
			stalled,
			latest: latest && {
				recordedOn: latest.recordedOn,
				percentDone: latest.percentDone,
				spentCents: latest.spentCents,
				note: latest.note
			}
		}))
	}));
	const starters = new Set(adopted?.starterMeasureIds ?? []);
	return {
		plan: plan.map(({ year, measures }) => ({
			year,
			measures: measures.map((measure) => ({ ...measure, starter: starters.has(measure.id) }))
		})),
		reportingDuty: reportingDutyOf(db, process.id, today)
	};
};
