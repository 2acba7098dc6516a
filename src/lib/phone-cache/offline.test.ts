import { describe, expect, it } from 'vitest';
import {
	isAppFile,
	isPhonePage,
	offlinePageMaxAgeMs,
	pageKey,
	stamped,
	stillFresh
} from './offline';

describe('what the phone keeps for a dead spot', () => {
	it('keeps workshop pages only, not the pages below them or anyone else’s', () => {
		expect(isPhonePage('/K7M2QX')).toBe(true);
		expect(isPhonePage('/k7m2qx')).toBe(true);
		expect(isPhonePage('/K7M2QX/')).toBe(false);
		expect(isPhonePage('/K7M2QX/extra')).toBe(false);
		// 0, O, 1, I and L never occur in a code: these are staff or public paths.
		expect(isPhonePage('/login')).toBe(false);
		expect(isPhonePage('/O1IL00')).toBe(false);
		expect(isPhonePage('/mitmachen')).toBe(false);
		expect(isPhonePage('/')).toBe(false);
	});

	it('keeps the built files with hashed names, nothing else of the app', () => {
		expect(isAppFile('/_app/immutable/chunks/Cs7lFLoc.js')).toBe(true);
		expect(isAppFile('/_app/version.json')).toBe(false);
		expect(isAppFile('/service-worker.js')).toBe(false);
		expect(isAppFile('/o/landau/p/konzept/events')).toBe(false);
	});

	it('files a page under its address without query or fragment', () => {
		expect(pageKey('https://mitwirken.example/K7M2QX?from=qr#ideen')).toBe(
			'https://mitwirken.example/K7M2QX'
		);
	});

	it('shows a kept page for twelve hours at most, and never one without its time', async () => {
		const keptAt = Date.UTC(2026, 11, 2, 9);
		const page = await stamped(
			new Response('<h1>Fachkonferenz</h1>', {
				status: 200,
				headers: { 'content-type': 'text/html' }
			}),
			keptAt
		);
		expect(page.headers.get('content-type')).toBe('text/html');
		expect(await page.clone().text()).toBe('<h1>Fachkonferenz</h1>');
		expect(stillFresh(page, keptAt + offlinePageMaxAgeMs)).toBe(true);
		expect(stillFresh(page, keptAt + offlinePageMaxAgeMs + 1)).toBe(false);
		expect(offlinePageMaxAgeMs).toBe(12 * 60 * 60 * 1000);
		expect(stillFresh(new Response('old copy'), keptAt)).toBe(false);
		const forged = new Response('', { headers: { 'x-mitwirken-kept-at': 'soon' } });
		expect(stillFresh(forged, keptAt)).toBe(false);
	});
});
