import { getDb } from '$lib/server/db';
import { listEvents } from '$lib/server/events/events';
import { eventsToIcs } from '$lib/server/events/ics';
import type { RequestHandler } from './$types';
import { requirePublicProcess } from '../public';

export const GET: RequestHandler = ({ params, url }) => {
	const { process } = requirePublicProcess(params);
	const events = listEvents(getDb(), process.id, { publicOnly: true }).map((row) => row.event);
	return new Response(eventsToIcs(events, { calendarName: process.title, host: url.host }), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${process.slug}.ics"`
		}
	});
};
