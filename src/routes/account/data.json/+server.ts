import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { exportAccountData } from '$lib/server/auth/account';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/** Everything the app keeps about the signed-in person, as a JSON download. */
export const GET: RequestHandler = (event) => {
	const user = requireUser(event);
	const data = exportAccountData(getDb(), user.id);
	if (!data) error(404, { message: m.error_not_found() });
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': 'attachment; filename="mitwirken-konto.json"',
			'cache-control': 'no-store'
		}
	});
};
