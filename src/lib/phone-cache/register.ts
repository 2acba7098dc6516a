/**
 * Called by the workshop page once it runs: registers the service worker and puts this page
 * and the app files it has loaded into the phone's cache, so a reload in a dead spot finds them
 * (the worker itself only sees what is fetched after it started).
 */
import { dev, version } from '$app/environment';
import { cacheName, isAppFile, pageKey, stamped } from './offline';

export async function keepPageForOffline(): Promise<void> {
	if (dev || !('serviceWorker' in navigator) || !('caches' in window)) return;
	try {
		await navigator.serviceWorker.register('/service-worker.js');
		const cache = await caches.open(cacheName(version));
		const loaded = performance
			.getEntriesByType('resource')
			.map((entry) => new URL(entry.name))
			.filter((url) => url.origin === location.origin && isAppFile(url.pathname))
			.map((url) => url.href);
		// What the worker kept on the way is not fetched again.
		const kept = await Promise.all(loaded.map((url) => cache.match(url)));
		await cache.addAll([...new Set(loaded.filter((_, index) => !kept[index]))]);
		// Fetched once more, joined: the copy the worker kept when this page loaded may be the join
		// form (joining updates the page without loading it again). One page, about 10 KB.
		const page = pageKey(location.href);
		const response = await fetch(page, { credentials: 'same-origin' });
		if (response.ok) await cache.put(page, await stamped(response));
	} catch {
		// No worker (private mode, an old browser, storage full): the page works online as before.
	}
}
