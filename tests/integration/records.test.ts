import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember as addBodyMember, createBody } from '../../src/lib/server/bodies/bodies';
import { addGoal, createMeasure, type MeasureInput } from '../../src/lib/server/concept/measures';
import { saveVersion } from '../../src/lib/server/concept/versions';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { addAgendaItem, addGuest, createEvent } from '../../src/lib/server/events/events';
import {
	addItem,
	approveMinutes,
	draftMinutes,
	submitMinutes
} from '../../src/lib/server/minutes/minutes';
import {
	addField,
	addGuideline,
	listFields,
	listGuidelines
} from '../../src/lib/server/process/fields';
import { createInvitation } from '../../src/lib/server/organisations/invitations';
import { addPhase } from '../../src/lib/server/process/phases';
import { createProcess } from '../../src/lib/server/process/processes';
import { createMember, createTestOrganisation, createTestUser, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;

interface Place {
	base: string;
	processId: number;
	fieldId: number;
	goalId: number;
	guidelineId: number;
	phaseId: number;
	bodyId: number;
	bodyMemberId: number;
	eventId: number;
	agendaItemId: number;
	attendeeId: number;
	minutesId: number;
	minutesItemId: number;
	measureId: number;
	versionId: number;
	accountId: number;
	invitationId: string;
}

const people = { admin: '', moderator: '', soleAdmin: '', ours: '', alone: '' };
let home: Place;
let away: Place;

const measure = (fieldId: number, title: string): MeasureInput => ({
	fieldOfActionId: fieldId,
	goalId: null,
	title,
	description: '',
	lead: '',
	timeframe: 'short',
	costEstimate: '',
	funding: 'open',
	priority: 'medium',
	status: 'adopted'
});

/** A process with one of everything: the targets of this file's requests. */
async function furnish(db: Db, organisationId: number, slug: string): Promise<Place> {
	const process = createProcess(db, {
		organisationId,
		title: 'Integrationskonzept',
		description: '',
		template: 'empty',
		startsOn: '2026-01-01'
	});
	addField(db, process.id, { code: '3', title: 'Wohnen', description: '' });
	const fieldId = listFields(db, process.id)[0]!.id;
	const goalId = addGoal(db, process.id, fieldId, {
		title: 'Mehr Wohnraum'
	})!.id;
	addGuideline(db, process.id, { title: 'Beteiligung', description: '' });
	const guidelineId = listGuidelines(db, process.id)[0]!.id;
	const phaseId = addPhase(db, process.id, {
		title: 'Fachkonferenzen',
		description: '',
		startsOn: null,
		endsOn: null,
		statusOverride: 'active'
	}).id;
	const bodyId = createBody(db, process.id, {
		kind: 'steering_group',
		name: 'Steuerungsgruppe',
		description: '',
		fieldOfActionId: null,
		isPublic: false
	}).id;
	const bodyMemberId = addBodyMember(db, bodyId, {
		name: 'Caritas-Zentrum',
		affiliation: '',
		function: 'member',
		category: 'welfare',
		userId: null
	})!.id;
	const event = createEvent(db, process.id, {
		title: 'Sitzung der Steuerungsgruppe',
		description: '',
		place: '',
		startsAt: '2026-03-01T17:00',
		endsAt: '2026-03-01T19:00',
		isPublic: false,
		status: 'closed',
		bodyId,
		phaseId
	});
	addAgendaItem(db, event.id, { title: 'Begrüßung', description: '' });
	const agendaItemId = db
		.select()
		.from(table.agendaItem)
		.where(eq(table.agendaItem.eventId, event.id))
		.get()!.id;
	addGuest(db, event.id, { name: 'Volkshochschule', affiliation: '', category: 'education' });
	const attendeeId = db
		.select()
		.from(table.eventAttendee)
		.where(eq(table.eventAttendee.eventId, event.id))
		.get()!.id;
	const minutes = draftMinutes(db, event.id);
	addItem(db, event.id, minutes.id, {
		kind: 'decision',
		title: 'Zeitplan beschlossen',
		owner: '',
		dueOn: null
	});
	const minutesItemId = db
		.select()
		.from(table.minutesItem)
		.where(eq(table.minutesItem.kind, 'decision'))
		.all()
		.find((item) => item.minutesId === minutes.id)!.id;
	submitMinutes(db, event.id, minutes.id);
	const approver = await createTestUser(db, { name: 'Vorsitz Steuerungsgruppe' });
	approveMinutes(db, event.id, minutes.id, approver);
	const measureId = createMeasure(db, process.id, measure(fieldId, 'Wohnraumbörse'))!.id;
	const versionId = saveVersion(
		db,
		process,
		'Kreis',
		{ introduction: '', note: 'Entwurf' },
		approver
	).id;
	const invitationId = createInvitation(db, {
		organisationId,
		role: 'moderator',
		note: 'Integrationsbeauftragte',
		createdByUserId: approver.id
	}).invitation.id;
	return {
		base: `/o/${slug}/p/${process.slug}`,
		processId: process.id,
		fieldId,
		goalId,
		guidelineId,
		phaseId,
		bodyId,
		bodyMemberId,
		eventId: event.id,
		agendaItemId,
		attendeeId,
		minutesId: minutes.id,
		minutesItemId,
		measureId,
		versionId,
		accountId: approver.id,
		invitationId
	};
}

beforeAll(async () => {
	server = await startServer({
		seed: async (db) => {
			const ours = createTestOrganisation(db, 'Landkreis Lörrach');
			const theirs = createTestOrganisation(db, 'Landkreis Wittmund');
			people.admin = (await createMember(db, ours.id, 'admin')).email;
			people.moderator = (await createMember(db, ours.id, 'moderator')).email;
			home = await furnish(db, ours.id, ours.slug);
			away = await furnish(db, theirs.id, theirs.slug);
			people.ours = ours.slug;
			const alone = createTestOrganisation(db, 'Stadt Konstanz');
			people.alone = alone.slug;
			people.soleAdmin = (await createMember(db, alone.id, 'admin')).email;
		}
	});
});

afterAll(() => server.stop());

async function signedIn(email: string) {
	const visitor = new Visitor(server.url);
	expect((await visitor.login(email, testPassword)).status).toBe(303);
	return visitor;
}

describe('an event with approved minutes', () => {
	it('asks, names what depends on it, archives it, and only an administrator restores it', async () => {
		const moderator = await signedIn(people.moderator);
		const eventPath = `${home.base}/events/${home.eventId}`;
		const ask = await moderator.post(`${eventPath}?/delete`);
		expect(ask.status).toBe(409);
		expect(ask.body).toContain('Veranstaltung „Sitzung der Steuerungsgruppe“ löschen?');
		expect(ask.body).toContain('Genehmigte Protokolle: 1');
		expect(ask.body).toContain('Eingetragene Teilnehmende: 1');
		expect(ask.body).toContain('Ja, archivieren');
		expect(ask.body).toContain('name="confirmed" value="on"');

		const archived = await moderator.post(`${eventPath}?/delete`, { confirmed: 'on' });
		expect(archived.status).toBe(200);
		expect(archived.body).toContain('ist archiviert.');
		expect((await moderator.get(`${home.base}/events`)).body).not.toContain(
			'Sitzung der Steuerungsgruppe'
		);
		const shown = await moderator.get(`${home.base}/events?archived=1`);
		expect(shown.body).toContain('Archivierte Veranstaltungen');
		expect(shown.body).toContain('Sitzung der Steuerungsgruppe');
		const minutes = await moderator.get(`${eventPath}/minutes`);
		expect(minutes.status).toBe(200);
		expect(minutes.body).toContain('Zeitplan beschlossen');

		expect((await moderator.post(`${eventPath}?/restore`)).status).toBe(403);
		const admin = await signedIn(people.admin);
		expect((await admin.post(`${eventPath}?/restore`)).status).toBe(200);
		expect((await admin.get(`${home.base}/events`)).body).toContain('Sitzung der Steuerungsgruppe');
		const stored = server
			.db()
			.select()
			.from(table.minutes)
			.where(eq(table.minutes.id, home.minutesId))
			.get();
		expect(stored).toMatchObject({ status: 'approved' });
	});
});

describe('approved minutes', () => {
	it('are not edited; a correction needs a reason and keeps the approved revision readable', async () => {
		const moderator = await signedIn(people.moderator);
		const path = `${home.base}/events/${home.eventId}/minutes`;
		const minutesId = String(home.minutesId);
		for (const [action, fields] of [
			['summary', { summary: 'heimlich' }],
			['addDecision', { title: 'Nachtrag' }],
			['removeItem', { itemId: String(home.minutesItemId), confirmed: 'on' }],
			['refresh', {}]
		] as const) {
			const refused = await moderator.post(`${path}?/${action}`, { minutesId, ...fields });
			expect(refused.status, action).toBe(409);
			expect(refused.body, action).toContain('kann nicht mehr geändert werden');
		}

		const noReason = await moderator.post(`${path}?/revise`, { minutesId, reason: ' ' });
		expect(noReason.status).toBe(400);
		expect(noReason.body).toContain('Bitte füllen Sie dieses Feld aus.');
		const revised = await moderator.post(`${path}?/revise`, {
			minutesId,
			reason: 'Name der Schule falsch geschrieben'
		});
		expect(revised.status).toBe(200);
		const page = await moderator.get(path);
		expect(page.body).toContain('Fassung 2');
		expect(page.body).toContain('Grund: Name der Schule falsch geschrieben');
		expect(page.body).toContain('?revision=1');
		const first = await moderator.get(`${path}?revision=1`);
		expect(first.body).toContain('Sie sehen die frühere Fassung 1.');
		expect(first.body).toContain('freigegeben von Vorsitz Steuerungsgruppe');
		expect(first.body).toContain('protokoll.docx?revision=1');
		for (const revision of ['1', '2']) {
			expect((await moderator.get(`${path}/protokoll.docx?revision=${revision}`)).status).toBe(200);
		}
		for (const wrong of ['9', 'abc', '1.5', '-1', '0x1', '']) {
			expect((await moderator.get(`${path}?revision=${wrong}`)).status, wrong).toBe(404);
			expect((await moderator.get(`${path}/protokoll.docx?revision=${wrong}`)).status).toBe(404);
		}
	});
});

describe('ids of another organisation', () => {
	it('answer 404 for every action that takes one, and change nothing there', async () => {
		const moderator = await signedIn(people.moderator);
		const admin = await signedIn(people.admin);
		const event = `${home.base}/events/${home.eventId}`;
		const requests: [Visitor, string, Record<string, string>][] = [
			[admin, `${home.base}/fields?/deleteField`, { id: String(away.fieldId) }],
			[admin, `${home.base}/fields?/deleteField`, { id: String(away.fieldId), confirmed: 'on' }],
			[
				admin,
				`${home.base}/fields?/updateField`,
				{ id: String(away.fieldId), code: '9', title: 'X' }
			],
			[admin, `${home.base}/fields?/moveField`, { id: String(away.fieldId), direction: 'up' }],
			[admin, `${home.base}/fields?/deleteGuideline`, { id: String(away.guidelineId) }],
			[admin, `${home.base}/fields?/updateGuideline`, { id: String(away.guidelineId), title: 'X' }],
			[admin, `${home.base}/phases?/delete`, { id: String(away.phaseId), confirmed: 'on' }],
			[admin, `${home.base}/phases?/move`, { id: String(away.phaseId), direction: 'up' }],
			[moderator, `${home.base}/measures?/deleteGoal`, { id: String(away.goalId) }],
			[moderator, `${home.base}/measures?/updateGoal`, { id: String(away.goalId), title: 'X' }],
			[moderator, `${home.base}/measures?/addGoal`, { fieldId: String(away.fieldId), title: 'X' }],
			[moderator, `${home.base}/measures?/moveMeasure`, { id: String(away.measureId), place: '1' }],
			[moderator, `${event}?/deleteAgendaItem`, { id: String(away.agendaItemId) }],
			[moderator, `${event}?/updateAgendaItem`, { id: String(away.agendaItemId), title: 'X' }],
			[moderator, `${event}?/removeAttendee`, { id: String(away.attendeeId), confirmed: 'on' }],
			[moderator, `${event}?/attendance`, { memberIds: String(away.bodyMemberId) }],
			[
				moderator,
				`${event}?/update`,
				{
					title: 'Sitzung der Steuerungsgruppe',
					startsAt: '2026-03-01T17:00',
					endsAt: '2026-03-01T19:00',
					status: 'closed',
					bodyId: String(away.bodyId)
				}
			],
			[
				moderator,
				`${event}/minutes?/notes`,
				{ minutesId: String(away.minutesId), itemId: String(away.minutesItemId), notes: 'X' }
			],
			[
				moderator,
				`${event}/minutes?/removeItem`,
				{ minutesId: String(home.minutesId), itemId: String(away.minutesItemId) }
			],
			[admin, `${home.base}/concept?/delete`, { id: String(away.versionId), confirmed: 'on' }],
			[
				admin,
				`${home.base}/bodies/${home.bodyId}?/removeMember`,
				{ id: String(away.bodyMemberId) }
			],
			[
				admin,
				`${home.base}/bodies/${home.bodyId}?/updateMember`,
				{ id: String(away.bodyMemberId), name: 'X', function: 'member' }
			],
			[
				admin,
				`${home.base}/bodies?/create`,
				{ kind: 'working_group', name: 'AG', fieldOfActionId: String(away.fieldId) }
			],
			...(
				[
					{ fieldOfActionId: String(away.fieldId) },
					{ fieldOfActionId: String(home.fieldId), goalId: String(away.goalId) },
					{ fieldOfActionId: String(home.fieldId), leadBodyId: String(away.bodyId) }
				] as Record<string, string>[]
			).flatMap((references) =>
				[
					`${home.base}/measures/new?/create`,
					`${home.base}/measures/${home.measureId}?/update`
				].map((path): [Visitor, string, Record<string, string>] => [
					moderator,
					path,
					{
						title: 'Maßnahme mit fremden Bezügen',
						timeframe: 'short',
						funding: 'open',
						priority: 'medium',
						status: 'proposed',
						...references
					}
				])
			),
			[admin, `${home.base}/events/${away.eventId}?/delete`, { confirmed: 'on' }],
			[admin, `${home.base}/measures/${away.measureId}?/delete`, { confirmed: 'on' }],
			[admin, `${home.base}/bodies/${away.bodyId}?/delete`, { confirmed: 'on' }]
		];
		for (const [visitor, path, fields] of requests) {
			expect((await visitor.post(path, fields)).status, `${path} ${JSON.stringify(fields)}`).toBe(
				404
			);
		}
		const db = server.db();
		expect(
			db.select().from(table.fieldOfAction).where(eq(table.fieldOfAction.id, away.fieldId)).get()
		).toMatchObject({ title: 'Wohnen' });
		expect(
			db.select().from(table.guideline).where(eq(table.guideline.id, away.guidelineId)).get()
		).toBeDefined();
		expect(db.select().from(table.goal).where(eq(table.goal.id, away.goalId)).get()).toMatchObject({
			title: 'Mehr Wohnraum'
		});
		expect(
			db
				.select()
				.from(table.conceptVersion)
				.where(eq(table.conceptVersion.id, away.versionId))
				.get()
		).toBeDefined();
		expect(
			db.select().from(table.bodyMember).where(eq(table.bodyMember.id, away.bodyMemberId)).get()
		).toMatchObject({ name: 'Caritas-Zentrum' });
		expect(
			db.select().from(table.event).where(eq(table.event.id, away.eventId)).get()
		).toMatchObject({ archivedAt: null });
	});

	it('answers an account of another organisation as a body member as if it did not exist', async () => {
		const admin = await signedIn(people.admin);
		const refused = await admin.post(`${home.base}/bodies/${home.bodyId}?/addMember`, {
			name: 'Fremd',
			function: 'member',
			userId: String(away.accountId)
		});
		expect(refused.status).toBe(404);
		const members = server
			.db()
			.select()
			.from(table.bodyMember)
			.where(eq(table.bodyMember.bodyId, home.bodyId))
			.all();
		expect(members.map((m) => m.name)).toEqual(['Caritas-Zentrum']);
	});
});

describe('refusals that name what depends on a record', () => {
	it('keeps a field with a measure and a goal, and a goal that measures pursue', async () => {
		const admin = await signedIn(people.admin);
		const field = await admin.post(`${home.base}/fields?/deleteField`, {
			id: String(home.fieldId)
		});
		expect(field.status).toBe(409);
		expect(field.body).toContain('Das Handlungsfeld „3 Wohnen“ kann nicht gelöscht werden');
		expect(field.body).toContain('Maßnahmen: 1, Ziele: 1');

		const goal = addGoal(server.db(), home.processId, home.fieldId, {
			title: 'Kürzere Wartezeiten'
		})!;
		const ask = await admin.post(`${home.base}/measures?/deleteGoal`, { id: String(goal.id) });
		expect(ask.status).toBe(409);
		expect(ask.body).toContain('„Kürzere Wartezeiten“ wirklich löschen?');
		const done = await admin.post(`${home.base}/measures?/deleteGoal`, {
			id: String(goal.id),
			confirmed: 'on'
		});
		expect(done.status).toBe(200);
	});
});

describe('status entries over HTTP', () => {
	it('refuse a future day, and show a correction next to the struck entry', async () => {
		const moderator = await signedIn(people.moderator);
		const path = `${home.base}/measures/${home.measureId}`;
		const future = await moderator.post(`${path}?/recordStatus`, {
			recordedOn: '2999-01-01',
			status: 'in_implementation',
			note: 'geplant'
		});
		expect(future.status).toBe(400);
		expect(future.body).toContain('Das Datum darf nicht in der Zukunft liegen.');

		expect(
			(
				await moderator.post(`${path}?/recordStatus`, {
					recordedOn: '2026-02-01',
					status: 'in_implementation',
					percentDone: '80',
					note: 'Achtzig Wohnungen'
				})
			).status
		).toBe(200);
		const wrong = server
			.db()
			.select()
			.from(table.measureUpdate)
			.where(eq(table.measureUpdate.measureId, home.measureId))
			.get()!;
		const noReason = await moderator.post(`${path}?/correctStatus`, {
			corrects: String(wrong.id),
			recordedOn: '2026-02-01',
			status: 'in_implementation',
			percentDone: '8',
			note: 'Acht Wohnungen',
			reason: ''
		});
		expect(noReason.status).toBe(400);
		const corrected = await moderator.post(`${path}?/correctStatus`, {
			corrects: String(wrong.id),
			recordedOn: '2026-02-01',
			status: 'in_implementation',
			percentDone: '8',
			note: 'Acht Wohnungen',
			reason: 'Eine Null zu viel'
		});
		expect(corrected.status).toBe(200);
		const page = await moderator.get(path);
		expect(page.body).toMatch(/<del>[\s\S]*Achtzig Wohnungen[\s\S]*<\/del>/);
		expect(page.body).toContain('Eine Null zu viel');
		expect(page.body).toContain('Acht Wohnungen');
		const again = await moderator.post(`${path}?/correctStatus`, {
			corrects: String(wrong.id),
			recordedOn: '2026-02-01',
			status: 'done',
			note: '',
			reason: 'Noch einmal'
		});
		expect(again.status).toBe(400);
		expect(again.body).toContain('Dieser Eintrag ist schon berichtigt.');

		const report = await moderator.get(
			`${home.base}/monitoring/bericht?from=2026-01-01&to=2026-12-31`
		);
		expect(report.status).toBe(200);
		expect(report.body).toMatch(/<del>Achtzig Wohnungen<\/del>/);
	});
});

describe('the last administrator', () => {
	it('cannot step down or leave, and removing someone asks first', async () => {
		const alone = await signedIn(people.soleAdmin);
		const slug = people.alone;
		const own = server
			.db()
			.select()
			.from(table.user)
			.where(eq(table.user.email, people.soleAdmin))
			.get()!;
		const demote = await alone.post(`/o/${slug}/members?/changeRole`, {
			userId: String(own.id),
			role: 'moderator'
		});
		expect(demote.status).toBe(400);
		expect(demote.body).toContain('Eine Organisation braucht mindestens eine Administratorin');
		for (const fields of [{}, { confirmed: 'on' }] as Record<string, string>[]) {
			const leave = await alone.post(`/o/${slug}/members?/remove`, {
				userId: String(own.id),
				...fields
			});
			expect(leave.status).toBe(400);
			expect(leave.body).toContain('Eine Organisation braucht mindestens eine Administratorin');
		}
		const admin = await signedIn(people.admin);
		const moderator = server
			.db()
			.select()
			.from(table.user)
			.where(eq(table.user.email, people.moderator))
			.get()!;
		const ask = await admin.post(`/o/${people.ours}/members?/remove`, {
			userId: String(moderator.id)
		});
		expect(ask.status).toBe(409);
		expect(ask.body).toContain(`${moderator.name} aus der Organisation entfernen?`);
	});
});

describe('revoking an invitation', () => {
	it('asks first, answers 404 for another organisation, and then revokes', async () => {
		const admin = await signedIn(people.admin);
		const members = `/o/${people.ours}/members`;
		const ask = await admin.post(`${members}?/revokeInvitation`, {
			invitationId: home.invitationId
		});
		expect(ask.status).toBe(409);
		expect(ask.body).toContain('Einladung „Integrationsbeauftragte“ zurückziehen?');
		const open = () =>
			server
				.db()
				.select()
				.from(table.invitation)
				.where(eq(table.invitation.id, home.invitationId))
				.get();
		expect(open()).toBeDefined();
		for (const fields of [{}, { confirmed: 'on' }] as Record<string, string>[]) {
			const theirs = await admin.post(`${members}?/revokeInvitation`, {
				invitationId: away.invitationId,
				...fields
			});
			expect(theirs.status).toBe(404);
		}
		const revoked = await admin.post(`${members}?/revokeInvitation`, {
			invitationId: home.invitationId,
			confirmed: 'on'
		});
		expect(revoked.status).toBe(200);
		expect(open()).toBeUndefined();
	});
});
