import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

const publicPath = '/beteiligung/stadt-landau-in-der-pfalz-demo/integrationskonzept-2-0';

const fontFiles = (page: Page) => {
	const requested: string[] = [];
	page.on('request', (request) => {
		if (request.url().endsWith('.woff2')) requested.push(request.url());
	});
	return requested;
};

test('Leichte Sprache on the public and the phone pages, and fonts only for the script shown', async ({
	browser,
	expectAccessible
}) => {
	const context = await browser.newContext({
		viewport: { width: 320, height: 740 },
		locale: 'de-DE'
	});
	const visitor = await context.newPage();
	// The code page in German shows Latin letters only (the language names use the phone's fonts).
	const german = fontFiles(visitor);
	await visitor.goto('/mitmachen');
	await visitor.evaluate(() => document.fonts.ready);
	expect(german.length).toBeGreaterThan(0);
	expect(german.filter((url) => /noto-sans/.test(url))).toEqual([]);

	await visitor.locator('details.languages summary').click();
	await visitor.getByRole('button', { name: 'Leichte Sprache' }).click();
	await expect(visitor.getByText('Der Code hat 6 Zeichen.')).toBeVisible();
	await expect(visitor.locator('html')).toHaveAttribute('lang', 'de');
	await expect(visitor.getByLabel('Code für die Veranstaltung')).toBeVisible();
	await expectAccessible(visitor);

	// The choice holds on the public page, which offers it too. Its title's digits come from
	// the face without the slashed zero.
	const headingDigits = fontFiles(visitor);
	await visitor.goto(publicPath);
	await expect(visitor.getByRole('heading', { name: 'Diese Schritte gibt es' })).toBeVisible();
	await expect(visitor.getByRole('heading', { level: 1 })).toContainText('2.0');
	await visitor.evaluate(() => document.fonts.ready);
	expect(headingDigits.filter((url) => /noto-sans-latin-wght/.test(url))).toHaveLength(1);
	await expect(visitor.locator('html')).toHaveAttribute('lang', 'de');
	await expect(visitor.locator('button[value="de-x-ls"]')).toHaveAttribute('aria-current', 'true');
	await expectAccessible(visitor);

	// Arabic text needs the Arabic face. (This page also shows a Russian idea, so no Cyrillic check.)
	await visitor.goto(publicPath);
	await visitor.locator('details.languages summary').click();
	const arabic = fontFiles(visitor);
	await visitor.getByRole('button', { name: 'العربية' }).click();
	await expect(visitor.locator('html')).toHaveAttribute('lang', 'ar');
	await visitor.evaluate(() => document.fonts.ready);
	await expect
		.poll(() => arabic.filter((url) => /noto-sans-arabic-arabic/.test(url)).length)
		.toBeGreaterThan(0);
	await expectAccessible(visitor);
	await context.close();
});
