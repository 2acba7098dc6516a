import { expect, logIn, test } from '../fixtures';

const process = '/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0';

test('a council paper is uploaded on the process page, downloaded, and deleted after confirmation, at 320 px', async ({
	page,
	expectAccessible
}) => {
	test.setTimeout(180_000);
	await page.setViewportSize({ width: 320, height: 740 });
	const title = `Sitzungsvorlage ${Date.now()}`;
	await logIn(page, expectAccessible, 'integration@landau.example');
	await expectAccessible();
	await page.goto(process);
	const files = page.getByRole('region', { name: 'Dateien und Anlagen' });
	await expect(
		files.getByRole('link', {
			name: /^Beschlussvorlage Fortschreibung Integrationskonzept herunterladen \(PDF/
		})
	).toBeVisible();
	await expectAccessible();

	await files.getByLabel('Datei (Pflichtfeld)').setInputFiles({
		name: 'Sitzungsvorlage.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('%PDF-1.4\n%%EOF\n')
	});
	await files.getByLabel('Titel').fill(title);
	await files.getByRole('button', { name: 'Hochladen' }).click();
	await expect(files.getByText('Datei „Sitzungsvorlage.pdf“ hochgeladen.')).toBeVisible();
	const link = files.getByRole('link', { name: `${title} herunterladen (PDF, 0,1 KB)` });
	await expect(link).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await expectAccessible();

	const downloading = page.waitForEvent('download');
	await link.click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('Sitzungsvorlage.pdf');

	await files.getByRole('button', { name: `Datei „${title}“ löschen` }).click();
	const question = page.getByRole('heading', { name: `Datei „${title}“ löschen` });
	await expect(question).toBeFocused();
	await expectAccessible();
	await page.getByRole('button', { name: 'Ja, löschen' }).click();
	await expect(page.getByText('Gelöscht.')).toBeVisible();
	await expect(page.getByRole('link', { name: new RegExp(`^${title}`) })).toHaveCount(0);
	await expectAccessible();
});
