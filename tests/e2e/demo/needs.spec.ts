import { expect, follow, logIn, test } from '../fixtures';

const processPath = '/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0';

test('staff build a needs analysis, a phone answers it in Arabic at 320 px, staff see the result', async ({
	page,
	browser,
	expectAccessible
}) => {
	test.setTimeout(240_000);
	await logIn(page, expectAccessible, 'integration@landau.example');
	await expectAccessible();
	await page.goto(`${processPath}/bedarfsanalyse`);
	await expectAccessible();

	// A questionnaire with one translated single-choice question.
	await page.getByLabel('Titel des Fragebogens').fill('Kurze Umfrage zum Start');
	await page.getByRole('button', { name: 'Fragebogen anlegen' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Kurze Umfrage zum Start' })
	).toBeVisible();
	await expectAccessible();
	const newQuestion = page.getByRole('region', { name: 'Frage hinzufügen' });
	await newQuestion.getByLabel('Frage (Deutsch)').fill('Welche Angebote nutzen Sie schon?');
	await newQuestion.getByText('Übersetzungen (0 von 7)').click();
	await newQuestion.getByLabel('العربية').fill('ما العروض التي تستخدمها بالفعل؟');
	await newQuestion.getByRole('button', { name: 'Frage hinzufügen' }).click();
	await expect(
		page.getByRole('heading', { level: 3, name: /Welche Angebote nutzen Sie schon\?/ })
	).toBeVisible();
	for (const option of ['Sprachkurs', 'Beratung']) {
		await page
			.getByLabel('Neue Antwortmöglichkeit zu „Welche Angebote nutzen Sie schon?“')
			.fill(option);
		await page.getByRole('button', { name: 'Antwortmöglichkeit hinzufügen' }).click();
		await expect(page.locator('ol.options summary', { hasText: option })).toBeVisible();
	}
	await expectAccessible();
	await page.getByRole('button', { name: 'Fragebogen öffnen' }).click();
	await expect(page.getByText('Der Fragebogen ist geöffnet.')).toBeVisible();
	await expectAccessible();
	const code = (await page.locator('code').nth(1).textContent())!.trim();
	expect(code).toMatch(/^[A-Z2-9]{6}$/);

	// A phone at 320 px, in Arabic: right to left, the question as translated.
	const phoneContext = await browser.newContext({
		viewport: { width: 320, height: 740 },
		locale: 'ar'
	});
	const phone = await phoneContext.newPage();
	await phone.goto(`/umfrage/${code}`);
	await expect(phone.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(phone.getByText('ما العروض التي تستخدمها بالفعل؟')).toBeVisible();
	await expectAccessible(phone);
	await phone.locator('input[name="category"][value="individual"]').check();
	await phone.getByRole('radio', { name: 'Sprachkurs' }).check();
	await phone.getByRole('button', { name: 'إرسال الإجابات' }).click();
	await expect(phone.getByText('شكراً لإجاباتك!')).toBeVisible();
	await expectAccessible(phone);
	const overflow = await phone.evaluate(
		() => document.documentElement.scrollWidth > document.documentElement.clientWidth
	);
	expect(overflow).toBe(false);
	await phoneContext.close();

	// Staff see the answer as a chart and as a table.
	await page.reload();
	await follow(page.getByRole('link', { name: 'Ergebnisse', exact: true }));
	await expectAccessible();
	await expect(page.locator('figure.chart')).toBeVisible();
	const table = page.getByRole('table', { name: /Welche Angebote nutzen Sie schon\?/ });
	await expect(table.getByRole('row', { name: /Sprachkurs/ })).toContainText('1 (100 %)');
	await expect(table.getByRole('row', { name: /Beratung/ })).toContainText('0 (0 %)');
});
