import { expect, test } from './fixtures';

// Runs once per language project (German and English), each against a server with an empty database.
test('first-run set-up, then logout and login again, on a phone', async ({
	page,
	expectAccessible
}) => {
	const english = test.info().project.name.endsWith('-en');
	const text = english
		? {
				setup: 'Set up Mitwirken',
				orgName: 'Name of the organisation',
				kind: 'Kind of organisation',
				county: 'County (Landkreis)',
				name: 'Name',
				required: 'required',
				email: 'Email address',
				password: 'Password',
				submit: 'Set up and log in',
				logout: 'Log out',
				login: 'Log in',
				fixErrors: 'Please correct the marked fields.',
				tooShort: 'Please enter at least 10 characters.',
				wrong: 'The email address or password is not correct.',
				members: 'Members'
			}
		: {
				setup: 'Mitwirken einrichten',
				orgName: 'Name der Organisation',
				kind: 'Art der Organisation',
				county: 'Landkreis',
				name: 'Name',
				required: 'Pflichtfeld',
				email: 'E-Mail-Adresse',
				password: 'Passwort',
				submit: 'Einrichten und anmelden',
				logout: 'Abmelden',
				login: 'Anmelden',
				fixErrors: 'Bitte korrigieren Sie die markierten Angaben.',
				tooShort: 'Bitte geben Sie mindestens 10 Zeichen ein.',
				wrong: 'E-Mail-Adresse oder Passwort stimmen nicht.',
				members: 'Mitglieder'
			};
	const email = english ? 'integration@konstanz.example' : 'integration@loerrach.example';
	const organisation = english ? 'Landkreis Konstanz' : 'Landkreis Lörrach';

	await page.goto('/');
	await expect(page).toHaveURL(/\/setup$/);
	await expect(page.locator('html')).toHaveAttribute('lang', english ? 'en' : 'de');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.setup);
	await expectAccessible();

	await page.getByLabel(new RegExp(`^${text.orgName}`)).fill(organisation);
	await page.getByLabel(text.kind).selectOption({ label: text.county });
	await page.getByLabel(`${text.name} (${text.required})`).fill('Integrationsbeauftragte');
	await page.getByLabel(text.email).fill(email);
	await page.getByLabel(text.password).fill('kurz');
	await page.getByRole('button', { name: text.submit }).click();
	await expect(page.getByRole('alert')).toHaveText(text.fixErrors);
	await expect(page.getByText(text.tooShort)).toBeVisible();
	await expect(page.getByLabel(text.password)).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible();

	await page.getByLabel(text.password).fill('ein-sicheres-passwort');
	await page.getByRole('button', { name: text.submit }).click();
	await expect(page).toHaveURL(/\/o\/landkreis-/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(organisation);
	await expect(page.getByRole('link', { name: text.members })).toBeVisible();
	await expectAccessible();

	await page.getByRole('button', { name: text.logout }).click();
	await expect(page).toHaveURL(/\/login$/);
	await expectAccessible();

	await page.getByLabel(text.email).fill(email);
	await page.getByLabel(text.password).fill('falsches-passwort');
	await page.getByRole('button', { name: text.login, exact: true }).last().click();
	await expect(page.getByRole('alert')).toHaveText(text.wrong);
	await expectAccessible();

	await page.getByLabel(text.password).fill('ein-sicheres-passwort');
	await page.getByRole('main').getByRole('button', { name: text.login }).click();
	await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(text.login);
	await expectAccessible();

	const setupAgain = await page.goto('/setup');
	expect(setupAgain?.status()).toBe(404);
	await expectAccessible();
});
