import { getDb } from '$lib/server/db';
import { requireEvent } from '$lib/server/guard';
import { joinLink } from '$lib/server/workshop/join-link';
import { listFields } from '$lib/server/process/fields';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { process, event } = requireEvent(request, 'manageEvents');
	const db = getDb();
	return {
		event: { id: event.id, title: event.title },
		join: await joinLink(db, event.id, request.url.origin),
		fields: listFields(db, process.id).map((f) => ({ id: f.id, label: `${f.code} ${f.title}` }))
	};
};
