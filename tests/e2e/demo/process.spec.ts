import { expect, follow, logIn, test } from '../fixtures';

test('a process owner sets up a Landau-style process and the public can follow it', async ({
	page,
	browser,
	expectAccessible
}) => {
	// A long walk: about 2 minutes with both cores busy (other work and two busy loops).
	test.setTimeout(360_000);
	await logIn(page, expectAccessible, 'integration@landau.example');
	await expectAccessible();

	await page.getByRole('link', { name: 'Stadt Landau in der Pfalz (Demo)' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Stadt Landau in der Pfalz (Demo)'
	);
	await expectAccessible();
	// The demo's phases are dated so that the expert conferences run now; every process page
	// says so under its title, also at 320 px.
	const organisationPage = page.url();
	await page.getByRole('link', { name: 'Integrationskonzept 2.0' }).first().click();
	await page.setViewportSize({ width: 320, height: 740 });
	const phaseLine = page.getByRole('link', { name: /^Aktuelle Phase: Fachkonferenzen \(bis / });
	await expect(phaseLine).toBeVisible();
	await expectAccessible();
	await page.getByRole('link', { name: 'Termine' }).click();
	await expect(phaseLine).toBeVisible();
	const earlier = page
		.getByRole('listitem')
		.filter({ hasText: 'Fachkonferenzen zum ersten Integrationskonzept' });
	await expect(earlier.locator('time')).toHaveText('März–Mai 2010');
	await expect(earlier).toContainText('Durchgeführt');
	await expectAccessible();
	await page.getByRole('link', { name: 'Zeitplan' }).click();
	await expect(page.getByText('Läuft — nach Datum').first()).toBeVisible();
	await expectAccessible();
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto(organisationPage);

	await follow(page.getByRole('link', { name: 'Neuer Beteiligungsprozess' }));
	await expectAccessible();

	await page.getByLabel('Titel (Pflichtfeld)').fill('Integrationskonzept 3.0');
	await page
		.getByLabel('Beschreibung')
		.fill('Fortschreibung mit Fachkonferenzen je Handlungsfeld.');
	await page.getByLabel('Stadt Landau (Integrationskonzept 2.0)').check();
	await page.getByLabel('Beginn (Pflichtfeld)').fill('2026-09-01');
	await page.getByRole('button', { name: 'Prozess anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Integrationskonzept 3.0');
	await expect(
		page.getByRole('listitem').filter({ hasText: 'Beschluss im Stadtrat' })
	).toBeVisible();
	await expectAccessible();

	// The template made the steering group with Landau's seat plan: at most 19 = 6 politics +
	// 6 administration + 7 civil society.
	await follow(page.getByRole('link', { name: 'Gremien' }));
	await expectAccessible();
	await follow(page.getByRole('link', { name: 'Prozesssteuerungsgruppe', exact: true }));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Prozesssteuerungsgruppe');
	await expect(page.getByRole('row', { name: /Zivilgesellschaft/ })).toContainText('7');
	await expectAccessible();

	await page.getByLabel('Höchstzahl der Mitglieder').fill('19');
	await page.getByLabel('Politik', { exact: true }).fill('1');
	await page.getByLabel('Verwaltung', { exact: true }).fill('6');
	await page.getByLabel('Zivilgesellschaft', { exact: true }).fill('7');
	await page.getByRole('button', { name: 'Sitzplan speichern' }).click();
	await expect(page.getByRole('status')).toContainText('Gespeichert.');
	await expectAccessible();

	const addMember = page.locator('form[action="?/addMember"]');
	for (const [name, affiliation] of [
		['Vertretung Fraktion A', 'Stadtrat'],
		['Vertretung Fraktion B', 'Stadtrat']
	] as const) {
		await addMember.getByLabel('Name (Pflichtfeld)').fill(name);
		await addMember.getByLabel('Organisation oder Funktion').fill(affiliation);
		await addMember.getByLabel('Stakeholder-Gruppe').selectOption({ label: 'Politik' });
		await addMember.getByRole('button', { name: 'Mitglied hinzufügen' }).click();
		await expect(page.getByRole('status')).toContainText('Das Mitglied wurde hinzugefügt.');
	}
	const warning = page.locator('.notice.error');
	await expect(warning).toContainText('Der Sitzplan ist nicht eingehalten');
	await expect(warning).toContainText('Politik: 2 Mitglieder auf 1 Sitzen.');
	await expect(page.getByRole('row', { name: /Politik/ })).toContainText('zu viele');
	await expectAccessible();

	// An expert conference with an agenda, announced publicly.
	await follow(page.getByRole('link', { name: 'Termine' }));
	await expectAccessible();
	const newEvent = page.locator('form[action="?/create"]');
	await newEvent.getByLabel('Titel (Pflichtfeld)').fill('Fachkonferenz Sprache und Bildung');
	await newEvent.getByLabel('Beginn (Pflichtfeld)').fill('2030-10-14T17:00');
	await newEvent.getByLabel('Ende (Pflichtfeld)').fill('2030-10-14T16:00');
	await newEvent.getByLabel('Ort').fill('Alte Kaserne, Landau');
	await newEvent.getByRole('button', { name: 'Veranstaltung anlegen' }).click();
	await expect(page.getByText('Das Ende darf nicht vor dem Beginn liegen.')).toBeVisible();
	await expectAccessible();
	await newEvent.getByLabel('Ende (Pflichtfeld)').fill('2030-10-14T20:00');
	await newEvent.getByRole('button', { name: 'Veranstaltung anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Fachkonferenz Sprache und Bildung'
	);
	await expectAccessible();

	// A past round of conferences whose days nobody noted: a month range.
	await page.getByRole('link', { name: 'Termine' }).click();
	await newEvent.getByLabel('Titel (Pflichtfeld)').fill('Fachkonferenzen 2017');
	await newEvent.getByLabel(/^Genaues Datum unbekannt/).check();
	await expect(newEvent.getByLabel('Beginn (Pflichtfeld)')).toBeHidden();
	await newEvent.getByLabel(/^Von \(Monat\)/).fill('2017-03');
	await newEvent.getByLabel(/^Bis \(Monat\)/).fill('2017-05');
	await newEvent.getByRole('button', { name: 'Veranstaltung anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fachkonferenzen 2017');
	await expect(page.locator('main time').first()).toHaveText('März–Mai 2017');
	await expect(page.getByRole('link', { name: 'Live-Workshop moderieren' })).toHaveCount(0);
	await expectAccessible();

	// A meeting of the non-public steering group stays internal.
	await page.getByRole('link', { name: 'Termine' }).click();
	await newEvent.getByLabel('Titel (Pflichtfeld)').fill('Interne Sitzung der Steuerungsgruppe');
	await newEvent.getByLabel('Beginn (Pflichtfeld)').fill('2030-09-20T17:00');
	await newEvent.getByLabel('Ende (Pflichtfeld)').fill('2030-09-20T19:00');
	await newEvent.getByLabel('Gremium').selectOption({ label: 'Prozesssteuerungsgruppe' });
	await newEvent.getByRole('button', { name: 'Veranstaltung anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Interne Sitzung der Steuerungsgruppe'
	);
	await expectAccessible();
	await page.getByRole('link', { name: 'Termine' }).click();
	await page.getByRole('link', { name: 'Fachkonferenz Sprache und Bildung' }).click();

	for (const item of ['Begrüßung', 'Ideen sammeln', 'Punkte kleben']) {
		await page.getByLabel('Neuer Tagesordnungspunkt (Pflichtfeld)').fill(item);
		await page.getByRole('button', { name: 'Tagesordnungspunkt hinzufügen' }).click();
		await expect(page.getByRole('heading', { name: new RegExp(item) })).toBeVisible();
	}
	await page.getByRole('button', { name: '„Punkte kleben“ nach oben verschieben' }).click();
	await expect(page.locator('.agenda h3')).toHaveText([
		'TOP 1: Begrüßung',
		'TOP 2: Punkte kleben',
		'TOP 3: Ideen sammeln'
	]);
	await expectAccessible();

	// Publish the process page.
	await page.getByRole('link', { name: 'Überblick' }).click();
	await page.getByLabel('Öffentliche Prozessseite freischalten').check();
	await page.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByRole('link', { name: 'Öffentliche Prozessseite ansehen' })).toBeVisible();
	await expectAccessible();
	const publicUrl = await page
		.getByRole('link', { name: 'Öffentliche Prozessseite ansehen' })
		.getAttribute('href');

	const visitorContext = await browser.newContext({
		viewport: { width: 360, height: 740 },
		locale: 'de-DE'
	});
	const visitor = await visitorContext.newPage();
	await visitor.goto(publicUrl!);
	await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Integrationskonzept 3.0');
	await expect(visitor.getByRole('heading', { name: 'So läuft der Prozess' })).toBeVisible();
	await expect(
		visitor.getByRole('region', { name: 'So läuft der Prozess' }).getByRole('listitem')
	).toHaveCount(8);
	await expect(visitor.getByText('Fachkonferenz Sprache und Bildung')).toBeVisible();
	await expect(visitor.getByText('Interne Sitzung der Steuerungsgruppe')).toHaveCount(0);
	await expect(visitor.getByRole('button', { name: 'Abmelden' })).toHaveCount(0);
	await expectAccessible(visitor);
	await visitorContext.close();
});
