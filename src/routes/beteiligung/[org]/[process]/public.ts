import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { findPublicProcess } from '$lib/server/process/processes';

export function requirePublicProcess(params: { org: string; process: string }) {
	const found = findPublicProcess(getDb(), params.org, params.process);
	if (!found) error(404, { message: m.error_not_found() });
	return found;
}
