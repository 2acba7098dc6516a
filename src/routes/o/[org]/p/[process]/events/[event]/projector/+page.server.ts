import { getDb } from '$lib/server/db';
import { requireEvent } from '$lib/server/guard';
import { joinLink } from '$lib/server/workshop/join-link';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event } = requireEvent(request, 'manageEvents');
	return {
		event: { id: event.id, title: event.title },
		join: await joinLink(getDb(), event.id, request.url.origin)
	};
};
