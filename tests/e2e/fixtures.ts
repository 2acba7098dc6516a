import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export { expect };

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
			await target.waitForLoadState('load');
			const results = await new AxeBuilder({ page: target })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
				.analyze();
			const summary = results.violations.map(
				(v) =>
					`${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`
			);
			expect(summary, `accessibility violations on ${target.url()}`).toEqual([]);
			checked.get(target)!.add(new URL(target.url()).pathname);
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
