import { expect, follow, logIn, test } from '../fixtures';

const publicPath = '/beteiligung/stadt-landau-in-der-pfalz-demo/integrationskonzept-2-0';

test('a visitor reads the results in Arabic and English and comments; staff answer', async ({
	page,
	browser,
	expectAccessible
}) => {
	test.setTimeout(240_000);
	const visitorContext = await browser.newContext({
		viewport: { width: 320, height: 740 },
		locale: 'de-DE'
	});
	const visitor = await visitorContext.newPage();
	await visitor.goto(publicPath);
	await expectAccessible(visitor);

	// Arabic: right to left, the staff's texts as they wrote them.
	await visitor.locator('details.languages summary').click();
	await visitor.getByRole('button', { name: 'العربية' }).click();
	await expect(visitor.locator('html')).toHaveAttribute('dir', 'rtl');
	const results = visitor.getByRole('region', { name: 'نتائج ورش العمل العامة' });
	await expect(
		results.getByText('Sportvereine öffnen Probetrainings für Neuzugewanderte')
	).toBeVisible();
	await expectAccessible(visitor);

	// English, then a comment on a measure.
	await visitor.locator('details.languages summary').click();
	await visitor.getByRole('button', { name: 'English' }).click();
	await expect(visitor.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect(
		visitor.getByRole('heading', { name: 'Results of the public workshops' })
	).toBeVisible();
	await expectAccessible(visitor);
	await visitor.locator('summary', { hasText: '4 Freizeit' }).click();
	await visitor.getByRole('link', { name: /^Comment on measure IK 4\.1$/ }).click();
	await expect(visitor.getByLabel('What would you like to comment on?')).toHaveValue(/^measure:/);
	await visitor.getByLabel('Your comment (required)').fill('Bitte auch in den Ferien anbieten.');
	await visitor.getByLabel('Your name (optional)').fill('Elternbeirat Kita Horst');
	await visitor.getByRole('button', { name: 'Send comment' }).click();
	await expect(
		visitor.getByText('Thank you! Your comment will appear once it has been reviewed.')
	).toBeVisible();
	await expectAccessible(visitor);

	// Staff publish it and answer.
	await logIn(page, expectAccessible, 'integration@landau.example');
	await expectAccessible();
	await page.goto('/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0');
	await expectAccessible();
	await follow(page.getByRole('link', { name: 'Öffentliche Kommentare' }));
	await expectAccessible();
	const held = page.getByRole('listitem').filter({ hasText: 'Bitte auch in den Ferien anbieten.' });
	await held.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(page.getByText('Kommentar veröffentlicht.')).toBeVisible();
	const published = page
		.getByRole('listitem')
		.filter({ hasText: 'Bitte auch in den Ferien anbieten.' });
	await published.getByLabel('Ergebnis').selectOption('adopted');
	await published
		.getByLabel('Antwort mit Begründung')
		.fill('Die Probetrainings laufen auch in den Ferien.');
	await published.getByRole('button', { name: 'Antwort speichern' }).click();
	await expect(page.getByText('Antwort gespeichert.')).toBeVisible();
	await expectAccessible();

	// The visitor sees the answer.
	await visitor.goto(publicPath);
	await visitor.locator('summary', { hasText: '4 Freizeit' }).click();
	const thread = visitor
		.locator('li.comment')
		.filter({ hasText: 'Bitte auch in den Ferien anbieten.' });
	await expect(thread.getByText('Answer: adopted')).toBeVisible();
	await expect(thread.getByText('Die Probetrainings laufen auch in den Ferien.')).toBeVisible();
	await expectAccessible(visitor);
	await visitorContext.close();
});

test('a visitor finds the adopted concept of 2011 from the start page: the decision and each measure’s status', async ({
	page,
	expectAccessible
}) => {
	await page.setViewportSize({ width: 320, height: 740 });
	await page.goto('/');
	await expectAccessible();
	await follow(page.getByRole('link', { name: 'Integrationskonzept 2011' }));
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Integrationskonzept 2011');
	const adopted = page.getByRole('region', { name: 'Das beschlossene Konzept' });
	await expect(adopted.getByText('Beschlossen von Stadtrat am 24.05.2011.')).toBeVisible();
	await expectAccessible();
	await adopted.locator('summary', { hasText: '1 Sprache und Bildung' }).click();
	const measure = (title: string) =>
		adopted.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
	for (const title of ['Sprachkurse mit Kinderbetreuung', 'Elterncafés an Grundschulen']) {
		await expect(measure(title).locator('.status')).toHaveText('Beschlossen');
	}
	await expect(measure('Sprachkurse mit Kinderbetreuung')).toContainText('Volkshochschule');
	await adopted.locator('summary', { hasText: '2 Arbeit und Ausbildung' }).click();
	await expect(measure('Anerkennungsberatung im Bürgerbüro').locator('.status')).toHaveText(
		'Beschlossen'
	);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await expectAccessible();
});

test('the steering group reads the public comments beside the draft, closed until opened', async ({
	page,
	expectAccessible
}) => {
	await page.setViewportSize({ width: 320, height: 740 });
	await logIn(page, expectAccessible, 'steuerung@landau.example');
	await expectAccessible();
	await page.goto('/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0/concept');
	await expectAccessible();
	const beside = page.getByRole('region', { name: 'Öffentliche Kommentare zum Entwurf' });
	const comment = beside
		.getByRole('listitem')
		.filter({ hasText: 'Bitte auch Angebote nur für Frauen, mit Trainerinnen.' });
	await expect(comment).toBeHidden();
	await beside.locator('summary', { hasText: 'Offene Probetrainings in Sportvereinen' }).click();
	await expect(comment).toBeVisible();
	await expect(comment).toContainText('Turnverein Queichheim');
	await expect(comment).toContainText('Antwort: übernommen');
	await expect(comment).toContainText(
		'Wird aufgenommen: Die Maßnahme nennt nun ausdrücklich Angebote für Frauen und Mädchen.'
	);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await expectAccessible();
});
