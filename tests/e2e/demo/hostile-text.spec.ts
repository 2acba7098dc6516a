import { safeText } from '../../../src/lib/text/clean';
import { icsText, parseIcs } from '../../parsers';
import { expect, follow, logIn, test } from '../fixtures';

/** What a pasted text can carry: markup, control characters, overrides, emoji, decomposed letters. */
const pasted =
	'<img src=x onerror=alert(1)><script>alert(2)</script> \u0007Wo\u0000hnen\u202e & Leben, ' +
	'Kultur; Bildung\\ 👩🏽\u200d🔧 Cafe\u0301';
const shown = 'Wohnen & Leben, Kultur; Bildung\\ 👩🏽\u200d🔧 Café';

test('hostile text typed into a form is stored clean and shown as text', async ({
	page,
	expectAccessible
}) => {
	test.setTimeout(180_000);
	const dialogs: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	await logIn(page, expectAccessible, 'integration@landau.example');
	await expectAccessible();
	await page.getByRole('link', { name: 'Stadt Landau in der Pfalz (Demo)' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Stadt Landau in der Pfalz (Demo)'
	);
	await expectAccessible();
	await follow(page.getByRole('link', { name: 'Neuer Beteiligungsprozess' }));
	await expectAccessible();
	await page.getByLabel('Titel (Pflichtfeld)').fill('Prüfung mit fremden Zeichen');
	await page.getByLabel('Beginn (Pflichtfeld)').fill('2026-09-01');
	await page.getByRole('button', { name: 'Prozess anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Prüfung mit fremden Zeichen');
	await expectAccessible();

	await follow(page.getByRole('link', { name: 'Termine' }));
	await expectAccessible();
	const newEvent = page.locator('form[action="?/create"]');
	await newEvent.getByLabel('Titel (Pflichtfeld)').fill(pasted);
	await newEvent.getByLabel('Beginn (Pflichtfeld)').fill('2030-10-14T17:00');
	await newEvent.getByLabel('Ende (Pflichtfeld)').fill('2030-10-14T19:00');
	await newEvent.getByLabel('Ort').fill(`\u2066${pasted}\u2069`);
	await newEvent.getByRole('button', { name: 'Veranstaltung anlegen' }).click();

	const title = safeText(pasted).trim();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(shown);
	await expect(page.locator('img[src="x"]')).toHaveCount(0);
	await expectAccessible();
	expect(dialogs).toEqual([]);

	// The calendar file the events page offers opens in a calendar as typed, cleaned.
	await follow(page.getByRole('link', { name: 'Termine', exact: true }));
	await expectAccessible();
	const href = await page
		.getByRole('link', { name: 'Termine als Kalenderdatei (.ics)' })
		.getAttribute('href');
	const calendar = await page.request.get(href!);
	expect(calendar.status()).toBe(200);
	const properties = parseIcs(await calendar.text());
	const summary = properties.find((p) => p.name === 'SUMMARY');
	expect(icsText(summary!.raw)).toBe(title);
	expect(icsText(properties.find((p) => p.name === 'LOCATION')!.raw)).toBe(title);
});
