import { expect, logIn, test } from '../fixtures';

const process = '/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0';

test('an indicator of a goal gets a new value, the status report shows it with its target, and a field gets its text', async ({
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
	// Beside the table a column chart, named after it; the table is its text alternative.
	const chart = page.getByRole('img', {
		name: 'Säulendiagramm: Vermittelte Wohnungen (Wohnungen). Die Zahlen stehen in der Tabelle.'
	});
	await expect(chart).toBeVisible();
	await expect(chart.locator('rect').last()).toHaveAttribute('height', /^[1-9]/);
	await expectAccessible();
	await page.emulateMedia({ colorScheme: 'dark' });
	await expectAccessible();
	await page.emulateMedia({ colorScheme: 'light', forcedColors: 'active' });
	await expect(chart).toBeVisible();
	await expectAccessible();
	await page.emulateMedia({ forcedColors: 'none' });

	// Last year's report has the office's text on each field; at 320 px a text is written on
	// the housing field for this year's report, saved without a page load, and shown.
	const lastYear = new Date().getFullYear() - 1;
	await page.goto(`${process}/monitoring/bericht?from=${lastYear}-01-01&to=${lastYear}-12-31`);
	const lastYearHousing = page.getByRole('region', { name: '3 Wohnen' });
	// The text, not the edit form's field that holds it too (before the page's script runs).
	await expect(
		lastYearHousing
			.getByRole('paragraph')
			.filter({ hasText: 'Die Wohnraumbörse vermittelt weiter' })
	).toBeVisible();
	await expect(
		lastYearHousing.getByRole('table', { name: 'Kosten und Ausgaben: 3 Wohnen' })
	).toContainText(`Bisher verausgabt (Stand 31.12.${lastYear})`);
	await page.setViewportSize({ width: 320, height: 740 });
	await page.goto(`${process}/monitoring/bericht`);
	const housing = page.getByRole('region', { name: '3 Wohnen' });
	await expect(
		housing.getByText('Für diesen Berichtszeitraum ist noch kein Text geschrieben.')
	).toBeVisible();
	await housing.getByText('Text schreiben').click();
	const narrative = housing.getByLabel('Text zu 3 Wohnen für den Berichtszeitraum');
	await narrative.fill(
		'Acht weitere Wohnungen über die Börse vermittelt.\nDie Warteliste bleibt lang.'
	);
	await expectAccessible();
	await housing.getByRole('button', { name: 'Text speichern' }).click();
	await expect(page.getByText('Der Text zu 3 Wohnen ist gespeichert.')).toBeFocused();
	await expect(
		housing
			.getByRole('paragraph')
			.filter({ hasText: 'Acht weitere Wohnungen über die Börse vermittelt.' })
	).toBeVisible();
	await expect(
		housing.getByText('Zuletzt geändert von Integrationsbeauftragte (Demo)')
	).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await expect(housing.getByRole('img', { name: /^Säulendiagramm: / }).first()).toBeVisible();
	await expectAccessible();
});
