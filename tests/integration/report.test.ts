/**
 * The status report over HTTP: staff write a text per field of action for the period shown,
 * record what a measure spent, and find both on the page and in the Word file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { createMember, createTestOrganisation, testPassword } from '../factories';
import { readDocx } from '../parsers';
import { seedProcess, type ProcessFixture } from './process-fixture';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
let home: ProcessFixture;
let away: ProcessFixture;
let slug = '';
const emails = { moderator: '', steering: '' };

beforeAll(async () => {
	server = await startServer({
		seed: async (db: Db) => {
			const organisation = createTestOrganisation(db, 'Stadt Berichtsheim');
			slug = organisation.slug;
			const moderator = await createMember(db, organisation.id, 'moderator');
			emails.moderator = moderator.email;
			emails.steering = (await createMember(db, organisation.id, 'steering_member')).email;
			home = seedProcess(db, organisation, moderator, (what) => `Bericht ${what}`);
			const other = createTestOrganisation(db, 'Landkreis Anderswo');
			const stranger = await createMember(db, other.id, 'admin');
			away = seedProcess(db, other, stranger, (what) => `Fremd ${what}`);
		}
	});
});

afterAll(() => server?.stop());

async function signedIn(email: string) {
	const visitor = new Visitor(server.url);
	const reply = await visitor.login(email, testPassword);
	expect(reply.status, reply.body).toBe(303);
	return visitor;
}

const period = 'from=2025-01-01&to=2025-12-31';
const base = () => `/o/${slug}/p/${home.process.slug}`;
const reportPath = () => `${base()}/monitoring/bericht?${period}`;
const save = (visitor: Visitor, fields: Record<string, string>) =>
	visitor.post(`${reportPath()}&/saveNarrative`, {
		fieldId: String(home.fieldId),
		from: '2025-01-01',
		to: '2025-12-31',
		...fields
	});

describe('the status report page', () => {
	it('saves a field’s text for the period shown, and shows it there and in the Word file', async () => {
		const moderator = await signedIn(emails.moderator);
		const before = await moderator.get(reportPath());
		expect(before.status).toBe(200);
		expect(before.body).toContain('Für diesen Berichtszeitraum ist noch kein Text geschrieben.');
		expect(before.body).toContain('action="?from=2025-01-01&amp;to=2025-12-31&amp;/saveNarrative"');

		const saved = await save(moderator, {
			text: 'Die Kurse sind voll.\r\nDie Warteliste wächst <b>stark</b>.'
		});
		expect(saved.status).toBe(200);
		expect(saved.body).toContain('Der Text zu 1 Bericht field title ist gespeichert.');
		const page = await moderator.get(reportPath());
		expect(page.body).toContain('Die Kurse sind voll.\nDie Warteliste wächst &lt;b>stark&lt;/b>.');
		// Another period has its own text.
		const later = await moderator.get(`${base()}/monitoring/bericht?from=2025-01-01&to=2025-12-30`);
		expect(later.body).not.toContain('Die Kurse sind voll.');

		const docx = await fetch(`${server.url}${base()}/monitoring/bericht.docx?${period}`, {
			headers: { cookie: `mitwirken_session=${moderator.cookie('mitwirken_session')}` }
		});
		expect(docx.status).toBe(200);
		const { text } = readDocx(await docx.arrayBuffer());
		expect(text).toContain('Die Kurse sind voll.\nDie Warteliste wächst <b>stark</b>.');

		const emptied = await save(moderator, { text: '  ' });
		expect(emptied.status).toBe(200);
		expect(emptied.body).toContain('Der Text zu 1 Bericht field title ist entfernt.');
		expect((await moderator.get(reportPath())).body).not.toContain('Die Kurse sind voll.');
	});

	it('refuses a text too long or a period turned round, keeping what was typed', async () => {
		const moderator = await signedIn(emails.moderator);
		const long = await save(moderator, { text: `Zu lang ${'x'.repeat(5000)}` });
		expect(long.status).toBe(400);
		expect(long.body).toContain('Bitte geben Sie höchstens 5000 Zeichen ein.');
		expect(long.body).toContain('Zu lang xxx');
		const reversed = await save(moderator, { from: '2025-12-31', to: '2025-01-01', text: 'x' });
		expect(reversed.status).toBe(400);
		expect(reversed.body).toContain('Das Ende darf nicht vor dem Beginn liegen.');
	});

	it('answers 404 for a field of another organisation, and 403 to the steering group', async () => {
		const moderator = await signedIn(emails.moderator);
		const foreign = await save(moderator, { fieldId: String(away.fieldId), text: 'Fremd' });
		expect(foreign.status).toBe(404);
		expect(foreign.body).not.toContain('Fremd field title');
		const steering = await signedIn(emails.steering);
		expect((await steering.get(reportPath())).body).not.toContain('name="fieldId"');
		expect((await save(steering, { text: 'Lesend' })).status).toBe(403);
	});

	it('sums what the measures spent, as recorded with a status update', async () => {
		const moderator = await signedIn(emails.moderator);
		const measure = `${base()}/measures/${home.measureId}`;
		const wrong = await moderator.post(`${measure}?/recordStatus`, {
			recordedOn: '2025-06-30',
			status: 'in_implementation',
			spentCents: '12,5 Mio'
		});
		expect(wrong.status).toBe(400);
		expect(wrong.body).toContain('Bitte geben Sie einen Betrag in Euro ein');
		const recorded = await moderator.post(`${measure}?/recordStatus`, {
			recordedOn: '2025-06-30',
			status: 'in_implementation',
			spentCents: '4.250,50 €'
		});
		expect(recorded.status).toBe(200);
		expect((await moderator.get(measure)).body).toContain('bisher verausgabt: 4.250,50');
		const page = await moderator.get(reportPath());
		expect(page.body).toMatch(
			/Bisher verausgabt \(Stand 31\.12\.2025\)<\/th>\s*<td[^>]*>4\.250,50/
		);
	});
});
