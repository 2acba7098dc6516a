import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { id } from '$lib/server/forms/process-fields';
import { requireOrganisation } from '$lib/server/guard';
import { findOutboxMessage } from '$lib/server/notify/outbox';
import type { RequestHandler } from './$types';

/** The .ics attached to a message of the organisation's outbox, to pass on by hand. */
export const GET: RequestHandler = (event) => {
	const { organisation } = requireOrganisation(event, 'manageOrganisation');
	const messageId = v.safeParse(id, event.params.message);
	if (!messageId.success) error(404, { message: m.error_not_found() });
	const message = findOutboxMessage(getDb(), organisation.id, messageId.output);
	if (!message?.ics) error(404, { message: m.error_not_found() });
	return new Response(message.ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${message.icsFileName ?? 'termin.ics'}"`,
			'cache-control': 'private, no-store'
		}
	});
};
