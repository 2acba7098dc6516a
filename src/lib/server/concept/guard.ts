import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Permission } from '../auth/roles';
import { getDb } from '../db';
import { requireProcess } from '../guard';
import { findVersion } from './versions';

/** The concept version named in the URL, inside the process named in the URL. */
export function requireVersion(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>,
	permission: Permission
) {
	const access = requireProcess(event, permission);
	const id = Number((event.params as { version?: string }).version);
	const version = findVersion(getDb(), access.process.id, id);
	if (!version) error(404, { message: m.error_not_found() });
	return { ...access, version };
}
