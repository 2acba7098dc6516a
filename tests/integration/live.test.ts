import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../src/lib/server/auth/session';
import type { ActivityStage } from '../../src/lib/domain';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { createActivity } from '../../src/lib/server/workshop/activities';
import { joinEvent, participantCookieName } from '../../src/lib/server/workshop/participants';
import { createMember, createTestEvent, createTestOrganisation, testPassword } from '../factories';
import { connectLive, next, send, type LiveClient } from './live-client';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
const seeded = { organisationId: 0, moderatorEmail: '', strangerEmail: '' };
const open: LiveClient[] = [];

async function seed(db: Db) {
	seeded.organisationId = createTestOrganisation(db, 'Landkreis Konstanz').id;
	seeded.moderatorEmail = (await createMember(db, seeded.organisationId, 'moderator')).email;
	seeded.strangerEmail = (
		await createMember(db, createTestOrganisation(db, 'Anderswo').id, 'admin')
	).email;
}

interface Workshop {
	eventId: number;
	activityId: number;
	participants: { id: string; cookie: string }[];
}

/** Each test gets its own event, activity and three phones, written into the server's file. */
function workshop(): Workshop {
	const db = server.db();
	const eventId = createTestEvent(db, seeded.organisationId).event.id;
	const activityId = createActivity(db, eventId, {
		question: 'Was hilft beim Einstieg in Arbeit?',
		fieldOfActionId: null,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 2,
		namedIdeas: false
	}).id;
	const participants = (['politics', 'civil_society', null] as const).map((category) => {
		const { participant, token } = joinEvent(db, eventId, {
			displayName: null,
			category,
			locale: 'de'
		});
		return { id: participant.id, cookie: `${participantCookieName}=${token}` };
	});
	return { eventId, activityId, participants };
}

async function participant(of: Workshop, index = 0) {
	const socket = await connectLive(server.url, { cookie: of.participants[index]!.cookie });
	open.push(socket);
	return socket;
}

async function moderator(of: Workshop, email = seeded.moderatorEmail) {
	const visitor = new Visitor(server.url);
	await visitor.login(email, testPassword);
	const socket = await connectLive(server.url, {
		cookie: `${sessionCookieName}=${visitor.cookie(sessionCookieName)}`,
		eventId: of.eventId
	});
	open.push(socket);
	return socket;
}

const newActivity = () => ({
	question: 'Was braucht eine gute Ausbildung?',
	fieldOfActionId: null,
	dotsPerParticipant: 5,
	maxDotsPerTarget: 3,
	namedIdeas: false,
	liveResults: false
});
const dotRows = (activityId: number) =>
	server
		.db()
		.select({ n: count() })
		.from(table.dot)
		.where(eq(table.dot.activityId, activityId))
		.get()!.n;
const ideasOf = (activityId: number) =>
	server.db().select().from(table.idea).where(eq(table.idea.activityId, activityId)).all();

/** Two ideas, sent from two phones while collecting. */
async function collectTwoIdeas(of: Workshop) {
	for (const [index, text] of [
		'Sprachkurse mit Kinderbetreuung',
		'Praktika in der Verwaltung'
	].entries()) {
		const phone = await participant(of, index);
		const reply = await send(phone, 'idea:submit', {
			activityId: of.activityId,
			clientId: `idea-${index}`,
			text,
			language: 'de'
		});
		if (!reply.ok) throw new Error(reply.error);
	}
	return ideasOf(of.activityId);
}

async function moveTo(mod: LiveClient, of: Workshop, ...stages: ActivityStage[]) {
	for (const stage of stages) {
		const reply = await send(mod, 'activity:stage', { activityId: of.activityId, stage });
		if (!reply.ok) throw new Error(`${stage}: ${reply.error}`);
	}
}

beforeAll(async () => {
	server = await startServer({ seed });
});

afterEach(() => {
	for (const socket of open.splice(0)) socket.close();
});

afterAll(() => server.stop());

describe('the live protocol', () => {
	it('refuses connections without a participant token or a moderator of the event', async () => {
		const of = workshop();
		await expect(connectLive(server.url)).rejects.toThrow('unauthorised');
		await expect(
			connectLive(server.url, { cookie: `${participantCookieName}=forged.token` })
		).rejects.toThrow('unauthorised');
		await expect(moderator(of, seeded.strangerEmail)).rejects.toThrow('unauthorised');
		// A participant's token does not open the moderator's side.
		await expect(
			connectLive(server.url, { cookie: of.participants[0]!.cookie, eventId: of.eventId })
		).rejects.toThrow('unauthorised');
	});

	it('collects ideas, stores them before the ack, and shows them to everyone', async () => {
		const of = workshop();
		const mod = await moderator(of);
		const phone = await participant(of, 0);
		const other = await participant(of, 1);
		const seen = next(other, 'ideas:changed');
		const idea = {
			activityId: of.activityId,
			clientId: 'idea-1',
			text: 'Sprachkurse mit Kinderbetreuung',
			language: 'de'
		};
		const reply = await send(phone, 'idea:submit', idea);
		expect(reply.ok).toBe(true);
		expect(ideasOf(of.activityId).map((i) => i.text)).toEqual(['Sprachkurse mit Kinderbetreuung']);
		expect((await seen)?.ideas[0]?.text).toBe('Sprachkurse mit Kinderbetreuung');

		const resend = await send(phone, 'idea:submit', idea);
		expect(resend.ok && reply.ok && resend.value.id === reply.value.id).toBe(true);
		expect(ideasOf(of.activityId)).toHaveLength(1);

		const second = await send(other, 'idea:submit', {
			...idea,
			clientId: 'idea-2',
			text: 'Praktika in der Verwaltung'
		});
		expect(second.ok).toBe(true);
		const sync = await send(mod, 'activity:sync', { activityId: of.activityId });
		expect(sync.ok && sync.value.ideas).toHaveLength(2);
	});

	it('answers malformed and unauthorised messages with their error, and keeps running', async () => {
		const of = workshop();
		const activityId = of.activityId;
		const phone = await participant(of, 0);
		const mod = await moderator(of);
		const cases: [LiveClient, string, unknown, string][] = [
			[phone, 'idea:submit', null, 'invalid_payload'],
			[
				phone,
				'idea:submit',
				{ activityId, clientId: 'x', text: '', language: 'de' },
				'invalid_payload'
			],
			[
				phone,
				'idea:submit',
				{ activityId, clientId: 'x', text: 'a'.repeat(281), language: 'de' },
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
				{ activityId, clientId: 'x', target: { kind: 'person', id: 1 } },
				'invalid_payload'
			],
			[phone, 'activity:stage', { activityId, stage: 'revealed' }, 'unauthorised'],
			[phone, 'idea:hide', { activityId, ideaId: 1, hidden: true }, 'unauthorised'],
			[phone, 'no:such-event', {}, 'invalid_payload'],
			[
				mod,
				'dot:place',
				{ activityId, clientId: 'x', target: { kind: 'idea', id: 1 } },
				'unauthorised'
			],
			[mod, 'activity:stage', { activityId, stage: 'closed' }, 'wrong_stage'],
			[mod, 'activity:stage', { activityId, stage: 'finished' }, 'invalid_payload'],
			[mod, 'idea:hide', { activityId, ideaId: 99999, hidden: true }, 'not_found'],
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
		expect((await send(phone, 'activity:sync', { activityId })).ok).toBe(true);
	});

	it('moves through the stages; dots only while voting, within budget, tallies hidden until the reveal', async () => {
		const of = workshop();
		const activityId = of.activityId;
		const [first, second] = await collectTwoIdeas(of);
		const mod = await moderator(of);
		const phone = await participant(of, 0);
		const tab2 = await participant(of, 0);
		const watcher = await participant(of, 2);
		const target = { kind: 'idea' as const, id: first!.id };

		expect(await send(phone, 'dot:place', { activityId, clientId: 'early', target })).toEqual({
			ok: false,
			error: 'wrong_stage'
		});
		const clusteringOnPhone = next(phone, 'activity:state');
		await moveTo(mod, of, 'clustering');
		expect((await clusteringOnPhone)?.stage).toBe('clustering');
		const stateOnPhone = next(phone, 'activity:state');
		await moveTo(mod, of, 'voting');
		expect((await stateOnPhone)?.stage).toBe('voting');

		// Two tabs of one participant race for a budget of 3 dots (at most 2 per idea).
		const attempts = Array.from({ length: 8 }, (_, i) =>
			send(i % 2 ? tab2 : phone, 'dot:place', {
				activityId,
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
		expect(dotRows(activityId)).toBe(3);

		const tally = await moderatorTally;
		expect(tally?.tallies.reduce((sum, t) => sum + t.dots, 0)).toBeGreaterThan(0);
		expect(await phoneTally).toBeUndefined();
		const hidden = await send(watcher, 'activity:sync', { activityId });
		expect(hidden.ok && hidden.value.tallies).toBeNull();

		// A resend after a dropped connection is counted once.
		const taken = { kind: 'idea' as const, id: second!.id };
		const mine = await send(phone, 'activity:sync', { activityId });
		const held = mine.ok ? mine.value.mine?.placed.find((p) => p.target.id === first!.id) : null;
		const removeFrom = held ? target : taken;
		const resent = await send(tab2, 'dot:remove', {
			activityId,
			clientId: 'move-1',
			target: removeFrom
		});
		const again = await send(tab2, 'dot:remove', {
			activityId,
			clientId: 'move-1',
			target: removeFrom
		});
		expect(resent.ok && again.ok && again.value.remaining).toBe(1);
		expect(dotRows(activityId)).toBe(2);

		const revealedTally = next(watcher, 'activity:tallies');
		await moveTo(mod, of, 'revealed');
		const shown = await revealedTally;
		expect(shown?.tallies.reduce((sum, t) => sum + t.dots, 0)).toBe(2);
		expect(shown).toMatchObject({ voters: 1, participants: 3 });
		const after = await send(watcher, 'activity:sync', { activityId });
		expect(after.ok && after.value.tallies?.length).toBeGreaterThan(0);
	});

	it('gives a reconnecting phone the full current state, and loses nothing across a restart', async () => {
		const of = workshop();
		const activityId = of.activityId;
		const [first, second] = await collectTwoIdeas(of);
		const mod = await moderator(of);
		await moveTo(mod, of, 'clustering', 'voting');
		const phone = await participant(of, 0);
		for (const [i, idea] of [first, first].entries()) {
			const placed = await send(phone, 'dot:place', {
				activityId,
				clientId: `before-${i}`,
				target: { kind: 'idea', id: idea!.id }
			});
			expect(placed.ok).toBe(true);
		}
		phone.close();

		const back = await participant(of, 0);
		const state = await send(back, 'activity:sync', { activityId });
		expect(state.ok && state.value.stage).toBe('voting');
		expect(state.ok && state.value.mine?.remaining).toBe(1);
		mod.close();
		back.close();

		const databasePath = server.databasePath;
		const before = dotRows(activityId);
		await server.stop();
		server = await startServer({ databasePath });
		const restarted = await participant(of, 0);
		const resumed = await send(restarted, 'activity:sync', { activityId });
		expect(resumed.ok && resumed.value.mine?.remaining).toBe(1);
		expect(dotRows(activityId)).toBe(before);
		const placed = await send(restarted, 'dot:place', {
			activityId,
			clientId: 'after-restart',
			target: { kind: 'idea', id: second!.id }
		});
		expect(placed).toMatchObject({ ok: true, value: { remaining: 0 } });
	});

	it('lets a moderator open a new activity that every phone hears of, and counts the phones present', async () => {
		const of = workshop();
		const [amal, ben] = [await participant(of, 0), await participant(of, 1)];
		await participant(of, 1); // Ben's second tab: one phone, counted once.
		const mod = await moderator(of);
		const heard = next(amal, 'event:activities');
		const created = await send(mod, 'activity:create', newActivity());
		if (!created.ok) throw new Error(created.error);
		expect(created.value).toMatchObject({ stage: 'collecting', dotsPerParticipant: 5 });
		expect((await heard)?.map((a) => a.question)).toContain('Was braucht eine gute Ausbildung?');
		const synced = await send(ben, 'event:sync', {});
		expect(synced.ok && synced.value.activities.at(-1)).toEqual({
			id: created.value.id,
			question: 'Was braucht eine gute Ausbildung?',
			questionTranslations: {},
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
