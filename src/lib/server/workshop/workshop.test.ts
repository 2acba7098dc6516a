import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, createTestEvent, createTestOrganisation } from '../../../../tests/factories';
import type { Db } from '../db';
import type * as table from '../db/schema';
import { createActivity, moveToStage } from './activities';
import { createCluster, mergeIdea, moveIdeaToCluster, setIdeaHidden, submitIdea } from './ideas';
import { ensureJoinCode, findEventByJoinCode, findParticipant, joinEvent } from './participants';
import { TallyCache } from './tally-cache';
import { talliesVisibleToParticipants } from '../../workshop/rules';
import { myDots, placeDot, rankedResults, removeDot, tallies } from './votes';

let db: Db;
let eventId: number;
let activity: table.Activity;

beforeEach(() => {
	db = createTestDb();
	eventId = createTestEvent(db, createTestOrganisation(db).id, 'Fachkonferenz Wohnen').event.id;
	activity = createActivity(db, eventId, {
		question: 'Was braucht es, damit Geflüchtete eine Wohnung finden?',
		fieldOfActionId: null,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 2,
		namedIdeas: false
	});
});

function join(category: table.Participant['category'] = null) {
	return joinEvent(db, eventId, { displayName: null, category, locale: 'de' }).participant;
}

function advance(...stages: table.Activity['stage'][]) {
	for (const stage of stages) {
		const moved = moveToStage(db, activity, stage);
		if (!moved.ok) throw new Error(`cannot move to ${stage}`);
		activity = moved.value;
	}
}

function idea(participantId: string, text: string, clientId = text) {
	const result = submitIdea(db, activity, { participantId, clientId, text, language: 'de' });
	if (!result.ok) throw new Error(result.error);
	return result.value.idea;
}

describe('join codes and participants', () => {
	it('give each event one readable code and each phone a token', () => {
		const code = ensureJoinCode(db, eventId);
		expect(code).toMatch(/^[A-Z2-9]{6}$/);
		expect(ensureJoinCode(db, eventId)).toBe(code);
		expect(findEventByJoinCode(db, code.toLowerCase())?.id).toBe(eventId);
		expect(findEventByJoinCode(db, 'nope')).toBeUndefined();

		const { participant, token } = joinEvent(db, eventId, {
			displayName: 'Amal',
			category: 'migrant_organisation',
			locale: 'ar'
		});
		expect(findParticipant(db, token)?.id).toBe(participant.id);
		expect(findParticipant(db, `${participant.id}.forged`)).toBeUndefined();
	});
});

describe('the stage machine', () => {
	it('moves onwards and one step back, nothing else', () => {
		expect(moveToStage(db, activity, 'voting')).toEqual({ ok: false, error: 'wrong_stage' });
		advance('clustering', 'voting', 'revealed');
		advance('voting');
		advance('revealed', 'closed');
		expect(moveToStage(db, activity, 'collecting')).toEqual({ ok: false, error: 'wrong_stage' });
	});

	it('shows tallies to phones after the reveal, or while voting with live results', () => {
		advance('clustering', 'voting');
		expect(talliesVisibleToParticipants(activity)).toBe(false);
		expect(talliesVisibleToParticipants({ ...activity, liveResults: true })).toBe(true);
		advance('revealed');
		expect(talliesVisibleToParticipants(activity)).toBe(true);
	});

	it('refuses a move from a stage the activity has already left', () => {
		const stale = activity;
		advance('clustering');
		expect(moveToStage(db, stale, 'clustering')).toEqual({ ok: false, error: 'wrong_stage' });
	});
});

describe('ideas', () => {
	it('are taken while collecting, once per client id', () => {
		const amal = join();
		const first = submitIdea(db, activity, {
			participantId: amal.id,
			clientId: 'c1',
			text: 'Wohnungsbörse',
			language: 'de'
		});
		const resend = submitIdea(db, activity, {
			participantId: amal.id,
			clientId: 'c1',
			text: 'Wohnungsbörse',
			language: 'de'
		});
		expect(first.ok && resend.ok && resend.value.duplicate).toBe(true);
		expect(first.ok && resend.ok && resend.value.idea.id === first.value.idea.id).toBe(true);

		advance('clustering');
		expect(
			submitIdea(db, activity, {
				participantId: amal.id,
				clientId: 'c2',
				text: 'Zu spät',
				language: 'de'
			})
		).toEqual({ ok: false, error: 'wrong_stage' });
	});
});

describe('dot voting', () => {
	it('keeps the budget and the per-target limit, and dots can move', () => {
		const amal = join();
		const a = idea(amal.id, 'Wohnungsbörse');
		const b = idea(amal.id, 'Mietpatenschaften');
		advance('clustering', 'voting');

		const target = { kind: 'idea' as const, id: a.id };
		expect(placeDot(db, activity, amal.id, 'd1', target).ok).toBe(true);
		expect(placeDot(db, activity, amal.id, 'd2', target).ok).toBe(true);
		expect(placeDot(db, activity, amal.id, 'd3', target)).toEqual({
			ok: false,
			error: 'target_limit'
		});
		expect(placeDot(db, activity, amal.id, 'd4', { kind: 'idea', id: b.id }).ok).toBe(true);
		expect(placeDot(db, activity, amal.id, 'd5', { kind: 'idea', id: b.id })).toEqual({
			ok: false,
			error: 'budget_exhausted'
		});

		const moved = removeDot(db, activity, amal.id, 'r1', target);
		expect(moved.ok && moved.value.mine.remaining).toBe(1);
		expect(placeDot(db, activity, amal.id, 'd6', { kind: 'idea', id: b.id }).ok).toBe(true);
		expect(myDots(db, activity, amal.id).remaining).toBe(0);
		expect(removeDot(db, activity, amal.id, 'r2', { kind: 'idea', id: 999 })).toEqual({
			ok: false,
			error: 'no_dot_there'
		});
	});

	it('counts a resent dot once, and a refused write may succeed later', () => {
		const amal = join();
		const a = idea(amal.id, 'Wohnungsbörse');
		const target = { kind: 'idea' as const, id: a.id };
		expect(placeDot(db, activity, amal.id, 'early', target)).toEqual({
			ok: false,
			error: 'wrong_stage'
		});
		advance('clustering', 'voting');
		expect(placeDot(db, activity, amal.id, 'early', target).ok).toBe(true);
		expect(placeDot(db, activity, amal.id, 'early', target).ok).toBe(true);
		expect(tallies(db, activity.id)).toEqual([{ target, dots: 1, voters: 1 }]);
	});

	it('sends dots for clustered ideas to their cluster, and none to hidden or merged ideas', () => {
		const amal = join();
		const a = idea(amal.id, 'Wohnungsbörse');
		const b = idea(amal.id, 'Online-Wohnungsbörse');
		const c = idea(amal.id, 'Beleidigung');
		const d = idea(amal.id, 'Mietpatenschaften');
		advance('clustering');
		expect(mergeIdea(db, activity, b.id, a.id).ok).toBe(true);
		expect(setIdeaHidden(db, activity, c.id, true).ok).toBe(true);
		const cluster = createCluster(db, activity, 'Wohnungssuche', [d.id]);
		if (!cluster.ok) throw new Error(cluster.error);
		advance('voting');

		for (const [id, kind] of [
			[b.id, 'idea'],
			[c.id, 'idea'],
			[d.id, 'idea']
		] as const) {
			expect(placeDot(db, activity, amal.id, `x${id}`, { kind, id })).toEqual({
				ok: false,
				error: 'not_found'
			});
		}
		expect(
			placeDot(db, activity, amal.id, 'ok', { kind: 'cluster', id: cluster.value.id }).ok
		).toBe(true);
	});

	it('moves dots with an idea regrouped after voting was reopened', () => {
		const [amal, ben] = [join(), join()];
		const a = idea(amal.id, 'Wohnungsbörse');
		const b = idea(ben.id, 'Online-Wohnungsbörse');
		const c = idea(ben.id, 'Mietpatenschaften');
		advance('clustering', 'voting');
		placeDot(db, activity, amal.id, 'a', { kind: 'idea', id: a.id });
		placeDot(db, activity, ben.id, 'b', { kind: 'idea', id: b.id });
		placeDot(db, activity, ben.id, 'c', { kind: 'idea', id: c.id });
		advance('clustering');
		const cluster = createCluster(db, activity, 'Wohnungssuche', []);
		if (!cluster.ok) throw new Error(cluster.error);
		expect(mergeIdea(db, activity, b.id, a.id).ok).toBe(true);
		expect(moveIdeaToCluster(db, activity, a.id, cluster.value.id).ok).toBe(true);

		expect(rankedResults(db, activity.id).map((r) => [r.label, r.dots, r.voters])).toEqual([
			['Wohnungssuche', 2, 2],
			['Mietpatenschaften', 1, 1]
		]);
		expect(myDots(db, activity, ben.id).placed).toEqual(
			expect.arrayContaining([{ target: { kind: 'cluster', id: cluster.value.id }, dots: 1 }])
		);
	});

	it('keep the in-memory tallies equal to the stored dots', () => {
		const [amal, ben] = [join(), join()];
		const a = idea(amal.id, 'Wohnungsbörse');
		const b = idea(ben.id, 'Mietpatenschaften');
		advance('clustering', 'voting');
		const cache = new TallyCache(db);
		const place = (p: table.Participant, id: number, clientId: string) => {
			const result = placeDot(db, activity, p.id, clientId, { kind: 'idea', id });
			if (result.ok && result.value.applied)
				cache.apply(activity.id, p.id, { kind: 'idea', id }, 1);
		};
		place(amal, a.id, 'a1');
		place(amal, a.id, 'a1');
		place(ben, a.id, 'b1');
		place(ben, b.id, 'b2');
		const removed = removeDot(db, activity, ben.id, 'b3', { kind: 'idea', id: a.id });
		if (removed.ok) cache.apply(activity.id, ben.id, { kind: 'idea', id: a.id }, -1);

		const byTarget = (list: { target: { id: number } }[]) =>
			[...list].sort((x, y) => x.target.id - y.target.id);
		expect(byTarget(cache.tallies(activity.id))).toEqual(byTarget(tallies(db, activity.id)));
		expect(cache.voters(activity.id)).toBe(2);
		expect(byTarget(new TallyCache(db).tallies(activity.id))).toEqual(
			byTarget(tallies(db, activity.id))
		);
	});

	it('rank results and break them down by stakeholder group', () => {
		const [politics, civil, migrant, unstated] = [
			join('politics'),
			join('civil_society'),
			join('migrant_organisation'),
			join(null)
		];
		const a = idea(politics!.id, 'Wohnungsbörse');
		const b = idea(civil!.id, 'Mietpatenschaften');
		advance('clustering', 'voting');
		const vote = (p: table.Participant, id: number, n: number) => {
			for (let i = 0; i < n; i++)
				placeDot(db, activity, p.id, `${p.id}-${id}-${i}`, { kind: 'idea', id });
		};
		vote(politics!, b.id, 2);
		vote(civil!, b.id, 1);
		vote(migrant!, b.id, 2);
		vote(unstated!, a.id, 1);

		// Every group shown, however small (MIN_GROUP_SIZE=1).
		const results = rankedResults(db, activity.id, 1);
		expect(results.map((r) => [r.label, r.dots, r.voters])).toEqual([
			['Mietpatenschaften', 5, 3],
			['Wohnungsbörse', 1, 1]
		]);
		expect(results[0]!.byCategory).toEqual(
			expect.arrayContaining([
				{ category: 'politics', dots: 2, voters: 1 },
				{ category: 'civil_society', dots: 1, voters: 1 },
				{ category: 'migrant_organisation', dots: 2, voters: 1 }
			])
		);
		expect(results[1]!.byCategory).toEqual([{ category: null, dots: 1, voters: 1 }]);
	});
});
