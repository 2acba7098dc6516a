import { devices, type Locator, type Page } from '@playwright/test';
import { expect, logIn, test } from '../fixtures';

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus: it must be reachable by keyboard,
 * in a sensible number of steps.
 */
async function tabTo(target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', steps = 40) {
	await expect(target).toBeVisible();
	for (let step = 0; step < steps; step++) {
		if (await target.evaluate((element) => element === document.activeElement)) return;
		await target.page().keyboard.press(key);
	}
	await expect(target).toBeFocused();
}

const politeRegion = (page: Page) => page.locator('[aria-live="polite"]');

test('a moderator and a phone run a workshop with the keyboard alone', async ({
	page,
	browser,
	expectAccessible
}) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 1280, height: 800 });
	await logIn(page, expectAccessible, 'moderation@landau.example');
	await expectAccessible();
	await page.goto('/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0/events');
	await expectAccessible();
	await tabTo(page.getByRole('link', { name: 'Fachkonferenz Sprache und Bildung' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Fachkonferenz Sprache und Bildung'
	);
	await expectAccessible();
	await tabTo(page.getByRole('link', { name: 'Live-Workshop moderieren' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Live-Workshop');
	await expectAccessible();
	const code = (await page.locator('.code').textContent())!.trim();

	// A new activity, from the keyboard; focus stays on the folded form's summary.
	const newActivity = page.getByText('Neue Aktivität');
	await tabTo(newActivity);
	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Frage an die Teilnehmenden')).toBeFocused();
	await page.keyboard.type('Wie erreichen wir Eltern?');
	await tabTo(page.getByRole('button', { name: 'Aktivität anlegen' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Wie erreichen wir Eltern?' })).toBeVisible();
	await expect(newActivity).toBeFocused();

	// The phone joins by code and writes two ideas: Tab, typing and Enter only.
	const phone = await (
		await browser.newContext({
			...devices['Pixel 5'],
			isMobile: false,
			viewport: { width: 360, height: 740 },
			locale: 'de-DE',
			baseURL: test.info().project.use.baseURL
		})
	).newPage();
	// A German phone loads no Arabic or Cyrillic face, though its language list names them.
	const otherScripts: string[] = [];
	phone.on('request', (request) => {
		if (/noto-sans-(arabic|cyrillic)/.test(request.url())) otherScripts.push(request.url());
	});
	await phone.goto('/mitmachen');
	await expectAccessible(phone);
	await tabTo(phone.getByLabel('Code der Veranstaltung'));
	await phone.keyboard.type(code);
	await phone.keyboard.press('Enter');
	await expect(phone.getByRole('button', { name: 'Mitmachen' })).toBeVisible();
	await expectAccessible(phone);
	await tabTo(phone.getByLabel('Name'));
	await phone.keyboard.type('Kim');
	await phone.keyboard.press('Enter');
	const ideaBox = phone.getByLabel('Ihre Idee', { exact: true });
	await expect(ideaBox).toBeVisible();
	await expectAccessible(phone);
	for (const idea of ['Elterncafé in der Kita', 'Vorlesen in vielen Sprachen']) {
		await tabTo(ideaBox, 'Shift+Tab');
		await phone.keyboard.type(idea);
		await tabTo(phone.getByRole('button', { name: 'Idee senden' }));
		await phone.keyboard.press('Enter');
		await expect(ideaBox).toHaveValue('');
	}
	await expect(phone.getByText('Angekommen')).toHaveCount(2);

	// Sorting: after the stage change the focus sits on the next move, not on the page.
	await tabTo(page.getByRole('button', { name: 'Sammeln beenden, Ideen ordnen' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Abstimmung starten' })).toBeFocused();
	await expect(politeRegion(phone)).toContainText('Die Moderation ordnet die Ideen');

	// A cluster without dragging: name it, mark the idea, create.
	await tabTo(page.getByLabel('Name des neuen Clusters'));
	await page.keyboard.type('Eltern');
	await tabTo(page.getByRole('checkbox', { name: /^Für neuen Cluster markieren Elterncafé/ }));
	await page.keyboard.press('Space');
	await tabTo(page.getByRole('button', { name: /^Cluster anlegen/ }), 'Shift+Tab');
	await page.keyboard.press('Enter');
	const cluster = page.getByRole('group', { name: 'Eltern' });
	await expect(cluster.getByText('Elterncafé in der Kita', { exact: true })).toBeVisible();

	// Moving the other idea: arrow keys in the list choose, only the button moves.
	await tabTo(page.getByLabel('Verschieben nach: Vorlesen in vielen Sprachen'));
	await page.keyboard.press('ArrowDown');
	await expect(
		page
			.getByRole('group', { name: 'Ohne Cluster' })
			.getByText('Vorlesen in vielen Sprachen', { exact: true })
	).toBeVisible();
	const move = page.getByRole('button', { name: 'Verschieben: Vorlesen in vielen Sprachen' });
	await tabTo(move);
	await page.keyboard.press('Enter');
	// It sits in the cluster now, and its button there keeps the focus.
	await expect(
		cluster.getByRole('button', { name: 'Verschieben: Vorlesen in vielen Sprachen' })
	).toBeFocused();

	// Renaming: the field takes the focus, and after saving the rename button has it again.
	await tabTo(page.getByRole('button', { name: 'Umbenennen: Eltern' }), 'Shift+Tab');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('textbox', { name: 'Umbenennen: Eltern' })).toBeFocused();
	await page.keyboard.press('End');
	await page.keyboard.type(' erreichen');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Umbenennen: Eltern erreichen' })).toBeFocused();
	await expectAccessible();

	// Voting: two quick presses give two dots, and the pressed button keeps the focus.
	await tabTo(page.getByRole('button', { name: 'Abstimmung starten' }), 'Shift+Tab');
	await page.keyboard.press('Enter');
	const reveal = page.getByRole('button', { name: 'Ergebnis zeigen' });
	await expect(reveal).toBeFocused();
	await expect(phone.getByText('Ihre Punkte: noch 5 von 5', { exact: true })).toBeVisible();
	await expectAccessible(phone);
	const give = phone.getByRole('button', { name: 'Einen Punkt geben: Eltern erreichen' });
	await expect(
		phone.getByRole('button', { name: 'Einen Punkt zurücknehmen: Eltern erreichen' })
	).toHaveCount(1);
	await tabTo(give);
	await phone.keyboard.press('Enter');
	await phone.keyboard.press('Enter');
	await expect(give).toBeFocused();
	await expect(phone.getByText('Von Ihnen: 2 Punkte', { exact: true })).toBeVisible();
	await expect(politeRegion(phone)).toHaveText('Von Ihnen: 2 Punkte. Ihre Punkte: noch 3 von 5');
	// The server counted both: the moderator's live tally shows them.
	await expect(page.getByText(/^\s*2 Punkte ·/)).toBeVisible();

	// A dead spot: a dot given without a connection waits on the phone. A reload without network
	// opens the page from the phone's cache with the vote as last seen, where dots can still be
	// taken back and given; once the connection is back they are sent in order.
	await phone.context().setOffline(true);
	await expect(phone.getByText(/Verbindung unterbrochen/)).toBeVisible();
	await phone.keyboard.press('Enter');
	await expect(phone.getByText('Von Ihnen: 3 Punkte', { exact: true })).toBeVisible();
	await expect(phone.getByText('1 Punkt wartet.')).toBeVisible();
	await phone.reload();
	await expect(phone.getByText('Von Ihnen: 3 Punkte', { exact: true })).toBeVisible();
	await expect(phone.getByText('1 Punkt wartet.')).toBeVisible();
	await expectAccessible(phone);
	await tabTo(phone.getByRole('button', { name: 'Einen Punkt zurücknehmen: Eltern erreichen' }));
	await phone.keyboard.press('Enter');
	await expect(phone.getByText('Von Ihnen: 2 Punkte', { exact: true })).toBeVisible();
	await tabTo(give);
	await phone.keyboard.press('Enter');
	await expect(phone.getByText('3 Punkte warten.')).toBeVisible();
	await phone.context().setOffline(false);
	await expect(page.getByText(/^\s*3 Punkte ·/)).toBeVisible();
	await expect(phone.getByText('Von Ihnen: 3 Punkte', { exact: true })).toBeVisible();
	await expect(phone.getByText(/Punkte? wartet?\./)).toHaveCount(0);

	await page.keyboard.press('Enter');
	await expect(phone.getByRole('heading', { name: 'Ergebnis' })).toBeVisible();
	await expect(politeRegion(phone)).toContainText('Ergebnis');
	await expectAccessible(phone);
	await expectAccessible();
	expect(otherScripts).toEqual([]);
	await phone.context().close();
});
