import { expect, logIn, test } from '../fixtures';

test('a process from the Rems-Murr template, and a Fachkonferenz with its first meeting in one step, at 320 px', async ({
	page,
	expectAccessible
}) => {
	test.setTimeout(240_000);
	await page.setViewportSize({ width: 320, height: 740 });
	await logIn(page, expectAccessible, 'integration@landau.example');
	await expectAccessible();
	await page.goto('/o/stadt-landau-in-der-pfalz-demo/processes/new');
	await expectAccessible();
	await page.getByLabel('Titel (Pflichtfeld)').fill('Integrationsplan nach Rems-Murr-Vorbild');
	const remsMurr = page.getByLabel('Rems-Murr-Kreis (Fortschreibung des Integrationsplans)');
	await remsMurr.check();
	// What the template creates, described beside it.
	await expect(page.getByText(/Fortschreibung eines älteren Konzepts/)).toBeVisible();
	await page.locator('summary', { hasText: 'Gremien, die angelegt werden (5)' }).click();
	await expect(
		page.getByText('Verwaltungs-, Schul- und Kulturausschuss', { exact: true })
	).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await expectAccessible();
	await page.getByLabel('Beginn (Pflichtfeld)').fill('2027-01-01');
	// A revision of the demo's concept carries its fields of action over.
	await page
		.getByLabel('Fortschreibung eines früheren Prozesses?')
		.selectOption({ label: 'Integrationskonzept 2.0' });
	await page.getByRole('button', { name: 'Prozess anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Integrationsplan nach Rems-Murr-Vorbild'
	);
	await expectAccessible();
	// The last phase and the council are named as the city calls its council.
	await expect(page.getByText('Beschluss im Stadtrat').first()).toBeVisible();
	await expect(
		page.getByRole('link', { name: 'Verwaltungs-, Schul- und Kulturausschuss' })
	).toBeVisible();

	const oneStep = page.getByRole('region', { name: 'Fachkonferenz oder Arbeitsgruppe anlegen' });
	await oneStep.getByLabel('Fachkonferenz', { exact: true }).check();
	await oneStep
		.getByLabel('Handlungsfeld (Pflichtfeld)')
		.selectOption({ label: '1 Sprache und Bildung' });
	await oneStep.getByLabel('Beginn (Pflichtfeld)').fill('2027-03-04T17:00');
	await oneStep.getByLabel('Ende (Pflichtfeld)').fill('2027-03-04T20:00');
	await oneStep.getByLabel('Ort').fill('Rathaus, Großer Saal');
	await oneStep.getByLabel('Phase').selectOption({ label: 'Fachdialoge zu den Handlungsfeldern' });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await expectAccessible();
	await oneStep.getByRole('button', { name: 'Anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Fachkonferenz Sprache und Bildung'
	);
	await expect(page).toHaveURL(/\/p\/integrationsplan-nach-rems-murr-vorbild\/events\/\d+$/);
	await expect(page.getByText('Rathaus, Großer Saal').first()).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await expectAccessible();
});
