import { getDb } from '$lib/server/db';
import { requireProcess } from '$lib/server/guard';
import { yearlyPlan } from '$lib/server/monitoring/monitoring';
import { todayIn } from '$lib/server/time';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	// Only what the table shows: at county scale the whole rows would double the page.
	const plan = yearlyPlan(getDb(), process.id, todayIn()).map(({ year, measures }) => ({
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
	return { plan };
};
