/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The phone's shell in a dead spot: a joined participant's workshop page and the app files it
 * loaded come from this cache when the network is gone, so a reload still shows the page, its
 * waiting ideas and dots, and sends them once the connection is back. Only what a phone has
 * loaded is cached (nothing fetched ahead: data costs money on a prepaid phone); the workshop
 * page adds its own files when it starts (`$lib/phone-cache`). Everything else passes through.
 */
import { version } from '$service-worker';
import {
	cacheName,
	isAppFile,
	isPhonePage,
	pageKey,
	stamped,
	stillFresh
} from '$lib/phone-cache/offline';

const worker = self as unknown as ServiceWorkerGlobalScope;
const cache = cacheName(version);

worker.addEventListener('install', () => void worker.skipWaiting());

worker.addEventListener('activate', (event) => {
	// A new version's pages need its own files: the old cache goes.
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) if (name !== cache) await caches.delete(name);
			await worker.clients.claim();
		})()
	);
});

/** App files have hashed names and never change: the cache answers first. */
async function appFile(request: Request): Promise<Response> {
	const stored = await caches.match(request, { cacheName: cache });
	if (stored) return stored;
	const response = await fetch(request);
	if (response.ok) await (await caches.open(cache)).put(request, response.clone());
	return response;
}

/**
 * The workshop page: always fresh from the network; the last copy only when that fails, and only
 * for `offlinePageMaxAgeMs` (it shows the participant's name and group).
 */
async function phonePage(request: Request): Promise<Response> {
	const key = pageKey(request.url);
	const kept = await caches.open(cache);
	try {
		const response = await fetch(request);
		if (response.ok) await kept.put(key, await stamped(response.clone()));
		return response;
	} catch (error) {
		const stored = await kept.match(key);
		if (stored && stillFresh(stored)) return stored;
		if (stored) await kept.delete(key);
		throw error;
	}
}

worker.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== worker.location.origin) return;
	if (isAppFile(url.pathname)) event.respondWith(appFile(request));
	else if (request.mode === 'navigate' && isPhonePage(url.pathname)) {
		event.respondWith(phonePage(request));
	}
});
