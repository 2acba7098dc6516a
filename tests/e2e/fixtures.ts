import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export { expect };

const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);
const axeOptions: RunOptions = {
	runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
	resultTypes: ['violations']
};

/**
 * Runs axe in the page itself, injected once per document: SvelteKit navigates on the client,
 * so one injection serves a whole walk. (AxeBuilder injects anew and opens a blank page for
 * every check, three times the cost, which the suite's time could not carry.) The app has no
 * frames; a page with one would need axe inside it too, so it fails here rather than pass
 * unchecked.
 */
async function runAxe(target: Page): Promise<AxeResults> {
	expect(target.frames(), `frames on ${target.url()} need axe inside them`).toHaveLength(1);
	type WithAxe = { axe?: typeof import('axe-core') };
	if (!(await target.evaluate(() => 'axe' in window))) await target.evaluate(axeSource);
	return target.evaluate((options) => (window as WithAxe).axe!.run(document, options), axeOptions);
}

type Fixtures = {
	/**
	 * Runs axe (WCAG 2.1 A and AA) on the page as it is now and fails on any violation. Also
	 * fails the test if a checked page logged a security-policy error.
	 */
	expectAccessible: (page?: Page) => Promise<void>;
};

/**
 * Every page a test visits must be checked with `expectAccessible`: the fixture records each
 * page the browser lands on and fails the test if one of them was never checked.
 */
export const test = base.extend<Fixtures>({
	expectAccessible: async ({ page }, use) => {
		const visited = new Map<Page, Set<string>>();
		const checked = new Map<Page, Set<string>>();
		// Anything the Content-Security-Policy blocks, or a Permissions-Policy the browser rejects.
		const policyErrors: string[] = [];
		const track = (target: Page) => {
			visited.set(target, new Set());
			checked.set(target, new Set());
			target.on('console', (message) => {
				if (/content security policy|permissions-policy/i.test(message.text())) {
					policyErrors.push(`${target.url()}: ${message.text()}`);
				}
			});
			target.on('framenavigated', (frame) => {
				if (frame === target.mainFrame()) visited.get(target)!.add(new URL(frame.url()).pathname);
			});
		};
		track(page);
		page.context().on('page', track);

		await use(async (target = page) => {
			if (!visited.has(target)) track(target);
			// A click may have started a client-side navigation that lands during the check: check
			// again until the page stayed put, so the result belongs to the path it is recorded for.
			let path: string;
			let results: AxeResults;
			do {
				await target.waitForLoadState('load');
				path = new URL(target.url()).pathname;
				results = await runAxe(target);
			} while (new URL(target.url()).pathname !== path);
			const summary = results.violations.map(
				(v) =>
					`${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`
			);
			expect(summary, `accessibility violations on ${target.url()}`).toEqual([]);
			checked.get(target)!.add(path);
		});

		for (const [target, paths] of visited) {
			const unchecked = [...paths].filter((path) => !checked.get(target)!.has(path));
			expect(unchecked, 'pages visited without an accessibility check').toEqual([]);
		}
		expect(policyErrors, 'blocked by a security policy').toEqual([]);
	}
});

/** Signs in through the German login form, checking it on the way. */
export async function logIn(
	page: Page,
	expectAccessible: Fixtures['expectAccessible'],
	email: string,
	password = 'mitwirken-demo'
) {
	await page.goto('/login');
	await expectAccessible();
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort').fill(password);
	await page.getByRole('main').getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByRole('heading', { name: 'Ihre Organisationen' })).toBeVisible();
}

/**
 * Marks the document the page shows now; the returned check fails if a form's answer loaded
 * a new document instead of updating this one (a staff form without `use:enhance`).
 */
export async function markDocument(page: Page) {
	await page.evaluate(() => {
		document.documentElement.dataset.kept = 'yes';
	});
	return () => expect(page.locator('html')).toHaveAttribute('data-kept', 'yes');
}

/**
 * Follows a link and waits until the page shows its address: a client-side navigation lands
 * after the click returns, and a check run before would belong to the page left behind.
 */
export async function follow(link: Locator) {
	const href = await link.getAttribute('href');
	expect(href, 'a link with an address').toBeTruthy();
	const page = link.page();
	const target = new URL(href!, page.url());
	await link.click();
	await page.waitForURL((url) => url.pathname === target.pathname);
}
