import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeasure } from '../../src/lib/server/concept/measures';
import type { Db } from '../../src/lib/server/db';
import { measureStatuses } from '../../src/lib/domain';
import { addField, listFields } from '../../src/lib/server/process/fields';
import { createMember, createTestEvent, createTestOrganisation, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
const seeded = { base: '', fieldIds: [] as number[], moderator: '', steering: '' };
const leads = ['Jobcenter', 'Volkshochschule', 'Landratsamt', 'Caritas'];

/** 200 measures over four fields, and two that a search should find by their spelling. */
async function seed(db: Db) {
	const org = createTestOrganisation(db, 'Landkreis Konstanz');
	seeded.moderator = (await createMember(db, org.id, 'moderator')).email;
	seeded.steering = (await createMember(db, org.id, 'steering_member')).email;
	const { process } = createTestEvent(db, org.id);
	seeded.base = `/o/${org.slug}/p/${process.slug}`;
	for (const [code, title] of [
		['1', 'Sprache'],
		['2', 'Arbeit'],
		['3', 'Wohnen'],
		['4', 'Gesundheit']
	] as const) {
		addField(db, process.id, { code, title, description: '' });
	}
	seeded.fieldIds = listFields(db, process.id).map((field) => field.id);
	const measure = (n: number, title: string, lead: string) =>
		createMeasure(db, process.id, {
			fieldOfActionId: seeded.fieldIds[n % 4]!,
			goalId: null,
			title,
			description: `Beschreibung ${n}`,
			lead,
			timeframe: 'medium',
			costEstimate: '',
			funding: 'open',
			priority: 'medium',
			status: measureStatuses[n % measureStatuses.length]!
		});
	for (let n = 0; n < 200; n += 1) measure(n, `Maßnahme ${n + 1}`, leads[n % leads.length]!);
	measure(200, 'Sprachcafé in der Hauptstraße', 'Integrationsbüro');
	measure(201, 'Beratung in Mehrsprachigkeit', 'Frau Müller');
}

beforeAll(async () => {
	server = await startServer({ seed });
});

afterAll(() => server.stop());

async function signedIn(email: string) {
	const visitor = new Visitor(server.url);
	await visitor.login(email, testPassword);
	return visitor;
}

const rows = (html: string) => html.match(/name="place"/g)?.length ?? 0;
const found = (html: string) => /Gefunden: (\d+)/.exec(html)?.[1];
const pageLinks = (html: string) =>
	[...html.matchAll(/href="([^"]*[?&]page=\d+[^"]*)"/g)].map((match) =>
		match[1]!.replaceAll('&amp;', '&')
	);

describe('the catalogue over HTTP at county scale', () => {
	it('shows one page of 25 out of 202, with links to the others', async () => {
		const moderator = await signedIn(seeded.moderator);
		const page = await moderator.get(`${seeded.base}/measures`);
		expect(page.status).toBe(200);
		expect(found(page.body)).toBe('202');
		expect(rows(page.body)).toBe(25);
		expect(page.body).toContain('Seite 1 von 9');
		// Links are relative on the server (SvelteKit's relative paths); the query is what counts.
		expect(pageLinks(page.body).some((link) => link.endsWith('/measures?page=9'))).toBe(true);
		const last = await moderator.get(`${seeded.base}/measures?page=9`);
		expect(rows(last.body)).toBe(2);
		// A page past the end shows the last page rather than nothing.
		expect(rows((await moderator.get(`${seeded.base}/measures?page=999`)).body)).toBe(2);
	});

	it('keeps filters, search, sort and page size in the URL and in the form', async () => {
		const moderator = await signedIn(seeded.moderator);
		const field = seeded.fieldIds[1]!;
		const query = `field=${field}&lead=Volkshochschule&sort=title&per=50`;
		const page = await moderator.get(`${seeded.base}/measures?${query}`);
		expect(page.status).toBe(200);
		// Measures n with n % 4 = 1 are in field 2 and have the lead Volkshochschule: 50 of them.
		expect(found(page.body)).toBe('50');
		expect(rows(page.body)).toBe(50);
		expect(page.body).toMatch(new RegExp(`<option value="${field}" selected`));
		expect(page.body).toMatch(/<option value="Volkshochschule" selected/);
		expect(page.body).toMatch(/<option value="title" selected/);
		expect(page.body).toMatch(/<option value="50" selected/);

		const statusPage = await moderator.get(`${seeded.base}/measures?status=done&per=25`);
		const done = Array.from({ length: 202 }, (_, n) => n).filter(
			(n) => measureStatuses[n % measureStatuses.length] === 'done'
		).length;
		expect(found(statusPage.body)).toBe(String(done));
		for (const link of pageLinks(statusPage.body)) {
			expect(link).toContain('status=done');
			expect(link).toContain('per=25');
		}
	});

	it('searches with ß and umlauts folded, and takes any input without an error', async () => {
		const moderator = await signedIn(seeded.moderator);
		const search = async (q: string) =>
			moderator.get(`${seeded.base}/measures?${new URLSearchParams({ q })}`);
		for (const q of ['Hauptstrasse', 'hauptstraße', 'SPRACHCAFE haupt']) {
			const page = await search(q);
			expect(found(page.body), q).toBe('1');
			expect(page.body).toContain('Sprachcafé in der Hauptstraße');
		}
		expect(found((await search('Mueller')).body)).toBe('1');
		expect(found((await search('Muller')).body)).toBe('1');
		const echoed = await search('Hauptstrasse');
		expect(echoed.body).toContain('value="Hauptstrasse"');
		for (const q of ['"', 'NEAR(', '*', '-Maßnahme', 'a:b', '\u0001\u0002', 'x'.repeat(5_000)]) {
			expect((await search(q)).status, q).toBe(200);
		}
		expect(found((await search('"Sprachcafé*" (-haupt:')).body)).toBe('1');
		const unknown = await moderator.get(`${seeded.base}/measures?status=x&sort=y&per=7&page=z`);
		expect(unknown.status).toBe(200);
		expect(found(unknown.body)).toBe('202');
	});

	it('moves a measure to any place in one request, and refuses places outside its field', async () => {
		const moderator = await signedIn(seeded.moderator);
		const field = seeded.fieldIds[0]!;
		const list = `${seeded.base}/measures?field=${field}&per=100`;
		const first = /name="id" value="(\d+)"/.exec((await moderator.get(list)).body)![1]!;
		const moved = await moderator.post(`${seeded.base}/measures?/moveMeasure`, {
			id: first,
			place: '51'
		});
		expect(moved.status).toBe(200);
		expect(moved.body).toContain('steht jetzt an Position 51');
		const after = (await moderator.get(list)).body;
		const ids = [...after.matchAll(/name="id" value="(\d+)"/g)].map((match) => match[1]);
		expect(ids).toHaveLength(51);
		expect(ids.at(-1)).toBe(first);

		const refused = await moderator.post(`${seeded.base}/measures?/moveMeasure`, {
			id: first,
			place: '52'
		});
		expect(refused.status).toBe(400);
		expect(refused.body).toContain('Position von 1 bis 51');

		const steering = await signedIn(seeded.steering);
		const read = await steering.get(list);
		expect(read.status).toBe(200);
		expect(rows(read.body)).toBe(0);
		expect(
			(await steering.post(`${seeded.base}/measures?/moveMeasure`, { id: first, place: '1' }))
				.status
		).toBe(403);
	});

	it('takes search, sort and paging on the review dashboard without an error', async () => {
		const moderator = await signedIn(seeded.moderator);
		const review = await moderator.get(
			`${seeded.base}/review?${new URLSearchParams({ q: '"NEAR(', sort: 'x', per: '100', page: '3', topic: 'linked' })}`
		);
		expect(review.status).toBe(200);
		expect(review.body).toMatch(/<option value="linked" selected/);
		expect(review.body).toMatch(/<option value="100" selected/);
	});
});
