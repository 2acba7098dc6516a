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
