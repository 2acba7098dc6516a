import { devices, type Browser, type Page } from '@playwright/test';
import { expect, follow, logIn, test } from '../fixtures';

const laptop = { width: 1280, height: 800 };
const phone = { ...devices['Pixel 5'], isMobile: false, viewport: { width: 360, height: 740 } };

/** A participant's phone in its own browser, with the language its owner reads. */
async function phoneOf(browser: Browser, locale: string, width = phone.viewport.width) {
	const context = await browser.newContext({
		...phone,
		viewport: { ...phone.viewport, width },
		locale,
		baseURL: test.info().project.use.baseURL
	});
	return context.newPage();
}

test('a moderator and three phones run a whole workshop, and the projector shows the result', async ({
	page,
	browser,
	expectAccessible
}) => {
	// A long walk: about 2 minutes with both cores busy (other work and two busy loops).
	test.setTimeout(360_000);
	await page.setViewportSize(laptop);
	await logIn(page, expectAccessible, 'moderation@landau.example');
	await expectAccessible();
	await page.goto('/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0/events');
	await expectAccessible();
	await follow(page.getByRole('link', { name: 'Fachkonferenz Sprache und Bildung' }));
	await expectAccessible();
	await page.getByRole('link', { name: 'Live-Workshop moderieren' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Live-Workshop');
	await expectAccessible();

	const code = (await page.locator('.code').textContent())!.trim();
	expect(code).toMatch(/^[A-Z2-9]{6}$/);

	await page.getByText('Neue Aktivität').click();
	await page.getByLabel('Frage an die Teilnehmenden').fill('Was hilft Kindern beim Deutschlernen?');
	await page.getByLabel('Punkte je Person').fill('3');
	await page.getByLabel('Höchstens Punkte je Idee').fill('2');
	await page.getByRole('button', { name: 'Aktivität anlegen' }).click();
	await expect(
		page.getByRole('heading', { name: 'Was hilft Kindern beim Deutschlernen?' })
	).toBeVisible();
	await expectAccessible();

	// The projector, on the second screen.
	const projector = await page.context().newPage();
	await projector.setViewportSize({ width: 1920, height: 1080 });
	const projectorLink = page.getByRole('link', { name: 'Projektor-Ansicht öffnen' });
	await projector.goto((await projectorLink.getAttribute('href'))!);
	await expect(projector.getByText(code, { exact: true })).toBeVisible();
	await expect(projector.getByRole('img', { name: /QR-Code/ })).toBeVisible();
	await expectAccessible(projector);

	// Three phones: German by code entry, Arabic (right to left) and Ukrainian by the short link.
	const amal = await phoneOf(browser, 'ar');
	const olena = await phoneOf(browser, 'uk-UA');
	const jonas = await phoneOf(browser, 'de-DE');

	await jonas.goto('/mitmachen');
	await expectAccessible(jonas);
	await jonas.getByLabel('Code der Veranstaltung').fill(code.toLowerCase());
	await jonas.getByRole('button', { name: 'Weiter' }).click();
	await expect(jonas.getByRole('heading', { level: 1 })).toHaveText(
		'Fachkonferenz Sprache und Bildung'
	);
	await expectAccessible(jonas);
	await jonas.getByLabel('Name').fill('Jonas');
	await jonas.getByLabel('Für welche Gruppe sind Sie hier?').selectOption({ label: 'Ehrenamt' });
	await jonas.getByRole('button', { name: 'Mitmachen' }).click();

	await amal.goto(`/${code}`);
	await expect(amal.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(amal.locator('html')).toHaveAttribute('lang', 'ar');
	await expectAccessible(amal);
	// Amal speaks for nobody but herself: the choice in the first person, not male-only.
	await amal
		.getByLabel('المجموعة التي أشارك باسمها')
		.selectOption({ label: 'أشارك بصفتي الشخصية' });
	await amal.getByRole('button', { name: 'الانضمام' }).click();

	// A Farsi phone at 320 px follows a link with a wrong code: the answer is 404, in Farsi and
	// right to left, with a field to type the code again.
	const reza = await phoneOf(browser, 'fa-IR', 320);
	const wrong = await reza.goto('/ZZZZ99');
	expect(wrong?.status()).toBe(404);
	await expect(reza.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(reza.getByRole('heading', { level: 1 })).toHaveText('کد پیدا نشد');
	await expect(reza.getByText('Fehler 404')).toHaveCount(0);
	await expectAccessible(reza);
	await reza.getByLabel('کد رویداد').fill(code);
	await reza.getByRole('button', { name: 'ادامه' }).click();
	await expect(reza.getByRole('heading', { level: 1 })).toHaveText(
		'Fachkonferenz Sprache und Bildung'
	);
	await expect(reza.getByLabel('از طرف کدام گروه اینجا هستید؟')).toContainText(
		'از طرف خودم اینجا هستم'
	);
	expect(await reza.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await expectAccessible(reza);
	await reza.context().close();

	await olena.goto(`/${code}`);
	await olena.getByRole('button', { name: 'Долучитися' }).click();

	// An interpreter gives the question in Ukrainian and Arabic: those phones show it at once.
	await page.getByText('Übersetzungen (0)').click();
	await page.getByLabel('Українська').fill('Що допомагає дітям вивчати німецьку?');
	await page.getByLabel('العربية').fill('ما الذي يساعد الأطفال على تعلم الألمانية؟');
	await page.getByRole('button', { name: 'Übersetzungen speichern' }).click();
	await expect(page.getByText('Übersetzungen gespeichert.')).toBeVisible();
	await expectAccessible();
	await expect(
		olena.getByRole('heading', { name: 'Що допомагає дітям вивчати німецьку?' })
	).toHaveAttribute('lang', 'uk');
	await expectAccessible(olena);

	// Ideas.
	const send = async (phonePage: Page, label: string, button: string, text: string) => {
		await phonePage.getByLabel(label, { exact: true }).fill(text);
		await phonePage.getByRole('button', { name: button }).click();
	};
	await expect(
		jonas.getByRole('heading', { name: 'Was hilft Kindern beim Deutschlernen?' })
	).toBeVisible();
	await expectAccessible(jonas);
	await send(jonas, 'Ihre Idee', 'Idee senden', 'Hausaufgabenhilfe im Quartier');
	await send(jonas, 'Ihre Idee', 'Idee senden', 'Lesepatenschaften');
	await expect(jonas.getByText('Angekommen')).toHaveCount(2);
	await expect(
		amal.getByRole('heading', { name: 'ما الذي يساعد الأطفال على تعلم الألمانية؟' })
	).toHaveAttribute('lang', 'ar');
	await send(amal, 'فكرتك', 'إرسال الفكرة', 'دروس لغة للأمهات مع رعاية الأطفال');
	await expect(amal.getByText('تم الاستلام')).toBeVisible();
	await expectAccessible(amal);
	// Olena's phone loses the network: her idea waits and goes out when the link is back.
	await olena.context().setOffline(true);
	await expect(olena.getByRole('status')).toContainText('З’єднання перервано');
	await send(olena, 'Ваша ідея', 'Надіслати ідею', 'Lesepaten für Kinder');
	await expect(olena.getByText('Буде надіслано, щойно з’явиться з’єднання')).toBeVisible();
	await expect(olena.getByRole('status')).toContainText('У черзі: 1 ідея.');
	await olena.context().setOffline(false);
	await expect(olena.getByText('Отримано')).toBeVisible();

	// The ideas arrive on the moderator's board and on the projector's wall, marked by language.
	await expect(
		page.getByRole('group', { name: 'Ohne Cluster' }).locator('span[lang="ar"]')
	).toHaveText('دروس لغة للأمهات مع رعاية الأطفال');
	await expect(projector.getByText('Lesepatenschaften')).toBeVisible();
	await expect(projector.locator('abbr[title="العربية"]')).toBeVisible();

	// Cluster: the two reading ideas together.
	await page.getByRole('button', { name: 'Sammeln beenden, Ideen ordnen' }).click();
	await expect(jonas.getByText('Die Moderation ordnet die Ideen', { exact: true })).toBeVisible();
	await page
		.getByRole('checkbox', { name: /^Für neuen Cluster markieren Lesepatenschaften/ })
		.check();
	await page.getByLabel('Name des neuen Clusters').fill('Lesen');
	await page.getByRole('button', { name: /Cluster anlegen/ }).click();
	await expect(page.getByRole('group', { name: 'Lesen' })).toBeVisible();
	// Tap-to-move: the second reading idea joins by choosing the cluster.
	await page.getByLabel('Verschieben nach: Lesepaten für Kinder').selectOption({ label: 'Lesen' });
	await page.getByRole('button', { name: 'Verschieben: Lesepaten für Kinder' }).click();
	await expect(
		page.getByRole('group', { name: 'Lesen' }).getByRole('checkbox', { name: /Lesepaten für/ })
	).toBeVisible();
	const reading = page.getByRole('group', { name: 'Lesen' });
	await reading.getByText('Übersetzungen (0)').click();
	await reading.getByLabel('Українська').fill('Читання');
	await reading.getByRole('button', { name: 'Übersetzungen speichern' }).click();
	await expect(reading.getByText('Übersetzungen gespeichert.')).toBeVisible();
	await expectAccessible();

	// Vote: three dots each.
	await page.getByRole('button', { name: 'Abstimmung starten' }).click();
	const vote = async (phonePage: Page, addLabel: string, target: string, times: number) => {
		for (let i = 0; i < times; i++) {
			const button = phonePage.getByRole('button', { name: `${addLabel}: ${target}` });
			await expect(button).toBeEnabled();
			await button.click();
		}
	};
	await expect(jonas.getByText('Ihre Punkte: noch 3 von 3', { exact: true })).toBeVisible();
	await expectAccessible(jonas);
	await vote(jonas, 'Einen Punkt geben', 'Lesen', 2);
	await vote(jonas, 'Einen Punkt geben', 'Hausaufgabenhilfe im Quartier', 1);
	await expect(jonas.getByText('Ihre Punkte: noch 0 von 3', { exact: true })).toBeVisible();
	// No more than the budget: every "give" button is disabled now.
	await expect(
		jonas.getByRole('button', { name: 'Einen Punkt geben: Hausaufgabenhilfe im Quartier' })
	).toBeDisabled();
	// Move a dot: take one back from the homework help and give it to the mothers' course.
	await jonas
		.getByRole('button', { name: 'Einen Punkt zurücknehmen: Hausaufgabenhilfe im Quartier' })
		.click();
	await vote(jonas, 'Einen Punkt geben', 'دروس لغة للأمهات مع رعاية الأطفال', 1);

	// A reload keeps the phone's identity and its dots.
	await jonas.reload();
	await expect(jonas.getByText('Ihre Punkte: noch 0 von 3', { exact: true })).toBeVisible();

	await vote(amal, 'إعطاء نقطة', 'Lesen', 1);
	await vote(amal, 'إعطاء نقطة', 'دروس لغة للأمهات مع رعاية الأطفال', 2);
	await expectAccessible(amal);
	await vote(olena, 'Дати бал', 'Читання', 2);

	// The moderator sees the live count and the turnout; phones and projector see no tallies yet.
	await expect(page.getByText('Abgestimmt: 3 von 3 verbundenen Telefonen')).toBeVisible();
	await expect(jonas.getByText('5 Punkte')).toHaveCount(0);
	await expect(projector.getByText('5 Punkte')).toHaveCount(0);

	await page.getByRole('button', { name: 'Ergebnis zeigen' }).click();
	const ranking = projector
		.getByRole('list')
		.filter({ hasText: /\d Punkte/ })
		.first();
	await expect(ranking.getByRole('listitem').first()).toContainText('Lesen');
	await expect(ranking.getByRole('listitem').first()).toContainText('5 Punkte · 3 Personen');
	await expectAccessible(projector);
	await expect(jonas.getByRole('heading', { name: 'Ergebnis', level: 3 })).toBeVisible();
	await expect(olena.getByText('5 балів · 3 особи')).toBeVisible();
	await expect(olena.locator('strong[lang="uk"]', { hasText: 'Читання' })).toBeVisible();
	await expectAccessible(olena);

	// The results are kept with the event and as CSV. Three phones make groups too small to
	// show: the breakdown by stakeholder group stays empty, and a note says why.
	await page.goto(page.url().replace(/\/live$/, ''));
	const results = page.getByRole('table', { name: /Was hilft Kindern/ });
	await expect(results.getByRole('row').nth(1)).toContainText('Lesen');
	await expect(results.getByRole('row').nth(1)).not.toContainText('Migrantenorganisation');
	await expect(
		page.getByText('Ergebnisse nach Gruppen zeigen nur Gruppen mit mindestens 5 Personen.').first()
	).toBeVisible();
	await expectAccessible();
	const download = page.waitForEvent('download');
	await page
		.getByRole('link', {
			name: 'Ergebnis als CSV herunterladen: Was hilft Kindern beim Deutschlernen?'
		})
		.click();
	const csv = await (await download).createReadStream();
	const chunks: Buffer[] = [];
	for await (const chunk of csv) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	expect(text.split('\r\n')[1]).toMatch(
		/^1;Cluster;Lesen;Lesepatenschaften \| Lesepaten für Kinder;5;3;/
	);

	// The moderator adopts the winning cluster as a measure, which keeps its trail.
	await page.getByRole('link', { name: 'Als Maßnahme übernehmen: Lesen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Ergebnis als Maßnahme übernehmen'
	);
	await expect(page.getByText('Punkte: 5 · Personen: 3')).toBeVisible();
	await expectAccessible();
	await page.getByLabel('Titel (Pflichtfeld)').fill('Lesepatenschaften an allen Grundschulen');
	await page.getByLabel('Andere Organisation').fill('Amt für Schulen');
	await page
		.getByLabel('Zeitraum', { exact: true })
		.selectOption({ label: 'Kurzfristig (bis 2 Jahre)' });
	await page.getByRole('button', { name: 'Maßnahme anlegen' }).click();
	// Numbered in the field "Sprache und Bildung" (1), after whatever measures it already has.
	const measureHeading = page.getByRole('heading', { level: 1 });
	await expect(measureHeading).toHaveText(
		/^Maßnahme 1\.\d+: Lesepatenschaften an allen Grundschulen$/
	);
	const number = (await measureHeading.textContent())!.match(/1\.\d+/)![0];
	const trail = page.getByRole('region', { name: 'Herkunft aus der Beteiligung' });
	await expect(trail.getByRole('heading', { name: 'Lesen' })).toBeVisible();
	await expect(trail.getByText('Fachkonferenz Sprache und Bildung')).toBeVisible();
	await expect(trail.getByText('Punkte: 5 · Personen: 3')).toBeVisible();
	// Three phones are too few to show any group's support apart.
	await expect(trail.getByText(/Migrantenorganisation/)).toHaveCount(0);
	await expect(trail.getByText('Lesepaten für Kinder')).toBeVisible();
	await expectAccessible();

	await page.getByRole('link', { name: 'Ziele & Maßnahmen' }).click();
	await expect(page.getByRole('table', { name: /^Maßnahmen, Seite 1 von/ })).toContainText(number);
	await expectAccessible();
	await page.goBack();
	await page.getByRole('link', { name: 'Fachkonferenz Sprache und Bildung' }).click();
	await expect(
		page
			.getByRole('table', { name: /Was hilft Kindern/ })
			.getByRole('row')
			.nth(1)
	).toContainText(`Maßnahme ${number}`);
});
