import { defineConfig, devices } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Debian's Chromium where it is installed (browser downloads are impossible on our machines),
// Playwright's own browser elsewhere.
const chromiumPath =
	process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

// Pixel 5 (touch, phone user agent) at 360 px. Not isMobile: Chromium's mobile viewport emulation
// shifts the visual viewport on focus and Playwright then clicks beside the target.
const phone = { ...devices['Pixel 5'], isMobile: false, viewport: { width: 360, height: 740 } };

/** The long walks, on a demo server of their own (about half of the demo walks' time). */
const secondDemo = [
	'demo/catalogue-import.spec.ts',
	'demo/minutes.spec.ts',
	'demo/process.spec.ts',
	'demo/workshop.spec.ts'
];

/** Each server gets a fresh SQLite file, so every run starts from a first start. */
function server(port: number, seedDemo: boolean) {
	const database = join(mkdtempSync(join(tmpdir(), 'mitwirken-e2e-')), 'e2e.db');
	return {
		command: 'node server.js',
		url: `http://127.0.0.1:${port}/login`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'pipe' as const,
		env: {
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: `http://127.0.0.1:${port}`,
			DATABASE_URL: database,
			SEED_DEMO: String(seedDemo)
		}
	};
}

export default defineConfig({
	testDir: 'tests/e2e',
	// Sized for a loaded two-core machine (CI shares its cores with other work): there a page
	// load with its axe check can take ten seconds, and a short walk half a minute. The long
	// walks set their own limits. A run that hangs anyway ends here rather than holding CI.
	timeout: 120_000,
	expect: { timeout: 20_000 },
	globalTimeout: 15 * 60_000,
	fullyParallel: false,
	// Two workers: the demo walks are split over two servers with a demo database each, so the
	// halves never see each other's data; within a project, walks run one after another.
	workers: 2,
	forbidOnly: Boolean(process.env.CI),
	retries: 0,
	reporter: [
		['list'],
		['json', { outputFile: 'reports/playwright.json' }],
		['html', { open: 'never', outputFolder: 'reports/playwright-html' }]
	],
	use: {
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: chromiumPath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: [server(4312, true)],
	projects: [
		{
			name: 'first-run-de',
			testMatch: 'first-run.spec.ts',
			use: { ...phone, locale: 'de-DE', baseURL: 'http://127.0.0.1:4310' }
		},
		{
			name: 'first-run-en',
			testMatch: 'first-run.spec.ts',
			use: { ...phone, locale: 'en-US', baseURL: 'http://127.0.0.1:4311' }
		},
		{
			name: 'demo',
			testMatch: 'demo/**/*.spec.ts',
			testIgnore: secondDemo,
			workers: 1,
			use: { ...phone, locale: 'de-DE', baseURL: 'http://127.0.0.1:4312' }
		},
		{
			name: 'demo-b',
			testMatch: secondDemo,
			workers: 1,
			use: { ...phone, locale: 'de-DE', baseURL: 'http://127.0.0.1:4313' }
		}
	]
});
