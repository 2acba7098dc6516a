import { attendanceCsv } from '$lib/server/attendance/csv';
import { getDb } from '$lib/server/db';
import { requireEvent } from '$lib/server/guard';
import { todayIn } from '$lib/server/time';
import type { RequestHandler } from './$types';

/** Everyone registered or present, with group and check-in time, for a spreadsheet. */
export const GET: RequestHandler = (request) => {
	const { event } = requireEvent(request, 'readProcess');
	return new Response(attendanceCsv(getDb(), event.id), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="anwesenheit-${event.id}-${todayIn()}.csv"`
		}
	});
};
