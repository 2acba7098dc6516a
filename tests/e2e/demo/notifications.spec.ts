import { expect, follow, logIn, test } from '../fixtures';

test.use({ viewport: { width: 320, height: 740 } });

test('the steering account sees a waiting approval at home, switches reminders off and approves; the administrator finds the message in the outbox', async ({
	page,
	browser,
	expectAccessible
}) => {
	test.setTimeout(300_000);
	await logIn(page, expectAccessible, 'steuerung@landau.example');
	const waiting = page.getByRole('region', { name: 'Was auf Sie wartet' });
	await expect(waiting.getByRole('heading', { name: 'Protokolle zur Freigabe' })).toBeVisible();
	await expect(waiting.getByRole('heading', { name: 'Sachstand fällig' })).toBeVisible();
	await expect(waiting.getByRole('heading', { name: 'Ihre nächsten Sitzungen' })).toBeVisible();
	await expectAccessible();

	await page.goto('/account');
	await expectAccessible();
	const reminder = page.getByLabel('Erinnerung am Tag vor einer Sitzung');
	await expect(reminder).toBeChecked();
	await reminder.uncheck();
	await page.getByRole('button', { name: 'Benachrichtigungen speichern' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Gespeichert' })).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('Erinnerung am Tag vor einer Sitzung')).not.toBeChecked();
	await expect(page.getByLabel('Einladung zu einer Sitzung (mit Kalenderdatei)')).toBeChecked();
	await expectAccessible();

	await page.goto('/');
	await follow(
		page
			.getByRole('region', { name: 'Was auf Sie wartet' })
			.getByRole('link', { name: 'Zwischenstand der Prozesssteuerungsgruppe' })
	);
	await expectAccessible();
	await page.getByRole('button', { name: 'Protokoll freigeben' }).click();
	await expect(page.getByText(/freigegeben von Steuerungsgruppe \(Demo\)/).first()).toBeVisible();
	await expectAccessible();

	const office = await browser.newContext({ viewport: { width: 320, height: 740 } });
	const admin = await office.newPage();
	await logIn(admin, expectAccessible, 'admin@landau.example');
	await expectAccessible(admin);
	await follow(admin.getByRole('link', { name: 'Stadt Landau in der Pfalz (Demo)' }));
	await expectAccessible(admin);
	await follow(admin.getByRole('link', { name: 'Postausgang' }));
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Postausgang');
	await expect(admin.getByText('Es ist kein SMTP-Server eingerichtet')).toBeVisible();
	const approved = admin.getByRole('listitem').filter({
		hasText: 'Protokoll freigegeben: Zwischenstand der Prozesssteuerungsgruppe'
	});
	await expect(approved).toHaveCount(1);
	await expect(approved.getByText('An: moderation@landau.example')).toBeVisible();
	await expect(approved.getByLabel('Text der Nachricht')).toHaveValue(
		/Steuerungsgruppe \(Demo\) hat das Protokoll/
	);
	await expect(
		admin.getByRole('link', { name: 'Kalenderdatei herunterladen' }).first()
	).toBeVisible();
	await expectAccessible(admin);
	await office.close();
});
