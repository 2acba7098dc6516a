import { expect, follow, logIn, test } from '../fixtures';

test('a version goes through Sozialausschuss, Kreisausschuss and Kreistag, and the adoption reaches process and measures', async ({
	page,
	expectAccessible
}) => {
	test.setTimeout(240_000);
	await page.setViewportSize({ width: 320, height: 740 });
	await logIn(page, expectAccessible, 'integration@landau.example');
	await expectAccessible();
	// A proposed measure for the council to adopt.
	const title = 'Sprachpatenschaften für Neuzugewanderte';
	await page.goto('/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0/measures/new');
	await expectAccessible();
	await page.getByLabel('Handlungsfeld (Pflichtfeld)').selectOption({ index: 1 });
	await page.getByLabel('Titel (Pflichtfeld)').fill(title);
	await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
	await expectAccessible();
	await page.goto('/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0/concept');
	await expectAccessible();
	// The demo already has a version, so the form starts closed.
	await page.locator('summary', { hasText: 'Als neue Fassung speichern' }).click();
	await page.getByLabel('Anlass der Fassung').fill('Beschlussvorlage für den Kreistag');
	await page.getByRole('button', { name: 'Als neue Fassung speichern' }).click();
	const saved = page.getByText(/^Fassung \d+ gespeichert\.$/);
	await expect(saved).toBeVisible();
	const version = (await saved.textContent())!.match(/\d+/)![0];
	await follow(page.getByRole('link', { name: `Beratungsfolge der Fassung ${version}` }));
	await expectAccessible();

	const addStep = page.getByRole('region', { name: 'Beratungsschritt hinzufügen' });
	const steps = [
		['Sozialausschuss', '2025-10-06', 'empfohlen'],
		['Kreisausschuss', '2025-10-20', 'empfohlen'],
		['Kreistag', '2025-11-20', 'beschlossen']
	] as const;
	for (const [body, day, result] of steps) {
		await addStep.getByLabel('Name des Gremiums, wenn es nicht in der Liste steht').fill(body);
		await addStep.getByLabel('Sitzungstag').fill(day);
		await addStep.getByLabel('Drucksache').fill('2025/117');
		await addStep.getByLabel('Ergebnis').selectOption({ label: result });
		if (result === 'beschlossen') {
			await addStep.getByLabel('Ja-Stimmen').fill('30');
			await addStep.getByLabel('Nein-Stimmen').fill('5');
			await addStep.getByLabel('Enthaltungen').fill('2');
			await addStep.getByLabel('Abschließender Beschluss (Beschlussfassung)').check();
		}
		await addStep.getByRole('button', { name: 'Beratungsschritt hinzufügen' }).click();
		await expect(page.getByRole('rowheader', { name: body })).toBeVisible();
	}
	await expect(page.getByText('Die Fassung ist beschlossen')).toBeVisible();
	await expect(page.getByRole('row', { name: /Kreistag/ })).toContainText(
		'30 Ja, 5 Nein, 2 Enthaltungen'
	);
	await expect(page.getByRole('row', { name: /Kreisausschuss/ })).toContainText('empfohlen');
	await expect(addStep).toHaveCount(0);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await expectAccessible();

	await page.getByRole('link', { name: 'Konzeptentwurf' }).click();
	await expect(page.getByText('beschlossen von Kreistag am 20.11.2025')).toBeVisible();
	await expectAccessible();
	await page.goto('/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0');
	await expect(page.locator('p.status strong')).toHaveText('Beschlossen');
	await expectAccessible();
	await page.goto('/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0/monitoring');
	await expect(page.getByRole('row', { name: new RegExp(title) })).toContainText('Beschlossen');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await expectAccessible();
});

test('monitoring of the concept of 2011 shows its starter measure and the overdue reporting duty', async ({
	page,
	expectAccessible
}) => {
	await page.setViewportSize({ width: 320, height: 740 });
	await logIn(page, expectAccessible, 'steuerung@landau.example');
	await expectAccessible();
	await page.goto('/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2011/monitoring');
	// Due a year after the decision, and no Sachstandsbericht was written for the time since.
	await expect(
		page.getByText(
			'Die Berichtspflicht aus dem Beschluss ist überfällig: Der Bericht über die Umsetzung war am 24.05.2012 fällig'
		)
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Sachstandsbericht schreiben' })).toHaveAttribute(
		'href',
		/monitoring\/bericht\?from=2011-05-24$/
	);
	await expect(page.getByRole('row', { name: /Sprachkurse mit Kinderbetreuung/ })).toContainText(
		'Startermaßnahme'
	);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await expectAccessible();
});
