import { getDb } from '$lib/server/db';
import { requireProcess } from '$lib/server/guard';
import { statusReport } from '$lib/server/monitoring/monitoring';
import { reportPeriod } from '$lib/server/monitoring/period';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	const period = reportPeriod(event.url.searchParams);
	const report = statusReport(getDb(), process.id, period.from, period.to);
	// Only what the page shows: at county scale the whole rows would double the page.
	return {
		period,
		report: {
			...report,
			changes: report.changes.map(({ number, title, update }) => ({
				number,
				title,
				update: {
					id: update.id,
					recordedOn: update.recordedOn,
					status: update.status,
					note: update.note,
					reason: update.reason,
					correctsOn: update.correctsOn,
					correctedBy: update.correctedBy && {
						correctedOn: update.correctedBy.correctedOn,
						reason: update.correctedBy.reason
					}
				}
			})),
			fields: report.fields.map(({ field, measures }) => ({
				field: { id: field.id, code: field.code, title: field.title },
				measures: measures.map(({ id, number, title, lead, status, latest }) => ({
					id,
					number,
					title,
					lead,
					status,
					latest: latest && { recordedOn: latest.recordedOn, note: latest.note }
				}))
			}))
		}
	};
};
