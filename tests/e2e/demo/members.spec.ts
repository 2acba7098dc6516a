import { expect, logIn, test } from '../fixtures';

test('an administrator invites a moderator, who accepts the link once', async ({
	page,
	browser,
	expectAccessible
}) => {
	await logIn(page, expectAccessible, 'admin@landau.example');
	await expectAccessible();

	await page.getByRole('link', { name: 'Stadt Landau in der Pfalz (Demo)' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Stadt Landau in der Pfalz (Demo)'
	);
	await expectAccessible();

	await page.getByRole('link', { name: 'Mitglieder' }).click();
	await expect(page.getByRole('list', { name: /Mitglieder von/ })).toBeVisible();
	await expectAccessible();

	await page.getByLabel('Rolle (Pflichtfeld)').selectOption('moderator');
	await page.getByLabel('Notiz').fill('Moderation Fachkonferenz Wohnen');
	await page.getByRole('button', { name: 'Einladungslink erstellen' }).click();
	const linkField = page.getByLabel('Einladungslink');
	await expect(linkField).toHaveValue(/\/invite\/[a-z2-7]+\.[a-z2-7]+$/);
	const link = await linkField.inputValue();
	await expectAccessible();

	const invitee = await browser.newContext({
		viewport: { width: 360, height: 740 },
		locale: 'en-US'
	});
	const phone = await invitee.newPage();
	await phone.goto(link);
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText(
		'Invitation to Stadt Landau in der Pfalz (Demo)'
	);
	await expectAccessible(phone);
	await phone.getByLabel('Name (required)').fill('Moderatorin Wohnen');
	await phone.getByLabel('Email address').fill('wohnen@landau.example');
	await phone.getByLabel('Password').fill('ein-langes-passwort');
	await phone.getByRole('button', { name: 'Create account and accept invitation' }).click();
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText(
		'Stadt Landau in der Pfalz (Demo)'
	);
	await expect(phone.getByText('Your role: Moderator')).toBeVisible();
	await expectAccessible(phone);

	await phone.goto(link);
	await expect(phone.getByText('This invitation has already been accepted.')).toBeVisible();
	await expectAccessible(phone);
	await invitee.close();

	await page.reload();
	await expect(
		page
			.getByRole('list', { name: /Mitglieder von/ })
			.getByText('Moderatorin Wohnen', { exact: true })
	).toBeVisible();
	await expectAccessible();
});

test('the language switch is a plain form post that keeps the page', async ({
	browser,
	expectAccessible
}) => {
	const context = await browser.newContext({
		viewport: { width: 360, height: 740 },
		locale: 'de-DE'
	});
	const page = await context.newPage();
	await page.goto('/login');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmelden');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expectAccessible(page);
	await context.close();
});
