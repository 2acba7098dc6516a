import { expect, follow, logIn, test } from '../fixtures';

const process = '/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0';

test('an event with recorded attendance is archived after a named confirmation, and restored', async ({
	page,
	expectAccessible
}) => {
	test.setTimeout(300_000);
	const title = `Infoabend Wohnen ${Date.now()}`;
	await logIn(page, expectAccessible, 'admin@landau.example');
	await expectAccessible();
	await page.goto(`${process}/events`);
	await expectAccessible();
	const newEvent = page.locator('form[action="?/create"]');
	await newEvent.getByLabel('Titel (Pflichtfeld)').fill(title);
	await newEvent.getByLabel('Beginn (Pflichtfeld)').fill('2026-02-10T18:00');
	await newEvent.getByLabel('Ende (Pflichtfeld)').fill('2026-02-10T20:00');
	await newEvent.getByRole('button', { name: 'Veranstaltung anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await page.locator('#guest-name').fill('Wohnungsbaugesellschaft');
	await page.getByRole('button', { name: 'Gast hinzufügen' }).click();
	await expect(page.getByText('Wohnungsbaugesellschaft')).toBeVisible();
	await expectAccessible();

	await page.getByRole('button', { name: 'Veranstaltung löschen' }).click();
	const question = page.getByRole('heading', { name: `Veranstaltung „${title}“ löschen?` });
	await expect(question).toBeFocused();
	await expect(page.getByText('Eingetragene Teilnehmende: 1')).toBeVisible();
	await expect(page.getByText(/wird nichts gelöscht, sondern archiviert/)).toBeVisible();
	await expectAccessible();
	await page.getByRole('button', { name: 'Ja, archivieren' }).click();
	await expect(page.getByText(`„${title}“ ist archiviert.`)).toBeVisible();
	await expect(page.getByText(/^Archiviert am/)).toBeVisible();
	await expectAccessible();

	await page.getByRole('link', { name: 'Termine' }).click();
	await expect(page.getByRole('link', { name: title })).toHaveCount(0);
	await page.getByRole('link', { name: 'Archivierte anzeigen' }).click();
	await expect(page.getByRole('heading', { name: 'Archivierte Veranstaltungen' })).toBeVisible();
	await expectAccessible();
	await page.getByRole('link', { name: title }).click();
	await page.getByRole('button', { name: `„${title}“ wiederherstellen` }).click();
	await expect(page.getByText('Wiederhergestellt.')).toBeVisible();
	await expectAccessible();
	await page.getByRole('link', { name: 'Termine' }).click();
	await expect(page.getByRole('link', { name: title })).toBeVisible();
	await expectAccessible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	// axe needs JavaScript in the page; the same server-rendered pages are checked above.
	test('deleting an empty event asks first, and cancelling keeps it', async ({ page }) => {
		test.setTimeout(300_000);
		const title = `Vorgespräch ${Date.now()}`;
		await page.goto('/login');
		await page.getByLabel('E-Mail-Adresse').fill('moderation@landau.example');
		await page.getByLabel('Passwort').fill('mitwirken-demo');
		await page.getByRole('main').getByRole('button', { name: 'Anmelden' }).click();
		await expect(page.getByRole('heading', { name: 'Ihre Organisationen' })).toBeVisible();
		await page.goto(`${process}/events`);
		const newEvent = page.locator('form[action="?/create"]');
		await newEvent.getByLabel('Titel (Pflichtfeld)').fill(title);
		await newEvent.getByLabel('Beginn (Pflichtfeld)').fill('2026-02-11T18:00');
		await newEvent.getByLabel('Ende (Pflichtfeld)').fill('2026-02-11T19:00');
		await newEvent.getByRole('button', { name: 'Veranstaltung anlegen' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

		await page.getByRole('button', { name: 'Veranstaltung löschen' }).click();
		await expect(
			page.getByRole('heading', { name: `Veranstaltung „${title}“ löschen?` })
		).toBeVisible();
		await expect(page.getByText('Nichts sonst hängt davon ab.')).toBeVisible();
		await page.getByRole('link', { name: 'Abbrechen' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

		await page.getByRole('button', { name: 'Veranstaltung löschen' }).click();
		await page.getByRole('button', { name: 'Ja, löschen' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Veranstaltungen und Sitzungen'
		);
		await expect(page.getByRole('link', { name: title })).toHaveCount(0);
	});
});

test('approved minutes show their revisions with the reason, and the earlier one stays readable', async ({
	page,
	expectAccessible
}) => {
	test.setTimeout(300_000);
	await logIn(page, expectAccessible, 'steuerung@landau.example');
	await expectAccessible();
	await page.goto(`${process}/events`);
	await expectAccessible();
	await follow(page.getByRole('link', { name: 'Sitzung der Prozesssteuerungsgruppe' }));
	await expectAccessible();
	await page.getByRole('link', { name: 'Protokoll', exact: true }).click();
	await expect(page.getByText('Fassung 2', { exact: true }).first()).toBeVisible();
	await expect(
		page.getByText(/Grund: Die Vertretung der Migrantenorganisation fehlte/).first()
	).toBeVisible();
	await expectAccessible();
	await page.getByRole('link', { name: 'Fassung 1 ansehen' }).click();
	await expect(page.getByText('Sie sehen die frühere Fassung 1.')).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Migrantenorganisation' })).toHaveCount(0);
	await expectAccessible();
});

test('a corrected status entry stays visible, struck through, with its reason', async ({
	page,
	expectAccessible
}) => {
	test.setTimeout(300_000);
	await logIn(page, expectAccessible, 'integration@landau.example');
	await expectAccessible();
	await page.goto(`${process}/measures`);
	await expectAccessible();
	await page.getByRole('link', { name: /Wohnraumbörse für Geflüchtete fortführen/ }).click();
	await expect(page.locator('del')).toContainText('60 Wohnungen vermittelt');
	await expect(
		page.getByText(/Berichtigt am .*: Zahl der Wohnungen falsch übertragen\./)
	).toBeVisible();
	await expect(page.getByText('16 Wohnungen vermittelt')).toBeVisible();
	await expectAccessible();
});

test('the catalogue filters, searches and moves a measure with the keyboard in one step', async ({
	page,
	expectAccessible
}) => {
	test.setTimeout(300_000);
	const title = `Mietschuldenberatung ${Date.now()}`;
	await logIn(page, expectAccessible, 'integration@landau.example');
	await expectAccessible();
	await page.goto(`${process}/measures/new`);
	await expectAccessible();
	await page.getByLabel('Handlungsfeld (Pflichtfeld)').selectOption({ label: '3 Wohnen' });
	await page.getByLabel('Titel (Pflichtfeld)').fill(title);
	await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(`: ${title}$`));
	await expectAccessible();

	await page.goto(`${process}/measures`);
	await expectAccessible();
	const filters = page.getByRole('form', { name: 'Maßnahmen suchen und filtern' });
	await filters.getByLabel('Handlungsfeld').selectOption({ label: '3 Wohnen' });
	await filters.getByLabel('Suchen').fill('wohnraumborse');
	await filters.getByLabel('Suchen').press('Enter');
	await expect(page).toHaveURL(/[?&]q=wohnraumborse/);
	await expect(page).toHaveURL(/[?&]field=\d+/);
	const table = page.getByRole('table', { name: /^Maßnahmen, Seite 1 von 1/ });
	await expect(table.getByRole('row')).toHaveCount(2);
	await expect(table).toContainText('Wohnraumbörse für Geflüchtete fortführen');
	await expect(page.getByRole('status').filter({ hasText: 'Gefunden: 1' })).toBeVisible();
	await expectAccessible();

	await filters.getByLabel('Suchen').fill('');
	await filters.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).not.toHaveURL(/q=wohnraum/);
	const rows = table.getByRole('row');
	await expect(rows.last()).toContainText(title);
	// Keyboard only: to the new measure's place field, type 1, Enter.
	const place = page.getByLabel(new RegExp(`^Neue Position für 3\\.\\d+ ${title}`));
	await place.focus();
	await place.press('Control+a');
	await page.keyboard.type('1');
	await page.keyboard.press('Enter');
	await expect(
		page.getByText(`„3.1 ${title}“ steht jetzt an Position 1 im Handlungsfeld.`)
	).toBeVisible();
	// The field's own measures, below the demo's measure of field 2 that also serves field 3.
	const own = rows.filter({ has: page.getByRole('cell', { name: /^3\.\d+$/ }) });
	await expect(own.nth(0)).toContainText(title);
	await expect(own.nth(0).getByRole('cell').first()).toHaveText('3.1');
	await expect(own.nth(1)).toContainText('3.2');
	await expect(own.nth(1)).toContainText('Wohnraumbörse für Geflüchtete fortführen');
	await expect(
		page.getByLabel(new RegExp(`^Neue Position für 3\\.1 ${title} \\(1 bis \\d+\\)$`))
	).toBeFocused();
	await expectAccessible();
});
