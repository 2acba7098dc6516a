import { strFromU8, unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { expect, follow, logIn, test } from '../fixtures';

const eventsPath = '/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0/events';

test('from a finished workshop to approved minutes, a traceable measure and a Word file', async ({
	page,
	browser,
	expectAccessible
}) => {
	// A long walk: about 2.3 minutes with both cores busy (other work and two busy loops).
	test.setTimeout(420_000);
	await logIn(page, expectAccessible, 'moderation@landau.example');
	await expectAccessible();
	await page.goto(eventsPath);
	await expectAccessible();
	await follow(page.getByRole('link', { name: 'Fachkonferenz Arbeitsmarkt' }));
	await expectAccessible();
	await page.getByRole('link', { name: 'Protokoll', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Protokoll: Fachkonferenz Arbeitsmarkt'
	);
	await expect(page.getByText(/Fassung \d+/)).toBeVisible();
	const results = page.getByRole('table', {
		name: 'Was erleichtert Zugewanderten den Einstieg in Arbeit?'
	});
	const winner = results.getByRole('row').nth(1);
	await expect(winner).toContainText('Anerkennung');
	// The demo's figures are read, not written down here: the trail below must carry the same.
	const [dots, voters] = await Promise.all(
		[2, 3].map(async (column) => (await winner.getByRole('cell').nth(column).textContent())!.trim())
	);
	expect(dots).toMatch(/^[1-9]\d*$/);
	expect(voters).toMatch(/^[1-9]\d*$/);
	await expectAccessible();

	await page
		.getByLabel('Neuer Beschluss')
		.fill('Eine Anerkennungsberatung aus einer Hand einrichten.');
	await page.getByRole('button', { name: 'Beschluss hinzufügen' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: 'aus einer Hand' })).toBeVisible();
	await page.getByLabel('Aufgabe (Pflichtfeld)').fill('Kammern zum Gespräch einladen');
	await page.getByLabel('Zuständig').fill('Integrationsbeauftragte');
	await page.getByLabel('Bis').fill('2027-01-31');
	await page.getByRole('button', { name: 'Aufgabe hinzufügen' }).click();
	await expect(
		page.getByRole('cell', { name: 'Kammern zum Gespräch einladen', exact: true })
	).toBeVisible();
	await page.getByRole('button', { name: 'Zur Freigabe vorlegen' }).click();
	await expect(page.getByText('Der Steuerungsgruppe zur Freigabe vorgelegt')).toBeVisible();
	// Submitted minutes are no longer editable.
	await expect(page.getByRole('button', { name: 'Beschluss hinzufügen' })).toHaveCount(0);
	await expectAccessible();
	const minutesUrl = page.url();

	// A member of the steering group approves them.
	const steeringContext = await browser.newContext({
		baseURL: test.info().project.use.baseURL,
		locale: 'de-DE'
	});
	const steering = await steeringContext.newPage();
	await logIn(steering, expectAccessible, 'steuerung@landau.example');
	await expectAccessible(steering);
	await steering.goto(minutesUrl);
	await expectAccessible(steering);
	await steering.getByRole('button', { name: 'Protokoll freigeben' }).click();
	await expect(steering.getByText(/freigegeben von Steuerungsgruppe \(Demo\)/)).toBeVisible();
	await expectAccessible(steering);
	await steeringContext.close();

	// The moderator downloads the approved minutes as a Word file.
	await page.reload();
	await expect(page.getByText(/freigegeben von Steuerungsgruppe \(Demo\)/)).toBeVisible();
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Als Word-Datei (DOCX) herunterladen' }).click();
	const file = await (await download).path();
	const xml = strFromU8(unzipSync(new Uint8Array(await readFile(file)))['word/document.xml']!);
	expect(xml).toContain('Protokoll: Fachkonferenz Arbeitsmarkt');
	expect(xml).toContain('Eine Anerkennungsberatung aus einer Hand einrichten.');
	expect(xml).toContain('Kammern zum Gespräch einladen');

	// From the minutes, the winning cluster becomes a measure of the field "Arbeitsmarkt".
	await page.getByRole('link', { name: 'Als Maßnahme übernehmen: Anerkennung' }).click();
	await expect(page.getByLabel('Handlungsfeld (Pflichtfeld)')).toHaveValue(/\d+/);
	await expectAccessible();
	await page.getByLabel('Titel (Pflichtfeld)').fill('Anerkennungsberatung aus einer Hand');
	// The council's paper numbers it "IP 2.6"; whom it serves, who works on it, and its money.
	// The form works at 320 px.
	await page.setViewportSize({ width: 320, height: 740 });
	await page.getByLabel('Eigene Nummer').fill('IP 2.6');
	const addressees = page.getByRole('group', { name: 'Adressaten und Zielgruppen' });
	await addressees.getByLabel('Neuzugewanderte').check();
	const partners = page.getByRole('group', { name: 'Kooperationspartner' });
	await partners.getByLabel('Kammern (IHK, HWK)').check();
	await partners.getByLabel('Weitere').fill('VHS Landau; Caritas');
	await page.getByLabel('Zeitraum', { exact: true }).selectOption({ label: 'Zeitraum in Jahren' });
	await page.getByLabel('Jahre des Zeitraums').fill('2026/27');
	await page.getByLabel('Kosten in Euro').fill('-5');
	await page.getByLabel('Die Kosten fallen an').selectOption({ label: 'pro Jahr' });
	await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
	await expect(page.getByText('Der Betrag darf nicht negativ sein.')).toBeVisible();
	await expectAccessible();
	await page.getByLabel('Kosten in Euro').fill('10.000');
	await page.getByLabel('Kosten 2026').fill('12.500,00 €');
	await page.getByLabel('Finanzierung').selectOption({ label: 'Förderprogramm' });
	await page.getByLabel('Name des Förderprogramms oder der Dritten').fill('VwV Integration');
	await page.getByLabel(/^Haushaltsvorbehalt/).check();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await expectAccessible();
	await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
	const measureHeading = page.getByRole('heading', { level: 1 });
	await expect(measureHeading).toHaveText('Maßnahme IP 2.6: Anerkennungsberatung aus einer Hand');
	const number = 'IP 2.6';
	const facts = page.locator('dl.facts');
	await expect(facts).toContainText('Neuzugewanderte');
	await expect(facts).toContainText('Kammern (IHK, HWK), VHS Landau, Caritas');
	await expect(facts).toContainText('2026/27');
	await expect(facts).toContainText('10.000,00 € pro Jahr (Haushaltsvorbehalt)');
	await expect(facts).toContainText('2026: 12.500,00 €');
	await expect(facts).toContainText('Förderprogramm: VwV Integration');
	await expectAccessible();
	await page.setViewportSize({ width: 360, height: 740 });
	await expect(page.getByText(`Punkte: ${dots} · Personen: ${voters}`)).toBeVisible();
	await expect(
		page.getByText('Anerkennung ausländischer Abschlüsse schneller prüfen')
	).toBeVisible();
	await expectAccessible();
	// Implementation starts: a first dated status.
	await page.locator('summary', { hasText: 'Sachstand erfassen' }).click();
	await page.locator('#update-status').selectOption({ label: 'In Umsetzung' });
	await page.getByLabel('Was ist geschehen?').fill('Erstes Gespräch mit den Kammern geführt.');
	await page.getByRole('button', { name: 'Sachstand erfassen' }).click();
	await expect(page.getByText('Der Sachstand ist erfasst.')).toBeVisible();
	await expectAccessible();

	// The process owner saves the concept as a version and downloads it for the council.
	const ownerContext = await browser.newContext({
		baseURL: test.info().project.use.baseURL,
		locale: 'de-DE'
	});
	const owner = await ownerContext.newPage();
	await logIn(owner, expectAccessible, 'integration@landau.example');
	await expectAccessible(owner);
	await owner.goto('/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0/concept');
	await expectAccessible(owner);
	// The demo already has a version, so the form starts closed.
	await owner.locator('summary', { hasText: 'Als neue Fassung speichern' }).click();
	await owner.getByLabel('Anlass der Fassung').fill('Entwurf für die Steuerungsgruppe');
	await owner.getByRole('button', { name: 'Als neue Fassung speichern' }).click();
	const saved = owner.getByText(/^Fassung \d+ gespeichert\.$/);
	await expect(saved).toBeVisible();
	const version = (await saved.textContent())!.match(/\d+/)![0];
	await owner.getByRole('link', { name: `Fassung ${version} ansehen` }).click();
	const heading = owner.getByRole('heading', {
		name: `${number} Anerkennungsberatung aus einer Hand`
	});
	await expect(heading).toBeVisible();
	// The demo catalogue has a measure from the same cluster: read this measure's own source line.
	await expect(
		heading.locator('xpath=following::li[starts-with(normalize-space(), "Aus der Beteiligung")][1]')
	).toContainText(`Fachkonferenz Arbeitsmarkt, „Anerkennung“ (${dots} Punkte, ${voters} Personen)`);
	// The concept sums the money per field and year, the reservation marked.
	const sums = owner.getByRole('region', { name: /^Handlungsfeld, .*2026, 2027/ });
	await expect(sums.getByRole('columnheader', { name: 'Summe' })).toBeVisible();
	await expect(sums.getByRole('row', { name: /^2 Arbeitsmarkt/ })).toContainText(
		'unter Haushaltsvorbehalt'
	);
	await expectAccessible(owner);
	const conceptDownload = owner.waitForEvent('download');
	await owner.getByRole('link', { name: 'Word (DOCX)' }).click();
	const concept = strFromU8(
		unzipSync(new Uint8Array(await readFile(await (await conceptDownload).path())))[
			'word/document.xml'
		]!
	);
	expect(concept).toContain('Anerkennungsberatung aus einer Hand');
	expect(concept).toContain('<w:tbl>');
	expect(concept).toContain('Kosten nach Handlungsfeld und Jahr');
	expect(concept).toContain('IP 2.6');

	// The council's Beratungsfolge has a page of its own (tests/e2e/demo/council.spec.ts).
	await owner.getByRole('link', { name: 'Konzeptentwurf' }).click();
	await expect(
		owner.getByRole('link', { name: `Beratungsfolge der Fassung ${version}` })
	).toBeVisible();
	await ownerContext.close();

	// The steering group reviews the results by field and follows one to its measure.
	const reviewContext = await browser.newContext({
		baseURL: test.info().project.use.baseURL,
		locale: 'de-DE'
	});
	const reviewer = await reviewContext.newPage();
	await logIn(reviewer, expectAccessible, 'steuerung@landau.example');
	await expectAccessible(reviewer);
	await reviewer.goto('/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0/review');
	await expectAccessible(reviewer);
	await reviewer.getByLabel('Handlungsfeld').selectOption({ label: '2 Arbeitsmarkt' });
	await reviewer.getByRole('button', { name: 'Anzeigen' }).click();
	const first = reviewer
		.getByRole('table', { name: /^Workshop-Ergebnisse, Seite 1 von/ })
		.getByRole('row')
		.nth(1);
	await expect(first).toContainText('Anerkennung');
	await expect(first).toContainText(/\d+ %/);
	await expect(first).toContainText(/breit \(\d+ %\)/);
	// The chart (drawn by Chart.js) shows where the dots came from; the table holds the figures.
	await expect(
		reviewer.getByRole('img', { name: /Balkendiagramm/ }).locator('canvas')
	).toHaveAttribute('width', /^[1-9]\d*$/);
	await expectAccessible(reviewer);
	await first.getByRole('link', { name: number }).click();
	await expect(reviewer.getByRole('heading', { level: 1 })).toHaveText(
		`Maßnahme ${number}: Anerkennungsberatung aus einer Hand`
	);
	await expect(reviewer.getByText(/Breite der Unterstützung: \d+ %/)).toBeVisible();
	await expectAccessible(reviewer);

	// The yearly status report for the council, with what changed this year.
	await follow(reviewer.getByRole('link', { name: 'Umsetzung', exact: true }));
	await expectAccessible(reviewer);
	await reviewer.getByRole('link', { name: 'Sachstandsbericht erstellen' }).click();
	await expect(
		reviewer.getByRole('region', { name: 'Was sich im Berichtszeitraum geändert hat' })
	).toContainText('Erstes Gespräch mit den Kammern geführt.');
	await expectAccessible(reviewer);
	const reportDownload = reviewer.waitForEvent('download');
	await reviewer.getByRole('link', { name: 'Bericht als Word-Datei (DOCX)' }).click();
	const report = strFromU8(
		unzipSync(new Uint8Array(await readFile(await (await reportDownload).path())))[
			'word/document.xml'
		]!
	);
	expect(report).toContain('Sachstandsbericht: Integrationskonzept 2.0');
	expect(report).toContain('Erstes Gespräch mit den Kammern geführt.');
	await reviewContext.close();
});
