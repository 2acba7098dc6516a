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

test('the catalogue sorts and pages, a measure is led by a body and an organisation, the review searches, and a version gets its Stand without a page load', async ({
	page,
	expectAccessible
}) => {
	test.setTimeout(300_000);
	const stamp = Date.now();
	await logIn(page, expectAccessible, 'admin@landau.example');
	await expectAccessible();

	// A new measure led by the steering group together with the Jobcenter, from the list.
	await page.goto(`${process}/measures/new`);
	await expectAccessible();
	await page.getByLabel('Handlungsfeld (Pflichtfeld)').selectOption({ index: 1 });
	await page.getByLabel('Titel (Pflichtfeld)').fill(`Jobmesse ${stamp}`);
	await page
		.getByLabel('Federführendes Gremium')
		.selectOption({ label: 'Prozesssteuerungsgruppe' });
	await page.getByLabel('Federführende Organisation').selectOption({ label: 'Jobcenter' });
	// Picked and typed at once is refused with a message at the field.
	await page.getByLabel('Andere Organisation').fill('Sozialamt');
	await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
	await expect(
		page.getByText(
			'Bitte wählen Sie eine Organisation aus der Liste oder tragen Sie eine andere ein, nicht beides.'
		)
	).toBeVisible();
	await expectAccessible();
	await page.getByLabel('Andere Organisation').fill('');
	await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`Jobmesse ${stamp}`);
	await expect(page.locator('dl.facts')).toContainText('Prozesssteuerungsgruppe – Jobcenter');
	await expectAccessible();

	// The catalogue filtered by that lead, then sorted by title and paged: the URL keeps it all.
	await page.goto(`${process}/measures`);
	const filters = page.getByRole('form', { name: 'Maßnahmen suchen und filtern' });
	await filters.getByLabel('Federführung').selectOption({ label: 'Jobcenter' });
	await filters.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/lead=jobcenter/);
	await expect(page.getByRole('link', { name: `Jobmesse ${stamp}` })).toBeVisible();
	await expectAccessible();
	await filters.getByLabel('Federführung').selectOption({ label: 'Alle' });
	await filters.getByLabel('Sortieren nach').selectOption({ label: 'Titel' });
	await filters.getByLabel('Einträge je Seite').selectOption('25');
	await filters.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/sort=title/);
	const firstPage = page.getByRole('table', { name: /^Maßnahmen, Seite 1 von [2-9]/ });
	await expect(firstPage).toBeVisible();
	const titlesOf = (table: typeof firstPage) =>
		table.locator('tbody tr a[href*="/measures/"]').allTextContents();
	// SQLite's NOCASE folds only A–Z.
	const key = (title: string) => title.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
	const first = (await titlesOf(firstPage)).map(key);
	expect(first).toHaveLength(25);
	expect(first).toEqual([...first].sort());
	await expectAccessible();
	await follow(
		page.getByRole('navigation', { name: 'Seiten' }).getByRole('link', { name: 'Seite 2' })
	);
	await expect(page).toHaveURL(/sort=title/);
	const secondPage = page.getByRole('table', { name: /^Maßnahmen, Seite 2 von/ });
	await expect(secondPage).toBeVisible();
	const second = (await titlesOf(secondPage)).map(key);
	expect(second.length).toBeGreaterThan(0);
	expect(second).toEqual([...second].sort());
	expect(second[0]! >= first.at(-1)!).toBe(true);
	await expectAccessible();

	// The review dashboard searches its results.
	await page.goto(`${process}/review`);
	await expectAccessible();
	const review = page.getByRole('form', { name: 'Ergebnisse suchen und filtern' });
	await review.getByLabel('Suchen').fill('Anerkennung');
	await review.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/q=Anerkennung/);
	const results = page.getByRole('table', { name: /^Workshop-Ergebnisse, Seite 1 von 1/ });
	await expect(results).toContainText('Anerkennung');
	await expect(results).not.toContainText('Sprache im Beruf');
	await expectAccessible();

	// On the concept page every form answers without a page load: a version, its Stand, a
	// comment and its resolution.
	await page.goto(`${process}/concept`);
	await expectAccessible();
	const kept = await markDocument(page);
	await page.locator('summary', { hasText: 'Als neue Fassung speichern' }).click();
	await page.getByLabel('Anlass der Fassung').fill(`Stand-Probe ${stamp}`);
	await page.getByRole('button', { name: 'Als neue Fassung speichern' }).click();
	await expect(page.getByText(/^Fassung \d+ gespeichert\.$/)).toBeFocused();
	const card = page.locator('li.card', { hasText: `Stand-Probe ${stamp}` });
	const year = new Date().getFullYear();
	await card.locator('summary', { hasText: 'Stand ändern' }).click();
	await card.getByLabel(/^Stand/).fill(`${year}-03-01`);
	await card.getByRole('button', { name: 'Stand ändern' }).click();
	await expect(page.getByText('Stand gespeichert.')).toBeFocused();
	await expect(card).toContainText(`Stand: 01.03.${year}`);
	await expectAccessible();
	await page.getByLabel('Kommentar zu').selectOption({ index: 0 });
	await page.getByLabel('Ihr Kommentar').fill(`Bitte die Zahlen prüfen ${stamp}`);
	await page.getByRole('button', { name: 'Kommentar abgeben' }).click();
	await expect(page.getByText('Ihr Kommentar ist gespeichert.')).toBeFocused();
	await expect(page.getByLabel('Ihr Kommentar')).toHaveValue('');
	const comment = page.locator('li.card', { hasText: `Bitte die Zahlen prüfen ${stamp}` });
	await comment.getByRole('button', { name: /^Als erledigt markieren/ }).click();
	await expect(page.getByText('Der Kommentar ist erledigt.')).toBeFocused();
	await expect(comment).toHaveCount(0);
	await kept();
	await expectAccessible();
});
