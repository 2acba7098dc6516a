/**
 * What a phone downloads to take part: a real browser opens the join page and then the live
 * workshop page of the production build; every script it loads is counted, gzipped (level 9).
 * Target: at most 60 KB of gzipped JavaScript.
 *
 *   npm run bench:phone
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, devices, type Response } from '@playwright/test';
import { openDatabase } from '../src/lib/server/db';
import { ensureJoinCode } from '../src/lib/server/workshop/participants';
import { seedConference } from './seed';

const port = 4320;
const url = `http://127.0.0.1:${port}`;
const targetBytes = 60 * 1024;

const databasePath = join(mkdtempSync(join(tmpdir(), 'mitwirken-phone-')), 'phone.db');
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
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
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
} finally {
	await browser.close();
	server.kill('SIGTERM');
}
