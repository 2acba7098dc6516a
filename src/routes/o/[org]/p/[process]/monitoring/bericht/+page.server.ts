import { getDb } from '$lib/server/db';
import { requireProcess } from '$lib/server/guard';
import { statusReport } from '$lib/server/monitoring/monitoring';
import { reportPeriod } from '$lib/server/monitoring/period';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	const period = reportPeriod(event.url.searchParams);
	return { period, report: statusReport(getDb(), process.id, period.from, period.to) };
};
