import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { minutesDocx } from '$lib/server/export/minutes-docx';
import { requireEvent } from '$lib/server/guard';
import { minutesAsked } from '../revision';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { organisation, process, event } = requireEvent(request, 'readProcess');
	const current = minutesAsked(event.id, request.url);
	if (!current) error(404, { message: m.error_not_found() });
	const document = await minutesDocx({
		organisation: organisation.name,
		process: process.title,
		event,
		current
	});
	return new Response(new Uint8Array(document), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'content-disposition': `attachment; filename="protokoll-${event.id}-rev${current.minutes.revision}.docx"`
		}
	});
};
