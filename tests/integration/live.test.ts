import { count } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { createActivity } from '../../src/lib/server/workshop/activities';
import { joinEvent, participantCookieName } from '../../src/lib/server/workshop/participants';
import { createMember, createTestEvent, createTestOrganisation, testPassword } from '../factories';
import { connectLive, next, send, type LiveClient } from './live-client';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
const seeded = {
	eventId: 0,
	activityId: 0,
	moderatorEmail: '',
	strangerEmail: '',
	participants: [] as { id: string; cookie: string }[]
};
const open: LiveClient[] = [];

async function seed(db: Db) {
	const org = createTestOrganisation(db, 'Landkreis Konstanz');
	seeded.moderatorEmail = (await createMember(db, org.id, 'moderator')).email;
	seeded.strangerEmail = (
		await createMember(db, createTestOrganisation(db, 'Anderswo').id, 'admin')
	).email;
	seeded.eventId = createTestEvent(db, org.id).event.id;
	seeded.activityId = createActivity(db, seeded.eventId, {
		question: 'Was hilft beim Einstieg in Arbeit?',
		fieldOfActionId: null,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 2,
		namedIdeas: false
	}).id;
	for (const category of ['politics', 'civil_society', null] as const) {
		const { participant, token } = joinEvent(db, seeded.eventId, {
			displayName: null,
			category,
			locale: 'de'
		});
		seeded.participants.push({ id: participant.id, cookie: `${participantCookieName}=${token}` });
	}
}

async function participant(index = 0) {
	const socket = await connectLive(server.url, { cookie: seeded.participants[index]!.cookie });
	open.push(socket);
	return socket;
}

async function moderator(email = seeded.moderatorEmail) {
	const visitor = new Visitor(server.url);
	await visitor.login(email, testPassword);
	const socket = await connectLive(server.url, {
		cookie: `${sessionCookieName}=${visitor.cookie(sessionCookieName)}`,
		eventId: seeded.eventId
	});
	open.push(socket);
	return socket;
}

const activityId = () => seeded.activityId;
const newActivity = () => ({
	question: 'Was braucht eine gute Ausbildung?',
	fieldOfActionId: null,
	dotsPerParticipant: 5,
	maxDotsPerTarget: 3,
	namedIdeas: false,
	liveResults: false
});
const dotRows = () => server.db().select({ n: count() }).from(table.dot).get()!.n;

beforeAll(async () => {
	server = await startServer({ seed });
});

afterEach(() => {
	for (const socket of open.splice(0)) socket.close();
});

afterAll(() => server.stop());

describe('the live protocol', () => {
	it('refuses connections without a participant token or a moderator of the event', async () => {
		await expect(connectLive(server.url)).rejects.toThrow('unauthorised');
		await expect(
			connectLive(server.url, { cookie: `${participantCookieName}=forged.token` })
		).rejects.toThrow('unauthorised');
		await expect(moderator(seeded.strangerEmail)).rejects.toThrow('unauthorised');
		// A participant's token does not open the moderator's side.
		await expect(
			connectLive(server.url, { cookie: seeded.participants[0]!.cookie, eventId: seeded.eventId })
		).rejects.toThrow('unauthorised');
	});

	it('collects ideas, stores them before the ack, and shows them to everyone', async () => {
		const mod = await moderator();
		const phone = await participant(0);
		const other = await participant(1);
		const seen = next(other, 'ideas:changed');
		const reply = await send(phone, 'idea:submit', {
			activityId: activityId(),
			clientId: 'idea-1',
			text: 'Sprachkurse mit Kinderbetreuung',
			language: 'de'
		});
		expect(reply.ok).toBe(true);
		const stored = server.db().select().from(table.idea).all();
		expect(stored.map((i) => i.text)).toContain('Sprachkurse mit Kinderbetreuung');
		expect((await seen)?.ideas[0]?.text).toBe('Sprachkurse mit Kinderbetreuung');

		const resend = await send(phone, 'idea:submit', {
			activityId: activityId(),
			clientId: 'idea-1',
			text: 'Sprachkurse mit Kinderbetreuung',
			language: 'de'
		});
		expect(resend.ok && reply.ok && resend.value.id === reply.value.id).toBe(true);
		expect(server.db().select().from(table.idea).all()).toHaveLength(1);

		const second = await send(other, 'idea:submit', {
			activityId: activityId(),
			clientId: 'idea-2',
			text: 'Praktika in der Verwaltung',
			language: 'de'
		});
		expect(second.ok).toBe(true);
		const sync = await send(mod, 'activity:sync', { activityId: activityId() });
		expect(sync.ok && sync.value.ideas).toHaveLength(2);
	});

	it('answers malformed and unauthorised messages with their error, and keeps running', async () => {
		const phone = await participant(0);
		const mod = await moderator();
		const cases: [LiveClient, string, unknown, string][] = [
			[phone, 'idea:submit', null, 'invalid_payload'],
			[
				phone,
				'idea:submit',
				{ activityId: activityId(), clientId: 'x', text: '', language: 'de' },
				'invalid_payload'
			],
			[
				phone,
				'idea:submit',
				{ activityId: activityId(), clientId: 'x', text: 'a'.repeat(281), language: 'de' },
				'invalid_payload'
			],
			[
				phone,
				'idea:submit',
				{ activityId: 'eins', clientId: 'x', text: 'Idee', language: 'de' },
				'invalid_payload'
			],
			[
				phone,
				'idea:submit',
				{ activityId: 99999, clientId: 'x', text: 'Idee', language: 'de' },
				'not_found'
			],
			[
				phone,
				'dot:place',
				{ activityId: activityId(), clientId: 'x', target: { kind: 'person', id: 1 } },
				'invalid_payload'
			],
			[phone, 'activity:stage', { activityId: activityId(), stage: 'revealed' }, 'unauthorised'],
			[phone, 'idea:hide', { activityId: activityId(), ideaId: 1, hidden: true }, 'unauthorised'],
			[phone, 'no:such-event', {}, 'invalid_payload'],
			[
				mod,
				'dot:place',
				{ activityId: activityId(), clientId: 'x', target: { kind: 'idea', id: 1 } },
				'unauthorised'
			],
			[mod, 'activity:stage', { activityId: activityId(), stage: 'closed' }, 'wrong_stage'],
			[mod, 'activity:stage', { activityId: activityId(), stage: 'finished' }, 'invalid_payload'],
			[mod, 'idea:hide', { activityId: activityId(), ideaId: 99999, hidden: true }, 'not_found'],
			[phone, 'event:sync', 'alles', 'invalid_payload'],
			[phone, 'activity:create', newActivity(), 'unauthorised'],
			[mod, 'activity:create', { ...newActivity(), question: ' ' }, 'invalid_payload'],
			[mod, 'activity:create', { ...newActivity(), dotsPerParticipant: 0 }, 'invalid_payload'],
			[mod, 'activity:create', { ...newActivity(), fieldOfActionId: 99999 }, 'not_found']
		];
		for (const [socket, event, payload, error] of cases) {
			// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberately untyped: these are bad messages
			const reply = await (socket.timeout(5000) as any).emitWithAck(event, payload);
			expect(reply, `${event} ${JSON.stringify(payload)}`).toEqual({ ok: false, error });
		}
		expect((await send(phone, 'activity:sync', { activityId: activityId() })).ok).toBe(true);
	});

	it('moves through the stages; dots only while voting, within budget, tallies hidden until the reveal', async () => {
		const mod = await moderator();
		const phone = await participant(0);
		const tab2 = await participant(0);
		const watcher = await participant(2);
		const ideas = server.db().select().from(table.idea).all();
		const [first, second] = ideas;
		const target = { kind: 'idea' as const, id: first!.id };

		expect(
			await send(phone, 'dot:place', { activityId: activityId(), clientId: 'early', target })
		).toEqual({
			ok: false,
			error: 'wrong_stage'
		});
		const clusteringOnPhone = next(phone, 'activity:state');
		expect(
			(await send(mod, 'activity:stage', { activityId: activityId(), stage: 'clustering' })).ok
		).toBe(true);
		expect((await clusteringOnPhone)?.stage).toBe('clustering');
		const stateOnPhone = next(phone, 'activity:state');
		expect(
			(await send(mod, 'activity:stage', { activityId: activityId(), stage: 'voting' })).ok
		).toBe(true);
		expect((await stateOnPhone)?.stage).toBe('voting');

		// Two tabs of one participant race for a budget of 3 dots (at most 2 per idea).
		const attempts = Array.from({ length: 8 }, (_, i) =>
			send(i % 2 ? tab2 : phone, 'dot:place', {
				activityId: activityId(),
				clientId: `race-${i}`,
				target: { kind: 'idea', id: (i % 3 === 0 ? second : first)!.id }
			})
		);
		const moderatorTally = next(mod, 'activity:tallies');
		const phoneTally = next(watcher, 'activity:tallies', 600);
		const replies = await Promise.all(attempts);
		expect(replies.filter((r) => r.ok)).toHaveLength(3);
		expect(replies.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual(
			expect.arrayContaining(['budget_exhausted'])
		);
		expect(dotRows()).toBe(3);

		const tally = await moderatorTally;
		expect(tally?.tallies.reduce((sum, t) => sum + t.dots, 0)).toBeGreaterThan(0);
		expect(await phoneTally).toBeUndefined();
		const hidden = await send(watcher, 'activity:sync', { activityId: activityId() });
		expect(hidden.ok && hidden.value.tallies).toBeNull();

		// A resend after a dropped connection is counted once.
		const resent = await send(tab2, 'dot:remove', {
			activityId: activityId(),
			clientId: 'move-1',
			target
		});
		const again = await send(tab2, 'dot:remove', {
			activityId: activityId(),
			clientId: 'move-1',
			target
		});
		expect(resent.ok && again.ok && again.value.remaining).toBe(1);
		expect(dotRows()).toBe(2);

		const revealedTally = next(watcher, 'activity:tallies');
		expect(
			(await send(mod, 'activity:stage', { activityId: activityId(), stage: 'revealed' })).ok
		).toBe(true);
		const shown = await revealedTally;
		expect(shown?.tallies.reduce((sum, t) => sum + t.dots, 0)).toBe(2);
		expect(shown).toMatchObject({ voters: 1, participants: 3 });
		const after = await send(watcher, 'activity:sync', { activityId: activityId() });
		expect(after.ok && after.value.tallies?.length).toBeGreaterThan(0);
	});

	it('gives a reconnecting phone the full current state, and loses nothing across a restart', async () => {
		const phone = await participant(0);
		phone.close();
		const mod = await moderator();
		await send(mod, 'activity:stage', { activityId: activityId(), stage: 'voting' });

		const back = await participant(0);
		const state = await send(back, 'activity:sync', { activityId: activityId() });
		expect(state.ok && state.value.stage).toBe('voting');
		expect(state.ok && state.value.mine?.remaining).toBe(1);
		mod.close();
		back.close();

		const databasePath = server.databasePath;
		const before = dotRows();
		await server.stop();
		server = await startServer({ databasePath });
		const restarted = await participant(0);
		const resumed = await send(restarted, 'activity:sync', { activityId: activityId() });
		expect(resumed.ok && resumed.value.mine?.remaining).toBe(1);
		expect(dotRows()).toBe(before);
		// Which idea holds two of the phone's dots depended on the race above: use the other one.
		if (!resumed.ok) throw new Error(resumed.error);
		const onIdea = (id: number) =>
			resumed.value.mine?.placed.find((p) => p.target.id === id)?.dots ?? 0;
		const roomy = resumed.value.ideas.find((idea) => onIdea(idea.id) < 2)!;
		const placed = await send(restarted, 'dot:place', {
			activityId: activityId(),
			clientId: 'after-restart',
			target: { kind: 'idea', id: roomy.id }
		});
		expect(placed).toMatchObject({ ok: true, value: { remaining: 0 } });
	});

	it('lets a moderator open a new activity that every phone hears of, and counts the phones present', async () => {
		const [amal, ben] = [await participant(0), await participant(1)];
		await participant(1); // Ben's second tab: one phone, counted once.
		const mod = await moderator();
		const heard = next(amal, 'event:activities');
		const created = await send(mod, 'activity:create', newActivity());
		if (!created.ok) throw new Error(created.error);
		expect(created.value).toMatchObject({ stage: 'collecting', dotsPerParticipant: 5 });
		expect((await heard)?.map((a) => a.question)).toContain('Was braucht eine gute Ausbildung?');
		const synced = await send(ben, 'event:sync', {});
		expect(synced.ok && synced.value.activities.at(-1)).toEqual({
			id: created.value.id,
			question: 'Was braucht eine gute Ausbildung?',
			stage: 'collecting'
		});

		const newId = created.value.id;
		const submitted = await send(amal, 'idea:submit', {
			activityId: newId,
			clientId: 'p1',
			text: 'Praktika',
			language: 'de'
		});
		if (!submitted.ok) throw new Error(submitted.error);
		for (const stage of ['clustering', 'voting'] as const) {
			await send(mod, 'activity:stage', { activityId: newId, stage });
		}
		const tallies = new Promise((counted) =>
			mod.on('activity:tallies', (payload) => {
				if (payload.activityId === newId && payload.voters > 0) counted(payload);
			})
		);
		await send(ben, 'dot:place', {
			activityId: newId,
			clientId: 'b1',
			target: { kind: 'idea', id: submitted.value.id }
		});
		expect(await tallies).toMatchObject({ activityId: newId, voters: 1, present: 2 });
	});
});
