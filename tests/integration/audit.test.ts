import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../src/lib/server/auth/session';
import { createMeasure } from '../../src/lib/server/concept/measures';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { addField, listFields } from '../../src/lib/server/process/fields';
import { createActivity } from '../../src/lib/server/workshop/activities';
import { submitIdea } from '../../src/lib/server/workshop/ideas';
import { joinEvent } from '../../src/lib/server/workshop/participants';
import { createMember, createTestEvent, createTestOrganisation, testPassword } from '../factories';
import { connectLive, send } from './live-client';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
const seeded = {
	organisation: { id: 0, slug: '' },
	admin: '',
	moderator: { id: 0, email: '', name: '' },
	steering: '',
	strangerAdmin: ''
};

async function seed(db: Db) {
	const organisation = createTestOrganisation(db, 'Landkreis Leer');
	seeded.organisation = { id: organisation.id, slug: organisation.slug };
	seeded.admin = (await createMember(db, organisation.id, 'admin')).email;
	const moderator = await createMember(db, organisation.id, 'moderator');
	seeded.moderator = { id: moderator.id, email: moderator.email, name: moderator.name };
	seeded.steering = (await createMember(db, organisation.id, 'steering_member')).email;
	seeded.strangerAdmin = (
		await createMember(db, createTestOrganisation(db, 'Landkreis Aurich').id, 'admin')
	).email;
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

/** Each test's own process with a field and a measure, written without a context (unlogged). */
function processWithMeasure(title: string) {
	const db = server.db();
	const { process, event } = createTestEvent(db, seeded.organisation.id);
	addField(db, process.id, { code: '1', title: 'Arbeit', description: '' });
	const fieldId = listFields(db, process.id)[0]!.id;
	const measure = createMeasure(db, process.id, {
		fieldOfActionId: fieldId,
		goalId: null,
		title,
		description: '',
		lead: '',
		timeframe: 'short',
		costEstimate: '',
		funding: 'open',
		priority: 'medium',
		status: 'proposed'
	})!;
	return { process, event, fieldId, measure };
}

const auditPage = () => `/o/${seeded.organisation.slug}/audit`;

const entriesOf = (name: string, rowId: number) =>
	server
		.db()
		.select()
		.from(table.auditLog)
		.where(and(eq(table.auditLog.tableName, name), eq(table.auditLog.rowId, String(rowId))))
		.all();

describe('the audit log over HTTP and the live socket', () => {
	it('records a moderator’s edit of a measure with actor, organisation, process and both states', async () => {
		const { process, fieldId, measure } = processWithMeasure('Jobcafé');
		const moderator = await signedIn(seeded.moderator.email);
		const base = `/o/${seeded.organisation.slug}/p/${process.slug}`;
		const saved = await moderator.post(`${base}/measures/${measure.id}?/update`, {
			fieldOfActionId: String(fieldId),
			goalId: '',
			title: 'Jobcafé mit Ehrenamtlichen',
			description: '',
			lead: 'jobcenter',
			timeframe: 'short',
			costEstimate: '',
			funding: 'open',
			priority: 'medium',
			status: 'agreed'
		});
		expect(saved.status).toBe(200);

		const [entry, ...more] = entriesOf('measure', measure.id);
		expect(more).toEqual([]);
		expect(entry).toMatchObject({
			actorUserId: seeded.moderator.id,
			actorName: seeded.moderator.name,
			actorKind: 'user',
			organisationId: seeded.organisation.id,
			processId: process.id,
			operation: 'update',
			path: 'POST /o/[org]/p/[process]/measures/[measure]?/update'
		});
		expect(JSON.parse(entry!.before!)).toMatchObject({ title: 'Jobcafé', status: 'proposed' });
		expect(JSON.parse(entry!.after!)).toMatchObject({
			title: 'Jobcafé mit Ehrenamtlichen',
			lead: 'jobcenter',
			status: 'agreed'
		});

		const admin = await signedIn(seeded.admin);
		const page = await admin.get(`${auditPage()}?process=${process.slug}&kind=measure`);
		expect(page.status).toBe(200);
		expect(page.body).toContain('Jobcafé mit Ehrenamtlichen');
		expect(page.body).toContain(seeded.moderator.name);
		expect(page.body).toContain(`Maßnahme Nr. ${measure.id}`);
		expect(page.body).toContain(`${base}/measures/${measure.id}`);
	});

	it('records a moderator’s live message as a socket write, and a phone’s idea not at all', async () => {
		const db = server.db();
		const { process, event } = processWithMeasure('Sprachcafé');
		const activity = createActivity(db, event.id, {
			question: 'Was fehlt?',
			fieldOfActionId: null,
			dotsPerParticipant: 3,
			maxDotsPerTarget: 3,
			namedIdeas: false
		});
		const phone = joinEvent(db, event.id, { displayName: null, category: null, locale: 'de' });
		const idea = submitIdea(db, activity, {
			participantId: phone.participant.id,
			clientId: 'a',
			text: 'Sprachkurse am Abend',
			language: 'de'
		});
		if (!idea.ok) throw new Error(idea.error);

		const visitor = await signedIn(seeded.moderator.email);
		const socket = await connectLive(server.url, {
			cookie: `${sessionCookieName}=${visitor.cookie(sessionCookieName)}`,
			eventId: event.id
		});
		try {
			const hidden = await send(socket, 'idea:hide', {
				activityId: activity.id,
				ideaId: idea.value.idea.id,
				hidden: true
			});
			expect(hidden).toMatchObject({ ok: true });
		} finally {
			socket.close();
		}
		expect(entriesOf('idea', idea.value.idea.id)).toMatchObject([
			{
				actorUserId: seeded.moderator.id,
				actorName: seeded.moderator.name,
				actorKind: 'moderator_socket',
				organisationId: seeded.organisation.id,
				processId: process.id,
				operation: 'update',
				path: 'live idea:hide'
			}
		]);
		const participantRows = server
			.db()
			.select()
			.from(table.auditLog)
			.where(eq(table.auditLog.tableName, 'participant'))
			.all();
		expect(participantRows).toEqual([]);
	});

	it('shows the log to the organisation’s administrators only', async () => {
		const stranger = await signedIn(seeded.strangerAdmin);
		expect((await stranger.get(auditPage())).status).toBe(404);
		expect((await stranger.get(`${auditPage()}/aenderungen.csv`)).status).toBe(404);
		const steering = await signedIn(seeded.steering);
		expect((await steering.get(auditPage())).status).toBe(403);
		expect((await steering.get(`${auditPage()}/aenderungen.csv`)).status).toBe(403);
		const moderator = await signedIn(seeded.moderator.email);
		expect((await moderator.get(auditPage())).status).toBe(403);
		const anonymous = new Visitor(server.url);
		expect((await anonymous.get(auditPage())).status).toBe(303);
	});

	it('exports the filtered entries as CSV, and refuses bad filters with a message', async () => {
		const { process, measure } = processWithMeasure('Patenschaften');
		const moderator = await signedIn(seeded.moderator.email);
		const base = `/o/${seeded.organisation.slug}/p/${process.slug}`;
		expect(
			(await moderator.post(`${base}/measures/${measure.id}?/delete`, { confirmed: 'on' })).status
		).toBe(303);
		const admin = await signedIn(seeded.admin);

		const csv = await admin.get(
			`${auditPage()}/aenderungen.csv?process=${process.slug}&kind=measure&action=delete`
		);
		expect(csv.status).toBe(200);
		const lines = csv.body
			.replace(/^\uFEFF/, '')
			.split('\r\n')
			.filter(Boolean);
		expect(lines[0]).toMatch(/^Zeitpunkt;Person;Herkunft;Prozess;Art des Datensatzes;/);
		expect(lines).toHaveLength(2);
		expect(lines[1]).toContain(seeded.moderator.name);
		expect(lines[1]).toContain(';Maßnahme;');
		expect(lines[1]).toContain(';gelöscht;');
		expect(lines[1]).toContain('Patenschaften');

		const bad = await admin.get(`${auditPage()}/aenderungen.csv?from=32.13.2026`);
		expect(bad.status).toBe(400);
		const page = await admin.get(`${auditPage()}?from=32.13.2026&kind=session`);
		expect(page.status).toBe(200);
		expect(page.body).toContain('Die Filter enthalten Fehler.');
		expect(page.body).toContain('href="#field-from"');
		expect(page.body).toContain('aria-invalid="true"');
	});
});
