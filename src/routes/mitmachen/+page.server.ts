import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { refuseThrottledLookup } from '$lib/server/join-guard';
import { findEventByJoinCode, joinCodePattern } from '$lib/server/workshop/participants';
import type { PageServerLoad } from './$types';

/** The code typed by hand (a plain GET form, so it works without JavaScript). */
export const load: PageServerLoad = async (request) => {
	const code = request.url.searchParams.get('code');
	if (code === null) return { code: '', unknown: false };
	const typed = code.replace(/[\s-]/g, '').toUpperCase();
	// Only a well-formed code can be a guess; a typo of the wrong length tells nobody anything.
	if (!joinCodePattern.test(typed)) return { code, unknown: true };
	const event = findEventByJoinCode(getDb(), typed);
	await refuseThrottledLookup(request, event !== undefined);
	if (event?.joinCode) redirect(303, `/${event.joinCode}`);
	return { code, unknown: true };
};
