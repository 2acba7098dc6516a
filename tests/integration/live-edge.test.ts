/**
 * Regression tests for the live protocol's edges, over real sockets against the production
 * build: handshakes that must be refused, moderators who lose their rights, resends and rate
 * limits, foreign ids, a read flood, and what the phones are sent.
 */
import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../src/lib/server/auth/session';
import * as table from '../../src/lib/server/db/schema';
import { changeMemberRole, removeMember } from '../../src/lib/server/organisations/organisations';
import { createActivity } from '../../src/lib/server/workshop/activities';
import { joinEvent, participantCookieName } from '../../src/lib/server/workshop/participants';
import { handshakeErrorCodes } from '../../src/lib/workshop/errors';
import { ideaBurst } from '../../src/lib/workshop/limits';
import { createMember, createTestEvent, createTestOrganisation, testPassword } from '../factories';
import {
	connectLive,
	connectWith,
	disconnection,
	next,
	send,
	type LiveClient
} from './live-client';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
const open: LiveClient[] = [];
/** The first event of the server's database: a coerced `eventId` would open it. */
const first = { eventId: 0, moderatorCookie: '' };

const track = (socket: LiveClient) => {
	open.push(socket);
	return socket;
};

async function signIn(email: string) {
	const visitor = new Visitor(server.url);
	await visitor.login(email, testPassword);
	return {
		visitor,
		cookie: `${sessionCookieName}=${visitor.cookie(sessionCookieName)}`
	};
}

let workshops = 0;

/** An organisation of its own with an admin, a moderator, an event, activities and phones. */
async function workshop(
	options: { stage?: table.Activity['stage']; ideas?: string[]; phones?: number } = {}
) {
	const db = server.db();
	workshops += 1;
	const org = createTestOrganisation(db, `Kreis ${workshops}`);
	const admin = await createMember(db, org.id, 'admin');
	const moderator = await createMember(db, org.id, 'moderator');
	const { event } = createTestEvent(db, org.id);
	const activity = createActivity(db, event.id, {
		question: 'Was hilft beim Ankommen?',
		fieldOfActionId: null,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 2,
		namedIdeas: false,
		liveResults: false
	});
	db.update(table.activity)
		.set({ stage: options.stage ?? 'collecting' })
		.where(eq(table.activity.id, activity.id))
		.run();
	const ideaIds = (options.ideas ?? []).map(
		(text) =>
			db
				.insert(table.idea)
				.values({ activityId: activity.id, text, language: 'de' })
				.returning()
				.get().id
	);
	const phones = Array.from({ length: options.phones ?? 1 }, () => {
		const { token, participant } = joinEvent(db, event.id, {
			displayName: null,
			category: null,
			locale: 'de'
		});
		return { id: participant.id, cookie: `${participantCookieName}=${token}` };
	});
	const phone = (index = 0) =>
		connectLive(server.url, { cookie: phones[index]!.cookie }).then(track);
	const moderatorSocket = async (email = moderator.email) => {
		const { cookie } = await signIn(email);
		return track(await connectLive(server.url, { cookie, eventId: event.id }));
	};
	return {
		org,
		admin,
		moderator,
		event,
		activityId: activity.id,
		ideaIds,
		phones,
		phone,
		moderatorSocket
	};
}

async function serverStaysUp() {
	expect((await new Visitor(server.url).get('/login')).status).toBe(200);
	const socket = track(
		await connectLive(server.url, { cookie: first.moderatorCookie, eventId: first.eventId })
	);
	expect((await send(socket, 'event:sync', {})).ok).toBe(true);
}

const refusal = (attempt: Promise<LiveClient>) =>
	attempt.then(
		(socket) => {
			track(socket);
			return 'connected';
		},
		(error: Error) => error.message
	);

beforeAll(async () => {
	server = await startServer();
	const db = server.db();
	const org = createTestOrganisation(db, 'Erster Kreis');
	const moderator = await createMember(db, org.id, 'moderator');
	first.eventId = createTestEvent(db, org.id).event.id;
	first.moderatorCookie = (await signIn(moderator.email)).cookie;
});

afterEach(() => {
	for (const socket of open.splice(0)) socket.close();
});

afterAll(() => server.stop());

describe('live handshakes', () => {
	it('refuses a Cookie header with a broken %-escape with a code, and stays up', async () => {
		const participant = await refusal(
			connectWith(server.url, { headers: { cookie: `${participantCookieName}=abc%` }, auth: {} })
		);
		const moderator = await refusal(
			connectWith(server.url, {
				headers: { cookie: `${sessionCookieName}=%E0%A4%A` },
				auth: { eventId: first.eventId }
			})
		);
		for (const code of [participant, moderator]) expect(handshakeErrorCodes).toContain(code);
		await serverStaysUp();
	});

	it('refuses an eventId that is not a plain positive integer, and never opens event 1', async () => {
		expect(first.eventId).toBe(1);
		for (const eventId of [true, [1], ' 0x1 ', '0x1', '1', 1.5, {}, null, -1, 0]) {
			const outcome = await refusal(
				connectWith(server.url, {
					headers: { cookie: first.moderatorCookie },
					auth: { eventId }
				})
			);
			expect(outcome, JSON.stringify(eventId)).toBe('invalid_handshake');
		}
		expect(
			await refusal(
				connectWith(server.url, {
					headers: { cookie: first.moderatorCookie },
					auth: { eventId: 1, role: 'admin' }
				})
			)
		).toBe('invalid_handshake');
		await serverStaysUp();
	});

	it('refuses a foreign Origin and accepts our own or none', async () => {
		const withOrigin = (origin?: string) =>
			refusal(
				connectWith(server.url, {
					headers: { cookie: first.moderatorCookie, ...(origin ? { origin } : {}) },
					auth: { eventId: first.eventId }
				})
			);
		expect(await withOrigin('https://evil.example')).toBe('forbidden_origin');
		expect(await withOrigin(`${server.url}.evil.example`)).toBe('forbidden_origin');
		expect(await withOrigin('null')).toBe('forbidden_origin');
		expect(await withOrigin(server.url)).toBe('connected');
		expect(await withOrigin()).toBe('connected');
	});
});

describe('a moderator who loses the right to run the event', () => {
	const write = (socket: LiveClient, eventId: number) =>
		send(socket, 'activity:create', {
			question: 'Noch eine Frage?',
			fieldOfActionId: null,
			dotsPerParticipant: 3,
			maxDotsPerTarget: 2,
			namedIdeas: false,
			liveResults: false
		}).then((reply) => ({ reply, eventId }));

	/** The socket is gone, or, if it still is open, its next write is refused. */
	async function cutOff(socket: LiveClient, eventId: number) {
		const gone = await disconnection(socket, 1500);
		if (gone) return gone;
		const { reply } = await write(socket, eventId);
		expect(reply).toEqual({ ok: false, error: 'unauthorised' });
		return 'refused';
	}

	const activityCount = (eventId: number) =>
		server
			.db()
			.select({ n: count() })
			.from(table.activity)
			.where(eq(table.activity.eventId, eventId))
			.get()!.n;

	it('is disconnected at once after logging out', async () => {
		const { moderator, event } = await workshop();
		const { visitor, cookie } = await signIn(moderator.email);
		const socket = track(await connectLive(server.url, { cookie, eventId: event.id }));
		expect((await write(socket, event.id)).reply.ok).toBe(true);
		const gone = disconnection(socket);
		expect((await visitor.post('/logout')).status).toBe(303);
		expect(await gone).toBe('io server disconnect');
	});

	for (const change of ['changeRole', 'remove'] as const) {
		it(`is disconnected at once when an admin uses the members page to ${change}`, async () => {
			const { org, admin, moderator, event } = await workshop();
			const { cookie } = await signIn(moderator.email);
			const socket = track(await connectLive(server.url, { cookie, eventId: event.id }));
			const gone = disconnection(socket);
			const { visitor } = await signIn(admin.email);
			const fields: Record<string, string> = { userId: String(moderator.id), confirmed: 'on' };
			if (change === 'changeRole') fields.role = 'steering_member';
			const reply = await visitor.post(`/o/${org.slug}/members?/${change}`, fields);
			expect(reply.status).toBeLessThan(400);
			expect(await gone).toBe('io server disconnect');
			await expect(connectLive(server.url, { cookie, eventId: event.id })).rejects.toThrow(
				'unauthorised'
			);
		});
	}

	it('is refused at its next write when the role changes behind the server’s back', async () => {
		const { org, moderator, event, moderatorSocket } = await workshop();
		const socket = await moderatorSocket();
		// The test's own database handle: the server hears nothing, so only the per-write check helps.
		expect(changeMemberRole(server.db(), org.id, moderator.id, 'steering_member').ok).toBe(true);
		const before = activityCount(event.id);
		expect((await write(socket, event.id)).reply).toEqual({ ok: false, error: 'unauthorised' });
		expect(activityCount(event.id)).toBe(before);
		expect(await disconnection(socket)).toBeDefined();
	});

	it('is refused at its next write when the membership is removed behind the server’s back', async () => {
		const { org, moderator, event, moderatorSocket } = await workshop();
		const socket = await moderatorSocket();
		expect(removeMember(server.db(), org.id, moderator.id).ok).toBe(true);
		expect(await cutOff(socket, event.id)).toBeDefined();
		expect(await disconnection(socket)).toBeDefined();
	});

	it('is refused at its next write once the session has expired', async () => {
		const { moderator, event } = await workshop();
		const { cookie } = await signIn(moderator.email);
		const socket = track(await connectLive(server.url, { cookie, eventId: event.id }));
		const fifteenDaysAgo = new Date(Date.now() - 15 * 24 * 60 * 60 * 1000);
		server
			.db()
			.update(table.session)
			.set({ lastVerifiedAt: fifteenDaysAgo })
			.where(eq(table.session.userId, moderator.id))
			.run();
		const before = activityCount(event.id);
		expect((await write(socket, event.id)).reply).toEqual({ ok: false, error: 'unauthorised' });
		expect(activityCount(event.id)).toBe(before);
		expect(await disconnection(socket)).toBeDefined();
		await expect(connectLive(server.url, { cookie, eventId: event.id })).rejects.toThrow(
			'unauthorised'
		);
	});
});

describe('resends and rate limits', () => {
	const idea = (activityId: number, clientId: string, text = `Idee ${clientId}`) => ({
		activityId,
		clientId,
		text,
		language: 'de'
	});

	it('answers a resent idea inside the rate window with the original ack', async () => {
		const { activityId, phone } = await workshop();
		const socket = await phone();
		const replies = [];
		for (let i = 0; i < ideaBurst; i += 1) {
			replies.push(await send(socket, 'idea:submit', idea(activityId, `burst-${i}`)));
		}
		expect(replies.every((reply) => reply.ok)).toBe(true);
		expect(await send(socket, 'idea:submit', idea(activityId, 'one-too-many'))).toEqual({
			ok: false,
			error: 'rate_limited'
		});
		const resent = await send(socket, 'idea:submit', idea(activityId, 'burst-0'));
		expect(resent).toEqual(replies[0]);
	});

	it('does not count refused ideas against the rate budget', async () => {
		const { activityId, event, phone } = await workshop();
		const voting = createActivity(server.db(), event.id, {
			question: 'Worüber stimmen wir ab?',
			fieldOfActionId: null,
			dotsPerParticipant: 3,
			maxDotsPerTarget: 2,
			namedIdeas: false,
			liveResults: false
		});
		server
			.db()
			.update(table.activity)
			.set({ stage: 'voting' })
			.where(eq(table.activity.id, voting.id))
			.run();
		const socket = await phone();
		for (let i = 0; i < ideaBurst * 2; i += 1) {
			expect(
				await send(socket, 'idea:submit', idea(activityId, `long-${i}`, 'x'.repeat(281)))
			).toEqual({ ok: false, error: 'invalid_payload' });
			expect(await send(socket, 'idea:submit', idea(voting.id, `late-${i}`))).toEqual({
				ok: false,
				error: 'wrong_stage'
			});
		}
		for (let i = 0; i < ideaBurst; i += 1) {
			expect((await send(socket, 'idea:submit', idea(activityId, `fine-${i}`))).ok).toBe(true);
		}
	});

	it('refuses an idea client id reused in another activity', async () => {
		const { activityId, event, phone } = await workshop();
		const other = createActivity(server.db(), event.id, {
			question: 'Und was noch?',
			fieldOfActionId: null,
			dotsPerParticipant: 3,
			maxDotsPerTarget: 2,
			namedIdeas: false,
			liveResults: false
		});
		const socket = await phone();
		expect((await send(socket, 'idea:submit', idea(activityId, 'shared'))).ok).toBe(true);
		expect(await send(socket, 'idea:submit', idea(other.id, 'shared'))).toEqual({
			ok: false,
			error: 'client_id_reused'
		});
		const stored = server.db().select().from(table.idea).where(eq(table.idea.activityId, other.id));
		expect(stored.all()).toHaveLength(0);
	});

	it('counts a resent dot once and refuses its client id for a removal', async () => {
		const { activityId, ideaIds, phone, phones } = await workshop({
			stage: 'voting',
			ideas: ['Sprachcafé']
		});
		const socket = await phone();
		const target = { kind: 'idea' as const, id: ideaIds[0]! };
		const placed = await send(socket, 'dot:place', { activityId, clientId: 'dot-1', target });
		const again = await send(socket, 'dot:place', { activityId, clientId: 'dot-1', target });
		expect(placed).toEqual({
			ok: true,
			value: { placed: [{ target, dots: 1 }], remaining: 2 }
		});
		expect(again).toEqual(placed);
		expect(await send(socket, 'dot:remove', { activityId, clientId: 'dot-1', target })).toEqual({
			ok: false,
			error: 'client_id_reused'
		});
		const dots = server
			.db()
			.select()
			.from(table.dot)
			.where(and(eq(table.dot.activityId, activityId), eq(table.dot.participantId, phones[0]!.id)))
			.all();
		expect(dots).toHaveLength(1);
	});
});

describe('moderator writes with foreign ids', () => {
	it('refuses cluster:create with ideas that do not exist or belong elsewhere, creating nothing', async () => {
		const mine = await workshop({ stage: 'clustering', ideas: ['Eigene Idee'] });
		const elsewhere = await workshop({ stage: 'clustering', ideas: ['Fremde Idee'] });
		const sameEvent = createActivity(server.db(), mine.event.id, {
			question: 'Nebenan',
			fieldOfActionId: null,
			dotsPerParticipant: 3,
			maxDotsPerTarget: 2,
			namedIdeas: false,
			liveResults: false
		});
		const neighbour = server
			.db()
			.insert(table.idea)
			.values({ activityId: sameEvent.id, text: 'Nebenan', language: 'de' })
			.returning()
			.get().id;
		const socket = await mine.moderatorSocket();
		const clusters = () =>
			server
				.db()
				.select({ n: count() })
				.from(table.cluster)
				.where(
					inArray(table.cluster.activityId, [mine.activityId, sameEvent.id, elsewhere.activityId])
				)
				.get()!.n;
		for (const foreign of [99_999_999, elsewhere.ideaIds[0]!, neighbour]) {
			const reply = await send(socket, 'cluster:create', {
				activityId: mine.activityId,
				title: 'Gemischt',
				ideaIds: [mine.ideaIds[0]!, foreign]
			});
			expect(reply).toEqual({ ok: false, error: 'not_found' });
		}
		expect(clusters()).toBe(0);
		const ideas = server
			.db()
			.select({ clusterId: table.idea.clusterId })
			.from(table.idea)
			.where(inArray(table.idea.id, [mine.ideaIds[0]!, elsewhere.ideaIds[0]!, neighbour]))
			.all();
		expect(ideas.every((row) => row.clusterId === null)).toBe(true);
	});
});

describe('a read flood', () => {
	it('throttles 500 parallel syncs from one socket while another moderator is answered', async () => {
		const { activityId, ideaIds, phone, moderatorSocket } = await workshop({ ideas: ['Idee'] });
		const flooder = await phone();
		const moderator = await moderatorSocket();
		const flood = Array.from({ length: 500 }, () => send(flooder, 'activity:sync', { activityId }));
		const started = performance.now();
		const action = await send(moderator, 'idea:hide', {
			activityId,
			ideaId: ideaIds[0]!,
			hidden: true
		});
		const latency = performance.now() - started;
		const replies = await Promise.all(flood);
		console.log(`read flood: moderator's idea:hide answered after ${latency.toFixed(1)} ms`);
		expect(action.ok).toBe(true);
		const limited = replies.filter((reply) => !reply.ok && reply.error === 'rate_limited');
		expect(limited.length).toBeGreaterThan(400);
		expect(replies.length - limited.length).toBeGreaterThan(0);
	});
});

describe('what the phones are sent', () => {
	it('sends cluster:changed and ideas:changed for clustering, never a whole activity:state', async () => {
		const { activityId, ideaIds, phone, moderatorSocket } = await workshop({
			stage: 'clustering',
			ideas: ['Deutschkurs', 'Sprachcafé']
		});
		const socket = await phone();
		const states: unknown[] = [];
		socket.on('activity:state', (state) => states.push(state));
		const moderator = await moderatorSocket();
		const cluster = next(socket, 'cluster:changed');
		const ideas = next(socket, 'ideas:changed');
		const created = await send(moderator, 'cluster:create', {
			activityId,
			title: 'Sprache',
			ideaIds
		});
		if (!created.ok) throw new Error(created.error);
		expect(await cluster).toEqual({ activityId, cluster: created.value });
		const changed = await ideas;
		expect(changed?.activityId).toBe(activityId);
		expect(changed?.ideas.map((i) => [i.id, i.clusterId])).toEqual(
			ideaIds.map((id) => [id, created.value.id])
		);
		expect(states).toEqual([]);
	});

	it('sends ideas:removed when an idea is hidden', async () => {
		const { activityId, ideaIds, phone, moderatorSocket } = await workshop({
			ideas: ['Unpassend', 'Passend']
		});
		const socket = await phone();
		const changed: unknown[] = [];
		socket.on('ideas:changed', (payload) => changed.push(payload));
		const moderator = await moderatorSocket();
		const removed = next(socket, 'ideas:removed');
		expect(
			(await send(moderator, 'idea:hide', { activityId, ideaId: ideaIds[0]!, hidden: true })).ok
		).toBe(true);
		expect(await removed).toEqual({ activityId, ideaIds: [ideaIds[0]] });
		expect(changed).toEqual([]);
		const synced = await send(socket, 'activity:sync', { activityId });
		expect(synced.ok && synced.value.ideas.map((i) => i.id)).toEqual([ideaIds[1]]);
	});
});
