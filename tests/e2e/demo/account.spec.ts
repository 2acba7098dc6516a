import { readFile } from 'node:fs/promises';
import { devices } from '@playwright/test';
import { expect, follow, logIn, test } from '../fixtures';

const phoneSize = {
	viewport: { width: 360, height: 740 },
	locale: 'de-DE',
	userAgent: devices['Pixel 5'].userAgent
};

test('a new member resets a forgotten password through an administrator’s link, sees their sessions, takes their data and deletes their account', async ({
	page,
	browser,
	expectAccessible
}) => {
	test.setTimeout(600_000);
	await logIn(page, expectAccessible, 'admin@landau.example');
	await expectAccessible();
	await page.getByRole('link', { name: 'Stadt Landau in der Pfalz (Demo)' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Stadt Landau in der Pfalz (Demo)'
	);
	await expectAccessible();
	await page.getByRole('link', { name: 'Mitglieder' }).click();
	await expect(page.getByRole('list', { name: /Mitglieder von/ })).toBeVisible();
	const membersPage = page.url();
	await expectAccessible();
	await page.getByLabel('Rolle (Pflichtfeld)').selectOption('moderator');
	await page.getByLabel('Notiz').fill('Fachdienst Migration');
	await page.getByRole('button', { name: 'Einladungslink erstellen' }).click();
	const invitation = await page.getByLabel('Einladungslink').inputValue();
	await expectAccessible();

	// The new member registers; the policy refuses a common password on the field.
	const firstDevice = await browser.newContext(phoneSize);
	const first = await firstDevice.newPage();
	await first.goto(invitation);
	await expectAccessible(first);
	await first.getByLabel('Name (Pflichtfeld)').fill('Fachdienst Migration (Demo)');
	await first.getByLabel('E-Mail-Adresse').fill('migration@landau.example');
	await first.getByLabel('Passwort (Pflichtfeld)').fill('password123');
	await first.getByRole('button', { name: 'Konto anlegen und Einladung annehmen' }).click();
	await expect(first.getByRole('alert')).toHaveText(
		'Bitte korrigieren Sie die markierten Angaben.'
	);
	await expect(
		first.getByText('Dieses Passwort gehört zu den am häufigsten verwendeten')
	).toBeVisible();
	await expect(first.getByLabel('Passwort (Pflichtfeld)')).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(first);
	await first.getByLabel('Passwort (Pflichtfeld)').fill('Sprachkurs-am-Abend');
	await first.getByRole('button', { name: 'Passwort anzeigen' }).click();
	await expect(first.getByLabel('Passwort (Pflichtfeld)')).toHaveAttribute('type', 'text');
	await first.getByRole('button', { name: 'Konto anlegen und Einladung annehmen' }).click();
	await expect(first.getByRole('heading', { level: 1 })).toHaveText(
		'Stadt Landau in der Pfalz (Demo)'
	);
	await expectAccessible(first);

	// Forgotten: without mail, the page says whom to ask.
	const secondDevice = await browser.newContext(phoneSize);
	const second = await secondDevice.newPage();
	await second.goto('/login');
	await expectAccessible(second);
	await second.getByRole('link', { name: 'Passwort vergessen?' }).click();
	await expect(second.getByText('Diese Installation verschickt keine E-Mails.')).toBeVisible();
	await expectAccessible(second);

	// The administrator makes a one-time link for the member.
	await page.goto(membersPage);
	await expectAccessible();
	await page
		.getByRole('button', {
			name: 'Link für neues Passwort: Fachdienst Migration (Demo)'
		})
		.click();
	const resetLink = page.getByLabel('Link für ein neues Passwort', { exact: true });
	await expect(resetLink).toHaveValue(/\/password-reset\/[a-z2-7]+\.[a-z2-7]+$/);
	const link = await resetLink.inputValue();
	await expectAccessible();

	await second.goto(link);
	await expect(second.getByRole('heading', { level: 1 })).toHaveText('Neues Passwort wählen');
	await expectAccessible(second);
	await second.getByLabel('Neues Passwort').fill('migration-landau');
	await second.getByRole('button', { name: 'Passwort speichern' }).click();
	await expect(
		second.getByText('Das Passwort darf Ihren Namen oder Ihre E-Mail-Adresse nicht enthalten.')
	).toBeVisible();
	await expectAccessible(second);
	await second.getByLabel('Neues Passwort').fill('Beratung-im-Rathaus');
	await second.getByRole('button', { name: 'Passwort speichern' }).click();
	await expect(second.getByText('Ihr Passwort wurde geändert.')).toBeVisible();
	await expectAccessible(second);
	await follow(second.getByRole('link', { name: 'Zur Anmeldung' }));
	await expectAccessible(second);
	await logIn(second, expectAccessible, 'migration@landau.example', 'Beratung-im-Rathaus');
	await expectAccessible(second);

	// The reset ended the session on the first device.
	await first.goto('/account');
	await expect(first).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
	await expectAccessible(first);
	await firstDevice.close();

	await second.getByRole('link', { name: 'Mein Konto' }).click();
	await expect(second.getByRole('heading', { name: 'Angemeldete Geräte' })).toBeVisible();
	await expect(second.getByText('Chrome auf Android')).toBeVisible();
	await expect(second.getByText('(dieses Gerät)')).toBeVisible();
	await expectAccessible(second);

	const downloading = second.waitForEvent('download');
	await second.getByRole('link', { name: 'Meine Daten herunterladen' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('mitwirken-konto.json');
	const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
	expect(data.profile.email).toBe('migration@landau.example');
	expect(data.memberships[0].organisation).toBe('Stadt Landau in der Pfalz (Demo)');

	await second.getByLabel('Ihr Passwort zur Bestätigung').fill('Beratung-im-Rathaus');
	await second
		.getByRole('button', { name: 'Konto migration@landau.example endgültig löschen' })
		.click();
	await expect(second.getByRole('heading', { level: 1 })).toHaveText('Konto gelöscht');
	await expectAccessible(second);
	await secondDevice.close();

	await page.goto(membersPage);
	await expect(page.getByRole('list', { name: /Mitglieder von/ })).toBeVisible();
	await expect(page.getByText('Fachdienst Migration (Demo)', { exact: true })).toHaveCount(0);
	await expectAccessible();
});

test('the demo administrator ends an older session, and may not leave the organisation without an administrator', async ({
	page,
	expectAccessible
}) => {
	await logIn(page, expectAccessible, 'admin@landau.example');
	await expectAccessible();
	await page.getByRole('link', { name: 'Mein Konto' }).click();
	await expect(page.getByText('Firefox auf Windows')).toBeVisible();
	await expect(
		page.getByText('Sie sind die einzige Administration von: Stadt Landau in der Pfalz (Demo).')
	).toBeVisible();
	await expect(page.getByRole('button', { name: /endgültig löschen/ })).toHaveCount(0);
	await expectAccessible();
	await page.getByRole('button', { name: /^Abmelden: Firefox auf Windows vom / }).click();
	await expect(page.getByText('Beendete Anmeldungen: 1.')).toBeVisible();
	await expect(page.getByText('Firefox auf Windows')).toHaveCount(0);
	await expectAccessible();
});
