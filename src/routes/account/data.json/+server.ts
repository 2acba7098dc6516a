import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { exportAccountData } from '$lib/server/auth/account';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/guard';
import { notificationDataOf } from '$lib/server/notify/outbox';
import type { RequestHandler } from './$types';

/** Everything the app keeps about the signed-in person, as a JSON download. */
export const GET: RequestHandler = (event) => {
	const user = requireUser(event);
	const data = exportAccountData(getDb(), user.id);
	if (!data) error(404, { message: m.error_not_found() });
	const notifications = notificationDataOf(getDb(), user.id);
	return new Response(JSON.stringify({ ...data, notifications }, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': 'attachment; filename="mitwirken-konto.json"',
			'cache-control': 'no-store'
		}
	});
};
