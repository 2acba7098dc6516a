import { expect, follow, logIn, markDocument, test } from '../fixtures';

const process = '/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0';

test('a catalogue file is imported, its measures form a project, serve a second field, follow a guideline and filter the catalogue, at 320 px', async ({
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
	// Upload and import answer without a page load.
	const keptImport = await markDocument(page);

	// Windows-1252 with semicolons, as German Excel saves a CSV; "Titel der Maßnahme" is no known header.
	// Own numbers and an addressee of this run's own, for the project and the filter below.
	const csv = [
		'Nummer;Bereich;Titel der Maßnahme;Zuständig;Zeitraum;Kosten;Kostenart;Kooperationspartner;Adressaten',
		`W${stamp}.1;Wohnen;Wohnraumbörse ${stamp};Sozialamt;2026/27;12.500 EUR;jährlich;Caritas, Kommunen;Mieterbeirat ${stamp}`,
		`W${stamp}.2;Wohnen;Mieterschulung für Geflüchtete ${stamp};Caritas;kurzfristig;;;;`
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
	await keptImport();
	await expectAccessible();
	await page.getByRole('link', { name: 'Maßnahmen' }).first().click();
	await expect(page.getByRole('link', { name: `Wohnraumbörse ${stamp}` })).toBeVisible();
	await expectAccessible();

	// The two measures become a project, named by their numbers; it sums their money.
	await page.getByRole('link', { name: 'Projekte', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Projekte');
	await expectAccessible();
	const kept = await markDocument(page);
	await page.locator('summary', { hasText: 'Projekt anlegen' }).click();
	const creating = page.locator('form[action="?/create"]');
	await creating.getByLabel('Titel des Projekts').fill(`Starterprojekt Wohnen ${stamp}`);
	// Numbers as people type them: case and separators do not matter.
	await creating.getByLabel('Maßnahmen (Nummern)').fill(`w${stamp}.1; W${stamp}.2`);
	await creating.getByRole('button', { name: 'Projekt anlegen' }).click();
	await expect(page.getByText('Gespeichert.')).toBeFocused();
	await kept();
	const project = page.getByRole('region', { name: `Starterprojekt Wohnen ${stamp}` });
	await expect(
		project.getByRole('table', { name: `Maßnahmen des Projekts Starterprojekt Wohnen ${stamp}` })
	).toContainText(`W${stamp}.2`);
	// 12.500 € a year in 2026 and 2027; the training costs nothing.
	await expect(project.getByText('Kosten zusammen: 25.000,00 €')).toBeVisible();
	await expectAccessible();
	// Works at 320 px: nothing wider than the screen except inside the scrollable tables.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

	// On the measure's form: a second field of action and a guideline, saved without a page load.
	await project.getByRole('link', { name: `Wohnraumbörse ${stamp}` }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`Wohnraumbörse ${stamp}`);
	await expectAccessible();
	const keptMeasure = await markDocument(page);
	await page.locator('summary', { hasText: 'Maßnahme bearbeiten' }).click();
	const editing = page.locator('form[action="?/update"]');
	await editing
		.getByRole('group', { name: 'Dient auch Handlungsfeldern' })
		.getByLabel('Freizeit')
		.check();
	await editing.getByRole('group', { name: 'Leitlinien' }).getByLabel('Beteiligung').check();
	await editing.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByText('Gespeichert.')).toBeFocused();
	await keptMeasure();
	const facts = page.locator('dl.facts');
	await expect(facts).toContainText('Dient auch');
	await expect(facts).toContainText('Freizeit');
	await expect(facts).toContainText('Beteiligung');
	await expect(facts.getByRole('link', { name: `Starterprojekt Wohnen ${stamp}` })).toBeVisible();
	// The form shows what was saved.
	await expect(
		editing.getByRole('group', { name: 'Leitlinien' }).getByLabel('Beteiligung')
	).toBeChecked();
	await expect(editing.locator('input[name="title"]')).toHaveValue(`Wohnraumbörse ${stamp}`);
	await expect(editing.locator('input[name="ownNumber"]')).toHaveValue(`W${stamp}.1`);
	await expectAccessible();

	// The catalogue, filtered by the addressee, then by the project.
	await page.getByRole('link', { name: 'Maßnahmen', exact: true }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Maßnahmen');
	const filters = page.getByRole('form', { name: 'Maßnahmen suchen und filtern' });
	await filters.getByLabel('Adressat').selectOption({ label: `Mieterbeirat ${stamp}` });
	await filters.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/addressee=/);
	await expect(page.getByRole('link', { name: `Wohnraumbörse ${stamp}` })).toBeVisible();
	await expect(
		page.getByRole('link', { name: `Mieterschulung für Geflüchtete ${stamp}` })
	).toHaveCount(0);
	await expectAccessible();
	await filters.getByLabel('Adressat').selectOption({ label: 'Alle' });
	await filters.getByLabel('Projekt').selectOption({ label: `Starterprojekt Wohnen ${stamp}` });
	await filters.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/project=/);
	await expect(
		page.getByRole('link', { name: `Mieterschulung für Geflüchtete ${stamp}` })
	).toBeVisible();
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
	await follow(
		page.getByRole('link', { name: 'Mitglieder aus einer Liste einladen (CSV, Excel)' })
	);
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
