import QRCode from 'qrcode';
import { expect, follow, logIn, test } from '../fixtures';

const eventsPath = '/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0/events';

/** Pages in a PDF, counted the way a reader does: its page objects. */
const pageCount = (pdf: Buffer) =>
	pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;

test('at the door on a 320 px phone two people are checked in and counted, and the poster prints on one A4 page', async ({
	page,
	expectAccessible
}) => {
	test.setTimeout(240_000);
	await page.setViewportSize({ width: 320, height: 740 });
	await logIn(page, expectAccessible, 'moderation@landau.example');
	await expectAccessible();
	await page.goto(eventsPath);
	await expectAccessible();
	await follow(page.getByRole('link', { name: 'Fachkonferenz Sprache und Bildung' }));
	await expectAccessible();
	await follow(page.getByRole('link', { name: 'Anwesenheitsliste und Einlass' }));
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Anwesenheitsliste');
	const count = page.getByTestId('attendance-count');
	await expect(count).toHaveText('Anwesend: 0 · Angemeldet: 6');
	await expectAccessible();

	const filter = page.getByRole('searchbox', { name: 'Name suchen' });
	const doorList = page.getByRole('list', { name: 'Anwesenheitsliste' });
	for (const name of ['Vertretung Schulamt', 'Vertretung Elternbeirat']) {
		await filter.fill(name.split(' ')[1]!.toLowerCase());
		await expect(doorList.getByRole('listitem')).toHaveCount(1);
		await page.getByRole('button', { name: `${name} einchecken` }).click();
		await expect(page.getByRole('status')).toContainText(`${name} ist eingecheckt.`);
		// The next person comes: the filter is empty again and has the focus.
		await expect(filter).toHaveValue('');
		await expect(filter).toBeFocused();
	}
	await expect(count).toHaveText('Anwesend: 2 · Angemeldet: 6');
	const groups = page.getByRole('table', { name: /nach Stakeholder-Gruppe/ });
	await expect(groups.getByRole('row', { name: /^Verwaltung/ })).toHaveText(
		/Verwaltung\s*1\s*1\s*0\s*1/
	);
	await expect(groups.getByRole('row', { name: /^Gesamt/ })).toHaveText(/Gesamt\s*6\s*2\s*0\s*2/);
	await expect(page.getByText(/da seit \d{2}:\d{2}/)).toHaveCount(2);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await expectAccessible();

	await follow(page.getByRole('link', { name: 'Zurück zur Veranstaltung' }));
	await expectAccessible();
	const offSite: string[] = [];
	page.on('request', (request) => {
		if (!request.url().startsWith(new URL(page.url()).origin) && !request.url().startsWith('data:'))
			offSite.push(request.url());
	});
	await follow(page.getByRole('link', { name: 'Aushang (A4)' }));
	await expectAccessible();
	const code = (await page.getByTestId('join-code').textContent())!.trim();
	expect(code).toMatch(/^[A-Z2-9]{6}$/);
	await expect(page.getByTestId('join-url')).toHaveText(`${new URL(page.url()).origin}/${code}`);
	const url = `${new URL(page.url()).origin}/${code}`;
	const qr = page.getByRole('img', { name: `QR-Code zum Beitreten: ${url}` });
	await expect(qr).toBeVisible();
	// The drawn code, read module by module, is the QR code of the address (margin 1).
	const expected = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
	const drawn = await qr.evaluate((img: HTMLImageElement, size) => {
		const scale = 10;
		const canvas = document.createElement('canvas');
		canvas.width = canvas.height = (size + 2) * scale;
		const context = canvas.getContext('2d')!;
		context.drawImage(img, 0, 0, canvas.width, canvas.height);
		const modules: number[] = [];
		for (let y = 0; y < size; y++) {
			for (let x = 0; x < size; x++) {
				const [red] = context.getImageData((x + 1.5) * scale, (y + 1.5) * scale, 1, 1).data;
				modules.push(red! < 128 ? 1 : 0);
			}
		}
		return modules;
	}, expected.size);
	expect(drawn).toEqual([...expected.data].map((dark) => (dark ? 1 : 0)));
	await expect(page.getByRole('img', { name: 'Handy, das einen QR-Code scannt' })).toBeVisible();
	await expect(page.getByText('امسح الرمز أو اكتب العنوان')).toHaveAttribute('dir', 'rtl');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	expect(offSite).toEqual([]);

	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('link', { name: 'Zurück zur Veranstaltung' })).toBeHidden();
	expect(pageCount(await page.pdf({ preferCSSPageSize: true }))).toBe(1);
	await page.emulateMedia({ media: 'screen' });

	await page.goto(page.url().replace(/\/poster$/, '/table-cards'));
	await expectAccessible();
	await expect(page.getByRole('region', { name: /^Tischkarte/ })).toHaveCount(4);
	await page.emulateMedia({ media: 'print' });
	expect(pageCount(await page.pdf({ preferCSSPageSize: true }))).toBe(1);
});
