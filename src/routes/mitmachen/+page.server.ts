import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { findEventByJoinCode } from '$lib/server/workshop/participants';
import type { PageServerLoad } from './$types';

/** The code typed by hand (a plain GET form, so it works without JavaScript). */
export const load: PageServerLoad = ({ url }) => {
	const code = url.searchParams.get('code');
	if (code === null) return { code: '', unknown: false };
	const event = findEventByJoinCode(getDb(), code.replace(/[\s-]/g, ''));
	if (event?.joinCode) redirect(303, `/${event.joinCode}`);
	return { code, unknown: true };
};
