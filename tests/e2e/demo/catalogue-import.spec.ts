import { expect, logIn, test } from '../fixtures';

const process = '/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0';

test('a catalogue file is mapped in the browser, tried in a dry run and imported, at 320 px', async ({
	page,
	expectAccessible
}) => {
	test.setTimeout(300_000);
	const stamp = Date.now();
	await logIn(page, expectAccessible, 'admin@landau.example');
	await expectAccessible();
	await page.setViewportSize({ width: 320, height: 740 });
	await page.goto(`${process}/measures`);
	await expectAccessible();
	await page.getByRole('link', { name: 'Katalog importieren (CSV, Excel)' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Maßnahmenkatalog importieren');
	await expectAccessible();

	// Windows-1252 with semicolons, as German Excel saves a CSV; "Titel der Maßnahme" is no known header.
	const csv = [
		'Bereich;Titel der Maßnahme;Zuständig;Zeitraum;Kosten;Kostenart;Kooperationspartner',
		`Wohnen;Wohnraumbörse ${stamp};Sozialamt;2026/27;12.500 EUR;jährlich;Caritas, Kommunen`,
		`Wohnen;Mieterschulung für Geflüchtete ${stamp};Caritas;kurzfristig;;;`
	].join('\r\n');
	await page.getByLabel('Datei').setInputFiles({
		name: 'katalog.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv, 'latin1')
	});
	await page.getByRole('button', { name: 'Hochladen und Spalten zuordnen' }).click();
	await expect(page.getByRole('heading', { name: 'Spalten zuordnen' })).toBeVisible();
	await expect(page.getByText('Bitte ordnen Sie eine Spalte „Maßnahme“ zu.')).toBeVisible();
	await expectAccessible();

	await page
		.getByRole('combobox', { name: 'Übernehmen als Titel der Maßnahme' })
		.selectOption({ label: 'Maßnahme' });
	await page.getByRole('button', { name: 'Zuordnung übernehmen und Probelauf zeigen' }).click();
	await expect(
		page.getByText('Neu: 2 · Geändert: 0 · Unverändert: 0 · Abgelehnt: 0')
	).toBeVisible();
	await expect(
		page.getByRole('cell', { name: `Mieterschulung für Geflüchtete ${stamp}` })
	).toBeVisible();
	await expectAccessible();

	await page.getByRole('button', { name: 'Jetzt importieren' }).click();
	await expect(page.getByText('Importiert: 2 neu, 0 geändert, 0 unverändert.')).toBeVisible();
	await expectAccessible();
	await page.getByRole('link', { name: 'Maßnahmen' }).first().click();
	await expect(page.getByRole('link', { name: `Wohnraumbörse ${stamp}` })).toBeVisible();
	await expectAccessible();
});

test('a list of people becomes invitations after a dry run', async ({ page, expectAccessible }) => {
	test.setTimeout(300_000);
	const stamp = Date.now();
	await logIn(page, expectAccessible, 'admin@landau.example');
	await expectAccessible();
	await page.goto('/o/stadt-landau-in-der-pfalz-demo/members');
	await expectAccessible();
	await page
		.getByRole('link', { name: 'Mitglieder aus einer Liste einladen (CSV, Excel)' })
		.click();
	await expectAccessible();
	await page.getByLabel('Datei').setInputFiles({
		name: 'mitglieder.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			`Name,E-Mail,Rolle,Gremium,Stakeholder-Gruppe\nLeitung VHS,vhs-${stamp}@landau.example,Moderation,,Bildung\n`
		)
	});
	await page.getByRole('button', { name: 'Hochladen und Spalten zuordnen' }).click();
	await expect(page.getByText('Einladen: 1 · Schon bekannt: 0 · Abgelehnt: 0')).toBeVisible();
	await expectAccessible();
	await page.getByRole('button', { name: 'Einladungen anlegen' }).click();
	await expect(page.getByText('Einladungen angelegt: 1.')).toBeVisible();
	await expect(page.getByLabel('Einladungslink')).toHaveValue(/\/invite\//);
	await expectAccessible();
});
