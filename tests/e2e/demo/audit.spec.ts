import { expect, logIn, test } from '../fixtures';

test('an administrator filters the change log, corrects a bad date and downloads the selection', async ({
	page,
	expectAccessible
}) => {
	// Seven pages with their axe checks: over two minutes when the machine's cores are busy.
	test.setTimeout(240_000);
	await page.setViewportSize({ width: 320, height: 740 });
	await logIn(page, expectAccessible, 'admin@landau.example');
	await expectAccessible();

	await page.getByRole('link', { name: 'Stadt Landau in der Pfalz (Demo)' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Stadt Landau in der Pfalz (Demo)'
	);
	await expectAccessible();

	await page.getByRole('link', { name: 'Änderungsverlauf' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Änderungsverlauf');
	const entries = page.getByRole('list', { name: 'Einträge, die neuesten zuerst' });
	await expect(entries.getByRole('listitem').first()).toBeVisible();
	await expectAccessible();
	// Works at 320 px: nothing wider than the screen except inside the scrollable tables.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

	// The demo's process owner moved the next conference's place.
	await page
		.getByLabel('Person', { exact: true })
		.selectOption({ label: 'Integrationsbeauftragte (Demo)' });
	await page.getByLabel('Vorgang').selectOption({ label: 'geändert' });
	await page.getByLabel('Art des Datensatzes').selectOption({ label: 'Veranstaltung' });
	await page.getByLabel('Text im Datensatz').fill('barrierefreier');
	await page.getByRole('button', { name: 'Filtern' }).click();
	await expect(page).toHaveURL(/kind=event/);
	const edit = entries.getByRole('listitem').filter({ hasText: 'barrierefreier Zugang' });
	await expect(edit).toHaveCount(1);
	await expect(edit.getByRole('cell', { name: 'Rathaus, Großer Saal', exact: true })).toBeVisible();
	await expect(edit.getByRole('link', { name: /^Veranstaltung Nr\. \d+$/ })).toBeVisible();
	await expectAccessible();

	const download = page.getByRole('link', { name: 'Auswahl als CSV herunterladen' });
	const href = await download.getAttribute('href');
	const csv = await page.request.get(href!);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const rows = (await csv.text()).split('\r\n').filter(Boolean);
	expect(rows).toHaveLength(2);
	expect(rows[1]).toContain('Integrationsbeauftragte (Demo)');

	// A date that does not exist: named in a summary whose link leads to the field.
	await page.getByLabel('Von (Datum)').fill('31.02.2026');
	await page.getByRole('button', { name: 'Filtern' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'Die Filter enthalten Fehler.' });
	await expect(summary).toBeVisible();
	await expectAccessible();
	await summary.getByRole('link', { name: 'Bitte geben Sie ein gültiges Datum ein.' }).click();
	await expect(page.getByLabel('Von (Datum)')).toBeFocused();
	await expect(page.getByLabel('Von (Datum)')).toHaveAttribute('aria-invalid', 'true');

	await page.getByLabel('Von (Datum)').fill('1.1.2020');
	await page.getByRole('button', { name: 'Filtern' }).click();
	await expect(edit).toHaveCount(1);
	await expect(page.getByRole('alert').filter({ hasText: 'Die Filter' })).toHaveCount(0);
	await expectAccessible();
});
