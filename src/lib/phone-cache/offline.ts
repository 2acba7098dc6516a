/** What the phone's offline cache holds, shared by the service worker and the workshop page. */
import { joinCodeSegment } from '$lib/i18n/area';

/** One cache per app version: a page of one version needs that version's files. */
export function cacheName(version: string): string {
	return `mitwirken-phone-${version}`;
}

/** Built files with hashed names (scripts, styles, fonts), which never change. */
export function isAppFile(pathname: string): boolean {
	return pathname.startsWith('/_app/immutable/');
}

/** A workshop page (`/<join code>`), the one page a phone needs in a dead spot. */
export function isPhonePage(pathname: string): boolean {
	const segments = pathname.split('/');
	return segments.length === 2 && joinCodeSegment.test(segments[1]!);
}

/** A page is kept under its address without query or fragment. */
export function pageKey(url: string): string {
	const { origin, pathname } = new URL(url);
	return origin + pathname;
}

/**
 * How long a kept page may be shown without a network. It holds the participant's name and
 * group, so a phone lent to someone else after the workshop does not show them for long: a day
 * of workshops is covered, and the join page's privacy notes say so.
 */
export const offlinePageMaxAgeMs = 12 * 60 * 60 * 1000;

const keptAtHeader = 'x-mitwirken-kept-at';

/** A copy of a page's response marked with the time it was kept. */
export async function stamped(response: Response, now = Date.now()): Promise<Response> {
	const headers = new Headers(response.headers);
	headers.set(keptAtHeader, String(now));
	return new Response(await response.blob(), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}

/** Whether a kept page may still be shown: stamped, and not older than `offlinePageMaxAgeMs`. */
export function stillFresh(response: Response, now = Date.now()): boolean {
	const keptAt = Number(response.headers.get(keptAtHeader));
	return Number.isFinite(keptAt) && keptAt > 0 && now - keptAt <= offlinePageMaxAgeMs;
}
