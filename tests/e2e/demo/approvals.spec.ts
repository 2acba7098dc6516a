import type { Browser, Page } from '@playwright/test';
import { expect, follow, logIn, test } from '../fixtures';

const processPath = '/o/stadt-landau-in-der-pfalz-demo/p/zukunftskonferenz-2027';

test.use({ viewport: { width: 320, height: 740 } });

async function phone(browser: Browser): Promise<Page> {
	const context = await browser.newContext({
		baseURL: test.info().project.use.baseURL,
		locale: 'de-DE',
		viewport: { width: 320, height: 740 }
	});
	return context.newPage();
}

/** From the process's events to the minutes of the steering group's meeting. */
async function openMinutes(page: Page, expectAccessible: (page?: Page) => Promise<void>) {
	await page.goto(`${processPath}/events`);
	await expectAccessible(page);
	await follow(page.getByRole('link', { name: 'Erste Sitzung der Vorbereitungsgruppe' }));
	await expectAccessible(page);
	await follow(page.getByRole('link', { name: 'Protokoll', exact: true }));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Protokoll: Erste Sitzung der Vorbereitungsgruppe'
	);
	await expectAccessible(page);
}

test('a steering group approves minutes by majority; a refusal with its reason sends them back', async ({
	page,
	browser,
	expectAccessible
}) => {
	test.setTimeout(300_000);
	// The demo's minutes wait with one of two approvals; the second member refuses them.
	await logIn(page, expectAccessible, 'steuerung@landau.example');
	await expectAccessible();
	await openMinutes(page, expectAccessible);
	const approval = page.getByRole('region', { name: 'Freigabe' });
	await expect(approval.getByText('1 von 2 Freigaben')).toBeVisible();
	await expect(approval.getByText(/Integrationsbeauftragte \(Demo\)/)).toBeVisible();
	await approval.getByText('Protokoll ablehnen', { exact: true }).first().click();
	await approval.getByRole('button', { name: 'Protokoll ablehnen' }).click();
	await expect(approval.getByLabel('Begründung der Ablehnung')).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expectAccessible();
	await approval
		.getByLabel('Begründung der Ablehnung')
		.fill('Die Einladungsliste nennt die Sportvereine nicht.');
	await approval.getByRole('button', { name: 'Protokoll ablehnen' }).click();
	await expect(
		page.getByRole('heading', { name: 'Protokoll mit dieser Begründung ablehnen?' })
	).toBeFocused();
	await expectAccessible();
	await page.getByRole('button', { name: 'Ja, Protokoll ablehnen' }).click();
	await expect(page.getByText('Das Protokoll ist abgelehnt und wieder ein Entwurf.')).toBeVisible();
	await expect(
		approval
			.getByRole('status')
			.filter({ hasText: 'Abgelehnt von Steuerungsgruppe (Demo)' })
			.filter({ hasText: 'Die Einladungsliste nennt die Sportvereine nicht.' })
	).toBeVisible();
	await expect(page.locator('p.status')).toContainText('Entwurf');
	await expectAccessible();
	const minutesUrl = page.url();

	// The process owner submits them again and approves: one of two.
	const office = await phone(browser);
	await logIn(office, expectAccessible, 'integration@landau.example');
	await expectAccessible(office);
	await office.goto(minutesUrl);
	await expectAccessible(office);
	await office.getByRole('button', { name: 'Zur Freigabe vorlegen' }).click();
	await expect(office.getByRole('button', { name: 'Protokoll freigeben' })).toBeVisible();
	await office.getByRole('button', { name: 'Protokoll freigeben' }).click();
	await expect(
		office.getByText('Ihre Freigabe ist gespeichert. Es fehlen noch Freigaben.')
	).toBeVisible();
	await expect(office.getByText('1 von 2 Freigaben')).toBeVisible();
	await expect(office.getByText('Sie haben in dieser Runde schon entschieden.')).toBeVisible();
	await expectAccessible(office);
	await office.context().close();

	// The second member approves: the majority is reached, both names and times are shown.
	await page.reload();
	await expectAccessible();
	await page.getByRole('button', { name: 'Protokoll freigeben' }).click();
	await expect(page.getByText('Das Protokoll ist freigegeben.')).toBeVisible();
	await expect(approval.getByText('2 von 2 Freigaben')).toBeVisible();
	await expect(
		approval.getByRole('listitem').filter({ hasText: 'Integrationsbeauftragte' })
	).toBeVisible();
	await expect(
		approval.getByRole('listitem').filter({ hasText: /^\s*Steuerungsgruppe \(Demo\),/ })
	).toBeVisible();
	await expect(approval.getByRole('heading', { name: 'Ablehnungen' })).toBeVisible();
	await expectAccessible();
});

test('an external moderator sees the one process given to them', async ({
	page,
	expectAccessible
}) => {
	await logIn(page, expectAccessible, 'moderation-extern@landau.example');
	await expectAccessible();
	await follow(page.getByRole('link', { name: 'Stadt Landau in der Pfalz (Demo)' }));
	await expectAccessible();
	await expect(
		page.getByRole('heading', { name: 'Ihre Prozesse in dieser Organisation' })
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Zukunftskonferenz 2027' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Integrationskonzept 2.0' })).toHaveCount(0);
	await page.goto('/o/stadt-landau-in-der-pfalz-demo/p/integrationskonzept-2-0');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('404');
	await expectAccessible();
});
