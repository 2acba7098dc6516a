import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { currentMinutes } from '$lib/server/minutes/minutes';

/**
 * The minutes an address asks for: `?revision=N` for an earlier revision, else the newest.
 * A revision that is not a whole number, or that the event does not have, is not found, like any
 * other unknown address.
 */
export function minutesAsked(eventId: number, url: URL) {
	const asked = url.searchParams.get('revision');
	const revision = asked === null ? undefined : /^[1-9]\d{0,5}$/.test(asked) ? Number(asked) : NaN;
	if (Number.isNaN(revision)) error(404, { message: m.error_not_found() });
	const shown = currentMinutes(getDb(), eventId, revision);
	if (revision !== undefined && !shown) error(404, { message: m.error_not_found() });
	return shown;
}
