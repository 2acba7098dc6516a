import { expect, logIn, test } from '../fixtures';

const process = '/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0';

test('an indicator of a goal gets a new value, and the status report shows it with its target', async ({
	page,
	expectAccessible
}) => {
	test.setTimeout(240_000);
	await logIn(page, expectAccessible, 'integration@landau.example');
	await expectAccessible();
	await page.goto(`${process}/monitoring`);
	await expectAccessible();
	await page.getByRole('link', { name: 'Indikatoren der Ziele' }).click();
	const table = page.getByRole('table', {
		name: 'Indikatoren: Geflüchtete finden eigenen Wohnraum'
	});
	await expect(table.getByRole('row', { name: /Vermittelte Wohnungen/ })).toContainText(
		'16 Wohnungen'
	);
	await expectAccessible();

	await page.getByText('Messwert erfassen: Vermittelte Wohnungen').click();
	const form = page.locator('form[action="?/recordValue"]');
	await form.getByLabel('Wert (Wohnungen) (Pflichtfeld)').fill('drei');
	await form.getByRole('button', { name: 'Messwert speichern' }).click();
	await expect(page.getByText('Bitte geben Sie eine Zahl ein, z. B. 12,5.')).toBeVisible();
	await expectAccessible();
	await form.getByLabel('Wert (Wohnungen) (Pflichtfeld)').fill('21,5');
	await form.getByRole('button', { name: 'Messwert speichern' }).click();
	await expect(page.getByText('Messwert gespeichert.')).toBeVisible();
	await expect(table.getByRole('row', { name: /Vermittelte Wohnungen/ })).toContainText(
		'21,5 Wohnungen'
	);

	await page.goto(`${process}/monitoring/bericht`);
	const report = page.getByRole('table', { name: 'Vermittelte Wohnungen (Wohnungen)' });
	await expect(report.getByRole('row', { name: /Zielwert/ })).toContainText('60 Wohnungen');
	await expect(report.getByRole('row', { name: /Messwert/ }).last()).toContainText(
		'21,5 Wohnungen'
	);
	await expectAccessible();
});
