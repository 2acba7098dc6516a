import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { requireEvent } from '$lib/server/guard';
import { eventKit } from '$lib/server/workshop/join-link';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event } = requireEvent(request, 'manageEvents');
	// The kit prints the live workshop's join code, and a live workshop needs a day.
	if (event.datePrecision === 'month') error(409, { message: m.event_month_no_live() });
	return eventKit(getDb(), event, request.url.origin);
};
