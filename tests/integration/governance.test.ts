/**
 * Approvals as bodies decide, and roles in one process, against the production server: the
 * steering group's rule (one member, the chair, a majority), refusals with a reason, and an
 * external moderator who sees one process of the organisation and nothing else.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addMember as addBodyMember,
	createBody,
	setApprovalRule
} from '../../src/lib/server/bodies/bodies';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { createEvent } from '../../src/lib/server/events/events';
import { draftMinutes, submitMinutes } from '../../src/lib/server/minutes/minutes';
import { addMember } from '../../src/lib/server/organisations/organisations';
import { grantProcessRole } from '../../src/lib/server/organisations/process-members';
import { createProcess } from '../../src/lib/server/process/processes';
import { createTestOrganisation, createTestUser, testPassword } from '../factories';
import { sessionCookieName } from '../../src/lib/server/auth/session';
import { connectLive, disconnection, send } from './live-client';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;

interface Place {
	slug: string;
	processId: number;
	eventId: number;
	minutesId: number;
	bodyId: number | null;
}

const people = {
	owner: '',
	first: '',
	second: '',
	third: '',
	chair: '',
	bystander: '',
	external: '',
	outsider: ''
};
const ids = { first: 0, second: 0 };
let orgSlug = '';
const places: Record<
	'majority' | 'refusal' | 'chair' | 'any' | 'legacy' | 'paper' | 'other',
	Place
> = {} as never;
let foreign: Place;

/** A process whose minutes wait for approval, its steering group made of `members`. */
function submittedPlace(
	db: Db,
	organisation: { id: number; slug: string },
	title: string,
	steering: { rule: table.ApprovalRule; members: [number, 'chair' | 'member'][] } | null
): Place {
	const process = createProcess(db, {
		organisationId: organisation.id,
		title,
		description: '',
		template: 'empty',
		startsOn: '2026-01-01'
	});
	let bodyId: number | null = null;
	if (steering) {
		const body = createBody(db, process.id, {
			kind: 'steering_group',
			name: `Steuerungsgruppe ${title}`,
			description: '',
			fieldOfActionId: null,
			isPublic: false
		});
		setApprovalRule(db, body.id, steering.rule);
		for (const [userId, role] of steering.members) {
			addBodyMember(db, body.id, {
				name: `Mitglied ${userId}`,
				affiliation: '',
				function: role,
				category: null,
				userId
			});
		}
		// A member without an account counts for no majority.
		addBodyMember(db, body.id, {
			name: 'Ohne Konto',
			affiliation: '',
			function: 'member',
			category: null,
			userId: null
		});
		bodyId = body.id;
	}
	const event = createEvent(db, process.id, {
		title: `Sitzung ${title}`,
		description: '',
		place: '',
		startsAt: '2026-03-01T17:00',
		endsAt: '2026-03-01T19:00',
		isPublic: false,
		status: 'closed',
		bodyId,
		phaseId: null
	});
	const minutes = draftMinutes(db, event.id);
	submitMinutes(db, event.id, minutes.id);
	return {
		slug: `/o/${organisation.slug}/p/${process.slug}`,
		processId: process.id,
		eventId: event.id,
		minutesId: minutes.id,
		bodyId
	};
}

async function seed(db: Db) {
	const organisation = createTestOrganisation(db, 'Stadt Freigabehausen');
	orgSlug = organisation.slug;
	const member = async (key: keyof typeof people, role: table.Role | null, name: string) => {
		const user = await createTestUser(db, { name });
		if (role) addMember(db, organisation.id, user.id, role);
		people[key] = user.email;
		return user.id;
	};
	await member('owner', 'process_owner', 'Integrationsbeauftragte');
	ids.first = await member('first', 'steering_member', 'Erstes Mitglied');
	ids.second = await member('second', 'steering_member', 'Zweites Mitglied');
	const third = await member('third', 'steering_member', 'Drittes Mitglied');
	const chair = await member('chair', 'steering_member', 'Vorsitz');
	await member('bystander', 'moderator', 'Moderation im Haus');
	const external = await member('external', null, 'Externe Moderation');

	const trio: [number, 'chair' | 'member'][] = [
		[ids.first, 'member'],
		[ids.second, 'member'],
		[third, 'member']
	];
	places.majority = submittedPlace(db, organisation, 'Mehrheit', {
		rule: 'majority',
		members: trio
	});
	places.refusal = submittedPlace(db, organisation, 'Ablehnung', {
		rule: 'majority',
		members: trio
	});
	places.chair = submittedPlace(db, organisation, 'Vorsitz', {
		rule: 'chair',
		members: [...trio, [chair, 'chair']]
	});
	places.any = submittedPlace(db, organisation, 'Einzeln', { rule: 'any_member', members: trio });
	places.legacy = submittedPlace(db, organisation, 'Ohne Gremium', null);
	places.paper = submittedPlace(db, organisation, 'Papier', { rule: 'majority', members: trio });
	places.other = submittedPlace(db, organisation, 'Nicht freigegeben', null);
	grantProcessRole(
		db,
		{ id: places.any.processId, organisationId: organisation.id },
		external,
		'moderator'
	);

	const other = createTestOrganisation(db, 'Landkreis Anderswo');
	const outsider = await createTestUser(db, { name: 'Anderswo' });
	addMember(db, other.id, outsider.id, 'admin');
	people.outsider = outsider.email;
	foreign = submittedPlace(db, other, 'Fremd', {
		rule: 'any_member',
		members: [[outsider.id, 'member']]
	});
}

beforeAll(async () => {
	server = await startServer({ seed });
});
afterAll(() => server?.stop());

async function as(who: keyof typeof people): Promise<Visitor> {
	const visitor = new Visitor(server.url);
	const reply = await visitor.login(people[who], testPassword);
	expect(reply.status, reply.body).toBe(303);
	return visitor;
}

const minutesPath = (place: Place) => `${place.slug}/events/${place.eventId}/minutes`;

function minutesRow(place: Place) {
	return server
		.db()
		.select()
		.from(table.minutes)
		.where(eq(table.minutes.id, place.minutesId))
		.get()!;
}

function decisions(place: Place) {
	return server
		.db()
		.select()
		.from(table.minutesApproval)
		.where(eq(table.minutesApproval.minutesId, place.minutesId))
		.all();
}

describe('approving minutes as the steering group decides', () => {
	it('under the majority rule: two of three members approve, each once, shown with names', async () => {
		const place = places.majority;
		const first = await as('first');
		const approved = await first.post(`${minutesPath(place)}?/approve`, {
			minutesId: String(place.minutesId)
		});
		expect(approved.status, approved.body).toBe(200);
		expect(minutesRow(place).status).toBe('submitted');
		const again = await first.post(`${minutesPath(place)}?/approve`, {
			minutesId: String(place.minutesId)
		});
		expect(again.status).toBe(409);
		expect(decisions(place)).toHaveLength(1);

		const page = await first.get(minutesPath(place));
		expect(page.body).toContain('1 von 2 Freigaben');
		expect(page.body).toContain('Erstes Mitglied');

		const second = await as('second');
		expect(
			(await second.post(`${minutesPath(place)}?/approve`, { minutesId: String(place.minutesId) }))
				.status
		).toBe(200);
		const stored = minutesRow(place);
		expect(stored.status).toBe('approved');
		expect(stored.approvedByName).toBe('Erstes Mitglied, Zweites Mitglied');
		const shown = await second.get(minutesPath(place));
		expect(shown.body).toContain('2 von 2 Freigaben');
		expect(shown.body).toContain('Zweites Mitglied');
		// Approved minutes take no further decision.
		const third = await as('third');
		expect(
			(await third.post(`${minutesPath(place)}?/approve`, { minutesId: String(place.minutesId) }))
				.status
		).toBe(409);
	});

	it('under the chair rule only the chair approves', async () => {
		const place = places.chair;
		const member = await as('first');
		expect(
			(await member.post(`${minutesPath(place)}?/approve`, { minutesId: String(place.minutesId) }))
				.status
		).toBe(403);
		const chair = await as('chair');
		expect(
			(await chair.post(`${minutesPath(place)}?/approve`, { minutesId: String(place.minutesId) }))
				.status
		).toBe(200);
		expect(minutesRow(place).status).toBe('approved');
	});

	it('under the one-member rule one approval suffices; people outside the body may not', async () => {
		const place = places.any;
		const bystander = await as('bystander');
		expect(
			(
				await bystander.post(`${minutesPath(place)}?/approve`, {
					minutesId: String(place.minutesId)
				})
			).status
		).toBe(403);
		const member = await as('third');
		expect(
			(await member.post(`${minutesPath(place)}?/approve`, { minutesId: String(place.minutesId) }))
				.status
		).toBe(200);
		expect(minutesRow(place).status).toBe('approved');
	});

	it('without a steering group, one person whose role approves minutes approves alone', async () => {
		const place = places.legacy;
		const bystander = await as('bystander');
		expect(
			(
				await bystander.post(`${minutesPath(place)}?/approve`, {
					minutesId: String(place.minutesId)
				})
			).status
		).toBe(403);
		const member = await as('first');
		expect(
			(await member.post(`${minutesPath(place)}?/approve`, { minutesId: String(place.minutesId) }))
				.status
		).toBe(200);
		expect(minutesRow(place).status).toBe('approved');
	});

	it('the process owner records an approval given on paper', async () => {
		const place = places.paper;
		const member = await as('first');
		expect(
			(
				await member.post(`${minutesPath(place)}?/recordOnPaper`, {
					minutesId: String(place.minutesId)
				})
			).status
		).toBe(403);
		const owner = await as('owner');
		expect(
			(
				await owner.post(`${minutesPath(place)}?/recordOnPaper`, {
					minutesId: String(place.minutesId)
				})
			).status
		).toBe(200);
		expect(minutesRow(place).status).toBe('approved');
		expect(decisions(place)).toMatchObject([{ onPaper: true, name: 'Integrationsbeauftragte' }]);
		expect((await owner.get(minutesPath(place))).body).toContain('auf Papier erteilt');
	});

	it('a refusal needs a reason and a confirmation, sends the draft back and stays in history', async () => {
		const place = places.refusal;
		const path = `${minutesPath(place)}?/refuse`;
		const first = await as('first');
		await first.post(`${minutesPath(place)}?/approve`, { minutesId: String(place.minutesId) });
		const second = await as('second');
		const without = await second.post(path, { minutesId: String(place.minutesId), reason: '  ' });
		expect(without.status).toBe(400);
		const tooLong = await second.post(path, {
			minutesId: String(place.minutesId),
			reason: 'x'.repeat(1001)
		});
		expect(tooLong.status).toBe(400);
		const hostile = 'Punkt 2 fehlt <script>alert(1)</script>\u202e\u0007';
		const asked = await second.post(path, { minutesId: String(place.minutesId), reason: hostile });
		expect(asked.status).toBe(409);
		expect(asked.body).toContain('Protokoll mit dieser Begründung ablehnen?');
		expect(minutesRow(place).status).toBe('submitted');
		const refused = await second.post(path, {
			minutesId: String(place.minutesId),
			reason: hostile,
			confirmed: 'on'
		});
		expect(refused.status, refused.body).toBe(200);
		expect(minutesRow(place).status).toBe('draft');
		const refusal = decisions(place).find((decision) => decision.decision === 'refused')!;
		expect(refusal.reason).toBe('Punkt 2 fehlt <script>alert(1)</script>');
		const page = await first.get(minutesPath(place));
		expect(page.body).toContain('Abgelehnt von Zweites Mitglied');
		expect(page.body).toContain('Punkt 2 fehlt &lt;script>');
		expect(page.body).not.toContain('<script>alert(1)');

		// A draft is refused no further; once submitted again, earlier approvals no longer count.
		expect(
			(await second.post(path, { minutesId: String(place.minutesId), reason: 'Noch einmal' }))
				.status
		).toBe(409);
		const owner = await as('owner');
		expect(
			(await owner.post(`${minutesPath(place)}?/submit`, { minutesId: String(place.minutesId) }))
				.status
		).toBe(200);
		expect(
			(await first.post(`${minutesPath(place)}?/approve`, { minutesId: String(place.minutesId) }))
				.status
		).toBe(200);
		expect(minutesRow(place).status).toBe('submitted');
		expect(
			(await second.post(`${minutesPath(place)}?/approve`, { minutesId: String(place.minutesId) }))
				.status
		).toBe(200);
		expect(minutesRow(place).status).toBe('approved');
		const history = await owner.get(minutesPath(place));
		expect(history.body).toContain('Ablehnungen');

		// The audit log names both kinds of decision in the reader's words.
		const logged = server
			.db()
			.select()
			.from(table.auditLog)
			.where(
				and(
					eq(table.auditLog.tableName, 'minutes_approval'),
					eq(table.auditLog.operation, 'insert')
				)
			)
			.all();
		expect(logged.some((entry) => entry.actorName === 'Zweites Mitglied')).toBe(true);
	});

	it('refuses malformed and foreign ids', async () => {
		const first = await as('first');
		const place = places.other;
		expect((await first.post(`${minutesPath(place)}?/approve`, { minutesId: 'abc' })).status).toBe(
			400
		);
		expect(
			(await first.post(`${minutesPath(place)}?/approve`, { minutesId: String(foreign.minutesId) }))
				.status
		).toBe(404);
		expect(
			(
				await first.post(`${minutesPath(place)}?/refuse`, {
					minutesId: String(foreign.minutesId),
					reason: 'Fremd',
					confirmed: 'on'
				})
			).status
		).toBe(404);
		expect((await first.get(minutesPath(foreign))).status).toBe(404);
		expect(decisions(foreign)).toEqual([]);
		expect(minutesRow(foreign).status).toBe('submitted');
	});
});

describe('a role in one process', () => {
	it('lets an external moderator into that process only', async () => {
		const external = await as('external');
		const own = places.any;
		for (const path of [
			own.slug,
			`${own.slug}/events`,
			`${own.slug}/events/${own.eventId}/live`,
			`${own.slug}/measures/massnahmen.csv`,
			minutesPath(own)
		]) {
			expect((await external.get(path)).status, path).toBe(200);
		}
		const home = await external.get(`/o/${orgSlug}`);
		expect(home.status).toBe(200);
		expect(home.body).toContain('Einzeln');
		expect(home.body).not.toContain('Mehrheit');
		for (const path of [
			places.majority.slug,
			minutesPath(places.majority),
			`${places.majority.slug}/events/${places.majority.eventId}/live`,
			`/o/${orgSlug}/audit`,
			`/o/${orgSlug}/members`,
			`/o/${orgSlug}/legal`,
			`/o/${orgSlug}/processes/new`,
			foreign.slug
		]) {
			expect((await external.get(path)).status, path).toBe(404);
		}
		// A moderator manages events but approves no minutes and edits no process.
		expect((await external.get(`${own.slug}/measures/new`)).status).toBe(200);
		expect(
			(await external.post(`${minutesPath(own)}?/approve`, { minutesId: String(own.minutesId) }))
				.status
		).toBe(403);
	});

	it('opens the live console of that process only, and closes it when the role is taken', async () => {
		const db = server.db();
		const organisation = db
			.select()
			.from(table.organisation)
			.where(eq(table.organisation.slug, orgSlug))
			.get()!;
		const moderator = await createTestUser(db, { name: 'Moderation auf Zeit' });
		grantProcessRole(
			db,
			{ id: places.legacy.processId, organisationId: organisation.id },
			moderator.id,
			'moderator'
		);
		const visitor = new Visitor(server.url);
		expect((await visitor.login(moderator.email, testPassword)).status).toBe(303);
		const cookie = `${sessionCookieName}=${visitor.cookie(sessionCookieName)}`;

		const elsewhere = await connectLive(server.url, {
			cookie,
			eventId: places.majority.eventId
		}).then(
			(socket) => {
				socket.close();
				return 'connected';
			},
			(error: Error) => error.message
		);
		expect(elsewhere).not.toBe('connected');

		const socket = await connectLive(server.url, { cookie, eventId: places.legacy.eventId });
		try {
			expect((await send(socket, 'event:sync', {})).ok).toBe(true);
			const admin = await createTestUser(db, { name: 'Verwaltung Live' });
			addMember(db, organisation.id, admin.id, 'admin');
			const office = new Visitor(server.url);
			expect((await office.login(admin.email, testPassword)).status).toBe(303);
			const closed = disconnection(socket, 10_000);
			const removed = await office.post(`/o/${orgSlug}/members?/removeProcessRole`, {
				userId: String(moderator.id),
				processId: String(places.legacy.processId),
				confirmed: 'on'
			});
			expect(removed.status).toBe(200);
			expect(await closed).toBeTruthy();
		} finally {
			socket.close();
		}
	});

	it('is given by invitation on the members page and taken back with a confirmation', async () => {
		const admin = new Visitor(server.url);
		const adminUser = await createTestUser(server.db(), { name: 'Verwaltung' });
		const organisation = server
			.db()
			.select()
			.from(table.organisation)
			.where(eq(table.organisation.slug, orgSlug))
			.get()!;
		addMember(server.db(), organisation.id, adminUser.id, 'admin');
		expect((await admin.login(adminUser.email, testPassword)).status).toBe(303);

		const foreignProcess = await admin.post(`/o/${orgSlug}/members?/invite`, {
			role: 'moderator',
			note: '',
			processId: String(foreign.processId)
		});
		expect(foreignProcess.status).toBe(404);
		const invited = await admin.post(`/o/${orgSlug}/members?/invite`, {
			role: 'process_owner',
			note: 'Beratung',
			processId: String(places.chair.processId)
		});
		expect(invited.status).toBe(200);
		const link = /\/invite\/([\w.-]+)/.exec(invited.body)?.[1];
		expect(link).toBeTruthy();

		const consultant = await createTestUser(server.db(), { name: 'Externe Beratung' });
		const guest = new Visitor(server.url);
		expect((await guest.login(consultant.email, testPassword)).status).toBe(303);
		expect((await guest.post(`/invite/${link}?/accept`, {})).status).toBe(303);
		expect((await guest.get(places.chair.slug)).status).toBe(200);
		expect((await guest.get(places.legacy.slug)).status).toBe(404);

		const members = await admin.get(`/o/${orgSlug}/members`);
		expect(members.body).toContain('Externe Beratung');
		const ask = await admin.post(`/o/${orgSlug}/members?/removeProcessRole`, {
			userId: String(consultant.id),
			processId: String(places.chair.processId)
		});
		expect(ask.status).toBe(409);
		expect((await guest.get(places.chair.slug)).status).toBe(200);
		const removed = await admin.post(`/o/${orgSlug}/members?/removeProcessRole`, {
			userId: String(consultant.id),
			processId: String(places.chair.processId),
			confirmed: 'on'
		});
		expect(removed.status).toBe(200);
		expect((await guest.get(places.chair.slug)).status).toBe(404);
		expect((await guest.get(`/o/${orgSlug}`)).status).toBe(404);
	});
});
