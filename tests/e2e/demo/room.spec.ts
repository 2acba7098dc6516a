import type { Page } from '@playwright/test';
import { expect, logIn, test } from '../fixtures';

const org = '/o/stadt-landau-in-der-pfalz-demo';
const screens = [
	{ width: 1280, height: 720 },
	{ width: 1920, height: 1080 }
];

/** Nothing reaches past the right edge of the window (WCAG 1.4.10). */
async function expectNoSidewaysScroll(target: Page) {
	const { scrollWidth, innerWidth } = await target.evaluate(() => ({
		scrollWidth: document.scrollingElement!.scrollWidth,
		innerWidth: window.innerWidth
	}));
	expect(scrollWidth, `sideways scrolling on ${target.url()}`).toBeLessThanOrEqual(innerWidth);
}

/** The projector at both screen sizes: bare, readable from the back, within the screen. */
async function expectRoomReady(
	projector: Page,
	joining: boolean,
	expectAccessible: (page?: Page) => Promise<void>
) {
	for (const screen of screens) {
		await projector.setViewportSize(screen);
		await expectNoSidewaysScroll(projector);
		await expect(projector.getByRole('navigation')).toHaveCount(0);
		await expect(projector.getByRole('button', { name: 'Abmelden' })).toHaveCount(0);
		await expect(projector.getByRole('button', { name: 'Vollbild' })).toBeVisible();
		// The smallest text on the screen.
		const bodySize = await projector
			.locator('#main :is(p, li, h1, h2)')
			.evaluateAll((elements) =>
				Math.min(...elements.map((element) => parseFloat(getComputedStyle(element).fontSize)))
			);
		expect(bodySize).toBeGreaterThanOrEqual(32);
		const qr = projector.getByRole('img', { name: /QR-Code/ });
		if (joining) {
			const box = (await qr.boundingBox())!;
			expect(box.height).toBeGreaterThanOrEqual(screen.height * 0.4);
			expect(box.y + box.height).toBeLessThanOrEqual(screen.height);
		} else {
			await expect(qr).toHaveCount(0);
		}
	}
	await expectAccessible(projector);
}

test('the projector fits the room in every stage', async ({ page, expectAccessible: check }) => {
	test.setTimeout(180_000);
	await logIn(page, check, 'moderation@landau.example');
	await check();
	await page.setViewportSize({ width: 1280, height: 800 });

	// A finished workshop: the ranking, large.
	await page.goto(`${org}/p/integrationskonzept-2-0/events`);
	await check();
	await page.getByRole('link', { name: 'Fachkonferenz Arbeitsmarkt' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fachkonferenz Arbeitsmarkt');
	await check();
	await page.getByRole('link', { name: 'Live-Workshop moderieren' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Live-Workshop');
	await check();
	const projector = await page.context().newPage();
	const link = page.getByRole('link', { name: 'Projektor-Ansicht öffnen' });
	await projector.goto((await link.getAttribute('href'))!);
	await expect(projector.getByRole('list').filter({ hasText: /\d Punkte/ })).toBeVisible();
	await expectRoomReady(projector, false, check);

	// A new activity: joining, then clustering and voting on the wall.
	await page.goto(`${org}/p/integrationskonzept-2-0/events`);
	await page.getByRole('link', { name: 'Fachkonferenz Sprache und Bildung' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Fachkonferenz Sprache und Bildung'
	);
	await check();
	await page.getByRole('link', { name: 'Live-Workshop moderieren' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Live-Workshop');
	await page.getByText('Neue Aktivität').click();
	await page.getByLabel('Frage an die Teilnehmenden').fill('Was braucht ein guter Raum?');
	await page.getByRole('button', { name: 'Aktivität anlegen' }).click();
	await expect(page.getByRole('heading', { name: 'Was braucht ein guter Raum?' })).toBeVisible();
	await check();
	await projector.goto((await link.getAttribute('href'))!);
	await expect(
		projector.getByRole('heading', { name: 'Was braucht ein guter Raum?' })
	).toBeVisible();
	await expectRoomReady(projector, true, check);

	await page.getByRole('button', { name: 'Sammeln beenden, Ideen ordnen' }).click();
	await expect(projector.getByRole('img', { name: /QR-Code/ })).toHaveCount(0);
	await expectRoomReady(projector, false, check);
	await page.getByRole('button', { name: 'Abstimmung starten' }).click();
	await expect(page.getByRole('button', { name: 'Ergebnis zeigen' })).toBeVisible();
	await expectRoomReady(projector, false, check);
});

test('staff and public pages fit 320 px, in light, dark and forced colours', async ({
	page,
	expectAccessible: check
}) => {
	await page.setViewportSize({ width: 320, height: 640 });
	await page.goto('/beteiligung/stadt-landau-in-der-pfalz-demo/integrationskonzept-2-0');
	await check();
	await expectNoSidewaysScroll(page);

	await logIn(page, check, 'admin@landau.example');
	await expectNoSidewaysScroll(page);
	await page.emulateMedia({ colorScheme: 'dark' });
	await check();

	await page.goto(`${org}/members`);
	await check();
	await expectNoSidewaysScroll(page);
	// Every link is a target of at least 24 px (WCAG 2.5.8).
	const smallest = await page
		.locator('a[href]:not(.skip-link)')
		.evaluateAll((links) => Math.min(...links.map((link) => link.getBoundingClientRect().height)));
	expect(smallest).toBeGreaterThanOrEqual(24);
	await page.emulateMedia({ colorScheme: 'light', forcedColors: 'active' });
	await check();

	await page.goto(`${org}/p/integrationskonzept-2-0/measures`);
	await check();
	await expectNoSidewaysScroll(page);
	await page.getByRole('table').getByRole('link').first().click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await check();
	await expectNoSidewaysScroll(page);
});
