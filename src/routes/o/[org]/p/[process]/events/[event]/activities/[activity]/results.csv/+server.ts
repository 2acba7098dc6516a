import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { requireEvent } from '$lib/server/guard';
import { findActivityOfEvent } from '$lib/server/workshop/activities';
import { resultsCsv } from '$lib/server/export/results-csv';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (request) => {
	const { event } = requireEvent(request, 'readProcess');
	const db = getDb();
	const activity = findActivityOfEvent(db, event.id, Number(request.params.activity));
	if (!activity) error(404, { message: m.error_not_found() });
	return new Response(resultsCsv(db, activity.id), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="ergebnisse-${event.id}-${activity.id}.csv"`
		}
	});
};
