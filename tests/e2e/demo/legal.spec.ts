import { expect, follow, logIn, markDocument, test } from '../fixtures';

const org = 'stadt-landau-in-der-pfalz-demo';

test('every page links the legal pages, which read well at 320 px', async ({
	page,
	expectAccessible
}) => {
	await page.setViewportSize({ width: 320, height: 700 });
	await page.goto('/login');
	await expectAccessible();
	const footer = page.getByRole('navigation', { name: 'Rechtliches' });
	await footer.getByRole('link', { name: 'Impressum' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Impressum');
	await expect(page.getByText('Marktstraße 50')).toBeVisible();
	await expectAccessible();

	await footer.getByRole('link', { name: 'Datenschutz' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Datenschutzerklärung');
	await expect(page.getByRole('heading', { name: 'Ihre Rechte' })).toBeVisible();
	await expect(page.getByText(/Hintere Bleiche 34/)).toBeVisible();
	await expectAccessible();

	await footer.getByRole('link', { name: 'Barrierefreiheit' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Erklärung zur Barrierefreiheit'
	);
	await expect(
		page.getByRole('heading', { name: 'Durchsetzungsverfahren und Schlichtung' })
	).toBeVisible();
	await expectAccessible();
	// Nothing is wider than the phone.
	const fitsThePhone = async () =>
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			320
		);
	await fitsThePhone();

	// The legal pages lead back to the organisation's start page, in German, Leichte Sprache and Arabic.
	await follow(page.getByRole('link', { name: 'Startseite von Stadt Landau in der Pfalz (Demo)' }));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Stadt Landau in der Pfalz (Demo)'
	);
	await expect(page.getByRole('heading', { name: 'So machen Sie mit' })).toBeVisible();
	await expect(page.getByLabel(/Code der Veranstaltung/)).toBeVisible();
	await expect(page.getByRole('link', { name: 'Integrationskonzept 2.0' })).toBeVisible();
	await expect(
		page.getByRole('link', { name: 'Erklärung zur Barrierefreiheit lesen' })
	).toBeVisible();
	await expectAccessible();
	await fitsThePhone();

	await page.locator('details.languages summary').click();
	await page.getByRole('button', { name: 'Leichte Sprache' }).click();
	await expect(page.getByText('Der Plan heißt Integrations·konzept.')).toBeVisible();
	await expectAccessible();
	await fitsThePhone();

	await page.locator('details.languages summary').click();
	await page.getByRole('button', { name: 'العربية' }).click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { name: 'كيف تشاركون' })).toBeVisible();
	await expectAccessible();
	await fitsThePhone();
});

test('an administrator keeps the legal details and texts, with errors named and a confirmation', async ({
	page,
	expectAccessible
}) => {
	await logIn(page, expectAccessible, 'admin@landau.example');
	await expectAccessible();
	await page.goto(`/o/${org}`);
	await expectAccessible();
	await page.getByRole('link', { name: 'Rechtliches', exact: true }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Impressum, Datenschutz und Barrierefreiheit'
	);
	await expectAccessible();

	const email = page.getByLabel('E-Mail-Adresse für Anfragen');
	await email.fill('keine-adresse');
	await page.getByRole('button', { name: 'Angaben speichern' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie diese Angaben:' });
	await expect(summary).toBeVisible();
	await expect(email).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible();
	await summary.getByRole('link', { name: /E-Mail-Adresse für Anfragen/ }).click();
	await expect(page).toHaveURL(/#field-email$/);

	await email.fill('integration@landau.example');
	const sameDocument = await markDocument(page);
	await page.getByRole('button', { name: 'Angaben speichern' }).click();
	await expect(page.getByText('Gespeichert.')).toBeVisible();
	await sameDocument();
	await expectAccessible();

	const imprint = page.getByLabel('Text der Seite „Impressum“');
	await imprint.fill('## Anbieter\nStadt Landau in der Pfalz (Demo)\n\n<b>fett?</b>');
	await page.getByRole('button', { name: 'Text „Impressum“ speichern' }).click();
	await expect(page.getByText('Gespeichert.')).toBeVisible();
	const section = page.getByRole('region', { name: 'Impressum' });
	await expect(section.getByText('Diese Seite zeigt Ihren eigenen Text.')).toBeVisible();
	await expectAccessible();

	await section.getByRole('button', { name: 'Vorlage für „Impressum“ wiederherstellen' }).click();
	const confirm = page.getByRole('alert').filter({ hasText: 'wird gelöscht' });
	await expect(confirm).toContainText('Ihr eigener Text der Seite „Impressum“ wird gelöscht.');
	await expectAccessible();
	await confirm.getByRole('button', { name: 'Eigenen Text löschen' }).click();
	await expect(
		page.getByRole('region', { name: 'Impressum' }).getByText(/Diese Seite zeigt die Vorlage/)
	).toBeVisible();
	await sameDocument();
	await expectAccessible();
});

test('the phone says what is stored, by whom and how long, before joining', async ({
	page,
	browser,
	expectAccessible
}) => {
	await logIn(page, expectAccessible, 'moderation@landau.example');
	await expectAccessible();
	await page.goto(`/o/${org}/p/integrationskonzept-2-0/events`);
	await expectAccessible();
	await page.getByRole('link', { name: 'Fachkonferenz Sprache und Bildung' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Fachkonferenz Sprache und Bildung'
	);
	await expectAccessible();
	await page.getByRole('link', { name: 'Live-Workshop moderieren' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Live-Workshop');
	await expectAccessible();
	const code = (await page.locator('.code').textContent())!.trim();

	const context = await browser.newContext({
		viewport: { width: 320, height: 640 },
		locale: 'en-US',
		baseURL: test.info().project.use.baseURL
	});
	const phone = await context.newPage();
	await phone.goto(`/${code}`);
	const notice = phone.getByRole('region', { name: 'Your data' });
	await expect(notice).toContainText('We store your ideas and your dots.');
	await expect(notice).toContainText('There is no tracking.');
	await expect(notice).toContainText('Responsible for the data: Stadt Landau in der Pfalz (Demo).');
	await expect(notice).toContainText('30 days after the event');
	await expect(
		phone.getByRole('navigation', { name: 'Legal' }).getByRole('link', { name: 'Privacy' })
	).toBeVisible();
	await expectAccessible(phone);
	await notice.getByRole('link', { name: 'More in the privacy notice' }).click();
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText(
		'Privacy notice (Datenschutzerklärung)'
	);
	await expectAccessible(phone);
	await context.close();
});
