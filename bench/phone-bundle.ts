/**
 * What a phone downloads to take part: a real browser opens the join page and then the live
 * workshop page of the production build; every script it loads is counted, gzipped (level 9).
 * Target: at most 60 KB of gzipped JavaScript. Then, on a slow phone (Chrome's "Slow 4G" and 4×
 * CPU slowdown): the time from a new phone's tap on "Mitmachen" until its vote buttons work, and
 * the time until a returning participant's page is connected (its vote buttons work), with and
 * without the scripts in the browser's cache. Then a first visit on that phone to the public
 * page of the demo's process, the code page and the join page: how far their content moves
 * while loading (cumulative layout shift; target 0). Last, Lighthouse's mobile performance score
 * (its own Slow 4G and 4× CPU simulation) of the join page and of the workshop page of a phone
 * that has joined (target ≥ 95).
 *
 *   npm run bench:phone
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, devices, type BrowserContext, type Response } from '@playwright/test';
import lighthouse from 'lighthouse';
import { openDatabase } from '../src/lib/server/db';
import * as table from '../src/lib/server/db/schema';
import { seedDemo } from '../src/lib/server/demo/seed';
import { ensureJoinCode, participantCookieName } from '../src/lib/server/workshop/participants';
import { seedConference } from './seed';

const port = 4380;
/** Where Lighthouse reaches the browser. */
const debuggingPort = 9381;
const url = `http://127.0.0.1:${port}`;
const targetBytes = 60 * 1024;
const runs = 3;
/** Chrome DevTools' "Slow 4G" preset (Lighthouse's mobile profile as DevTools applies it). */
const slow4g = {
	offline: false,
	latency: 150 * 3.75,
	downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9,
	uploadThroughput: ((750 * 1024) / 8) * 0.9
};

const databasePath = join(mkdtempSync(join(tmpdir(), 'mitwirken-phone-')), 'phone.db');
const demo = openDatabase(databasePath);
await seedDemo(demo);
const publicPath = `/beteiligung/${demo.select().from(table.organisation).get()!.slug}/${demo.select().from(table.process).get()!.slug}`;
demo.$client.close();
const conference = await seedConference(databasePath, 1, 5);
const db = openDatabase(databasePath);
const code = ensureJoinCode(db, conference.eventId);
db.$client.close();

const server = spawn(process.execPath, ['server.js'], {
	env: {
		...process.env,
		HOST: '127.0.0.1',
		PORT: String(port),
		ORIGIN: url,
		DATABASE_URL: databasePath,
		SEED_DEMO: 'false'
	},
	stdio: ['ignore', 'pipe', 'inherit']
});
await new Promise<void>((ready) => {
	server.stdout!.on('data', (chunk: Buffer) => {
		if (chunk.toString().includes('Listening on')) ready();
	});
});

const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({
	executablePath,
	args: ['--no-sandbox', '--disable-gpu', `--remote-debugging-port=${debuggingPort}`]
});
try {
	const scripts = new Map<string, { bytes: number; phase: string }>();
	let phase = 'join';
	const measure = async (response: Response) => {
		if (response.request().resourceType() !== 'script') return;
		const path = new URL(response.url()).pathname;
		const bytes = gzipSync(await response.body(), { level: 9 }).length;
		if (!scripts.has(path)) scripts.set(path, { bytes, phase });
	};
	const sum = () => [...scripts.values()].reduce((total, script) => total + script.bytes, 0);

	const context = await browser.newContext({
		...devices['Pixel 5'],
		isMobile: false,
		locale: 'de-DE',
		baseURL: url
	});
	const page = await context.newPage();
	page.on('response', measure);
	await page.goto(`/${code}`);
	await page.waitForLoadState('networkidle');
	const joinBytes = sum();
	phase = 'live';

	await page.getByRole('button', { name: 'Mitmachen' }).click();
	await page.getByRole('heading', { name: 'Was ist am wichtigsten?' }).waitFor();
	await page.waitForLoadState('networkidle');
	const totalBytes = sum();

	/** Milliseconds from opening the page on a slow phone until a dot given reaches the room. */
	const usableAfter = async (returning: BrowserContext) => {
		const slowPage = await returning.newPage();
		const cdp = await returning.newCDPSession(slowPage);
		await cdp.send('Network.enable');
		await cdp.send('Network.emulateNetworkConditions', slow4g);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		const start = Date.now();
		await slowPage.goto(`/${code}`, { waitUntil: 'commit' });
		// The page arrives with its vote buttons rendered; they work once its script runs, and a
		// dot reaches the room once the status line says the phone is connected.
		await slowPage.locator('ul.targets button:not(.secondary)').first().waitFor();
		await slowPage.getByRole('status').filter({ hasText: 'Verbunden.' }).waitFor();
		const ms = Date.now() - start;
		await slowPage.close();
		return ms;
	};
	/** Milliseconds from a new phone's tap on "Mitmachen" until its vote buttons show and work. */
	const joinedAfter = async () => {
		const newcomer = await browser.newContext({
			...devices['Pixel 5'],
			isMobile: false,
			locale: 'de-DE',
			baseURL: url
		});
		const slowPage = await newcomer.newPage();
		const cdp = await newcomer.newCDPSession(slowPage);
		await cdp.send('Network.enable');
		await cdp.send('Network.emulateNetworkConditions', slow4g);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		await slowPage.goto(`/${code}`, { waitUntil: 'networkidle' });
		const start = Date.now();
		await slowPage.getByRole('button', { name: 'Mitmachen' }).click();
		// After the tap the page's script renders the workshop: its buttons work once shown.
		await slowPage.locator('ul.targets button:not(.secondary)').first().waitFor();
		const ms = Date.now() - start;
		await newcomer.close();
		return ms;
	};
	const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
	const newcomers: number[] = [];
	for (let run = 0; run < runs; run += 1) newcomers.push(await joinedAfter());
	const cookies = await context.cookies();
	const warm: number[] = [];
	const cold: number[] = [];
	for (let run = 0; run < runs; run += 1) {
		warm.push(await usableAfter(context));
		const fresh = await browser.newContext({
			...devices['Pixel 5'],
			isMobile: false,
			locale: 'de-DE',
			baseURL: url
		});
		await fresh.addCookies(cookies);
		cold.push(await usableAfter(fresh));
		await fresh.close();
	}

	/** The layout shift of a first visit to `path` on a slow phone, once the page has settled. */
	const layoutShift = async (path: string) => {
		const visitor = await browser.newContext({
			...devices['Pixel 5'],
			isMobile: false,
			locale: 'de-DE',
			baseURL: url
		});
		const slowPage = await visitor.newPage();
		const cdp = await visitor.newCDPSession(slowPage);
		await cdp.send('Network.enable');
		await cdp.send('Network.emulateNetworkConditions', slow4g);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		await slowPage.addInitScript(() => {
			const shifts = ((window as { shifts?: number[] }).shifts = [] as number[]);
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries() as (PerformanceEntry & {
					value: number;
					hadRecentInput: boolean;
				})[]) {
					if (!entry.hadRecentInput) shifts.push(entry.value);
				}
			}).observe({ type: 'layout-shift', buffered: true });
		});
		await slowPage.goto(path, { waitUntil: 'networkidle' });
		await slowPage.waitForTimeout(1_000);
		const shift = await slowPage.evaluate(() =>
			(window as { shifts?: number[] }).shifts!.reduce((sum, value) => sum + value, 0)
		);
		await visitor.close();
		return shift;
	};
	const shifts = {
		'public page': await layoutShift(publicPath),
		'code page': await layoutShift('/mitmachen'),
		'join page': await layoutShift(`/${code}`)
	};

	/** Lighthouse's performance scores of `path` (0–100), one per run. */
	const lighthouseScores = async (path: string, cookie?: string) => {
		const scores: number[] = [];
		for (let run = 0; run < runs; run += 1) {
			const result = await lighthouse(`${url}${path}`, {
				port: debuggingPort,
				onlyCategories: ['performance'],
				logLevel: 'error',
				extraHeaders: cookie ? { Cookie: cookie } : undefined
			});
			scores.push(Math.round((result?.lhr.categories.performance?.score ?? 0) * 100));
		}
		return scores;
	};
	const participant = cookies.find((cookie) => cookie.name === participantCookieName)!;
	const scores = {
		'join page': await lighthouseScores(`/${code}`),
		'workshop page': await lighthouseScores(`/${code}`, `${participant.name}=${participant.value}`)
	};

	const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
	console.log('Phone page JavaScript, gzipped (level 9):');
	for (const [path, script] of [...scripts].sort((a, b) => b[1].bytes - a[1].bytes)) {
		console.log(`  ${kb(script.bytes).padStart(9)}  ${script.phase}  ${path}`);
	}
	console.log(`Join page:                 ${kb(joinBytes)}`);
	const verdict = totalBytes <= targetBytes ? 'met' : `missed by ${kb(totalBytes - targetBytes)}`;
	console.log(
		`Join page + live workshop: ${kb(totalBytes)} (target ≤ ${kb(targetBytes)}: ${verdict})`
	);
	console.log(
		`Returning phone on Slow 4G, 4× CPU, until connected, vote buttons working (median of ${runs}): ` +
			`${median(warm)} ms with cached scripts, ${median(cold)} ms without ` +
			`(runs: ${warm.join(', ')} / ${cold.join(', ')})`
	);
	console.log(
		`New phone on Slow 4G, 4× CPU, from the tap on "Mitmachen" until its vote buttons work ` +
			`(median of ${runs}, target ≤ 2 s): ${median([...newcomers])} ms (runs: ${newcomers.join(', ')})`
	);
	console.log(
		'Layout shift (CLS) of a first visit on Slow 4G, 4× CPU (target 0): ' +
			Object.entries(shifts)
				.map(([page, shift]) => `${page} ${shift.toFixed(3)}`)
				.join(', ')
	);
	console.log(
		`Lighthouse mobile performance (median of ${runs}, target ≥ 95): ` +
			Object.entries(scores)
				.map(([page, runs]) => `${page} ${median([...runs])} (runs: ${runs.join(', ')})`)
				.join(', ')
	);
} finally {
	await browser.close();
	server.kill('SIGTERM');
}
