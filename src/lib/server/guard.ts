import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Permission } from './auth/roles';
import type { SessionUser } from './auth/session';
import { getDb } from './db';
import { noteAuditScope } from './db/audit';
import { checkMembership } from './organisations/organisations';
import {
	checkProcessAccess,
	findOrganisationBySlug,
	processesOfGuest
} from './organisations/process-members';
import { findEvent } from './events/events';

/** Stands in for the site's origin: only the path of the resolved target is ever used. */
const siteOrigin = 'http://mitwirken.invalid';

function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

/**
 * A path within this site, so that a crafted `redirectTo` cannot send people elsewhere. The
 * target is resolved the way a browser would (which drops tabs and newlines and reads `\` as
 * `/`), and kept only if it stays on the site; control characters are refused outright, since
 * browsers silently remove some of them and a header cannot carry them.
 */
export function safeRedirectTarget(target: string | null | undefined, fallback = '/'): string {
	if (!target || !target.startsWith('/') || hasControlCharacter(target)) return fallback;
	let resolved: URL;
	try {
		resolved = new URL(target, siteOrigin);
	} catch {
		return fallback;
	}
	if (resolved.origin !== siteOrigin) return fallback;
	const path = resolved.pathname + resolved.search + resolved.hash;
	// `/.//evil.example` resolves to the path `//evil.example`, which a browser reads as a host.
	if (path.startsWith('//')) return fallback;
	return path;
}

export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	if (!event.locals.user) {
		const back = event.url.pathname + event.url.search;
		redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
	}
	return event.locals.user;
}

/** The organisation named in the URL, if the signed-in user may do `permission` there. */
export function requireOrganisation(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>,
	permission: Permission
) {
	const user = requireUser(event);
	const slug = (event.params as { org?: string }).org ?? '';
	const check = checkMembership(getDb(), user.id, slug, permission);
	if (!check.allowed) {
		if (check.reason === 'not_found') error(404, { message: m.error_not_found() });
		error(403, { message: m.error_forbidden() });
	}
	noteAuditScope({ organisationId: check.organisation.id });
	return { user, organisation: check.organisation, role: check.role };
}

/**
 * The organisation named in the URL for its members, and for people with a role in one of its
 * processes only (`guestProcesses`: the processes they may enter; null for members). Only the
 * organisation's frame and start page use it; every other organisation page needs a member.
 */
export function requireOrganisationVisit(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireUser(event);
	const slug = (event.params as { org?: string }).org ?? '';
	const db = getDb();
	const check = checkMembership(db, user.id, slug, 'readProcess');
	if (check.allowed) {
		noteAuditScope({ organisationId: check.organisation.id });
		return { user, organisation: check.organisation, role: check.role, guestProcesses: null };
	}
	const organisation = findOrganisationBySlug(db, slug);
	const guestProcesses = organisation ? processesOfGuest(db, user.id, organisation.id) : [];
	if (!organisation || guestProcesses.length === 0) error(404, { message: m.error_not_found() });
	noteAuditScope({ organisationId: organisation.id });
	return { user, organisation, role: null, guestProcesses };
}

export function requireSystemAdmin(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const user = requireUser(event);
	if (!user.isSystemAdmin) error(403, { message: m.error_forbidden() });
	return user;
}

/** The process named in the URL, inside the organisation named in the URL. */
export function requireProcess(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>,
	permission: Permission
) {
	const user = requireUser(event);
	const params = event.params as { org?: string; process?: string };
	const check = checkProcessAccess(
		getDb(),
		user.id,
		params.org ?? '',
		params.process ?? '',
		permission
	);
	if (!check.allowed) {
		if (check.reason === 'not_found') error(404, { message: m.error_not_found() });
		error(403, { message: m.error_forbidden() });
	}
	noteAuditScope({ organisationId: check.organisation.id, processId: check.process.id });
	return { user, organisation: check.organisation, role: check.role, process: check.process };
}

/** The event named in the URL, inside the process named in the URL. */
export function requireEvent(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>,
	permission: Permission
) {
	const access = requireProcess(event, permission);
	const id = Number((event.params as { event?: string }).event);
	const found = findEvent(getDb(), access.process.id, id);
	if (!found) error(404, { message: m.error_not_found() });
	return { ...access, event: found };
}
