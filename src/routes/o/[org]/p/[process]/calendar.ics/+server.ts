import { getDb } from '$lib/server/db';
import { listEvents } from '$lib/server/events/events';
import { eventsToIcs } from '$lib/server/events/ics';
import { requireProcess } from '$lib/server/guard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const { organisation, process } = requireProcess(event, 'readProcess');
	const events = listEvents(getDb(), process.id).map((row) => row.event);
	const ics = eventsToIcs(events, {
		calendarName: process.title,
		host: event.url.host,
		url: (id) => `${event.url.origin}/o/${organisation.slug}/p/${process.slug}/events/${id}`
	});
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${process.slug}.ics"`
		}
	});
};
