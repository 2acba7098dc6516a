import { describe, expect, it } from 'vitest';
import type { ActivityStage } from '$lib/domain';
import type {
	ActivitySummary,
	ActivityView,
	MyDotsView,
	TalliesMessage,
	TallyView
} from '$lib/workshop/protocol';
import { rankTargets, talliesVisibleToParticipants } from '$lib/workshop/rules';
import {
	activityOf as view,
	clusterOf,
	ideaOf as idea,
	tallyOf as tally
} from '$lib/workshop/view-factories';
import { WorkshopState } from './workshop-state.svelte';

const summary = (id: number, stage: ActivityStage): ActivitySummary => ({
	id,
	question: `Frage ${id}`,
	questionTranslations: {},
	stage
});

function talliesMessage(activityId: number, tallies: TallyView[]): TalliesMessage {
	return { activityId, tallies, voters: 4, participants: 12, present: 9, at: 1_700_000_000_000 };
}

/** A workshop with these activities, showing `shown` (fetched whole, as after a sync). */
function stateWith(activities: ActivitySummary[], shown?: ActivityView) {
	const state = new WorkshopState();
	state.applyEvent({ eventId: 1, title: 'Fachkonferenz Wohnen', activities });
	if (shown) state.showActivity(shown);
	return state;
}

describe('the current activity', () => {
	it('is none in an event without activities', () => {
		const state = stateWith([]);
		expect(state.currentId).toBeNull();
		expect(state.needsActivity).toBe(false);
	});

	it('is the newest one still open', () => {
		const state = stateWith([
			summary(1, 'closed'),
			summary(2, 'voting'),
			summary(3, 'clustering'),
			summary(4, 'closed')
		]);
		expect(state.currentId).toBe(3);
	});

	it('is the newest one when all are closed', () => {
		expect(stateWith([summary(1, 'closed'), summary(2, 'closed')]).currentId).toBe(2);
	});

	it('is the one chosen by hand, even when closed', () => {
		const state = stateWith([summary(1, 'closed'), summary(2, 'voting')]);
		state.choose(1);
		expect(state.currentId).toBe(1);
	});

	it('falls back to the newest open one when the chosen one is not in the event', () => {
		const state = stateWith([summary(1, 'voting'), summary(2, 'closed')]);
		state.choose(99);
		expect(state.currentId).toBe(1);
	});

	it('moves on to a new activity as soon as its summary arrives', () => {
		const state = stateWith([summary(1, 'revealed')], view(1, { stage: 'revealed' }));
		expect(state.needsActivity).toBe(false);
		state.applyActivities([summary(1, 'revealed'), summary(2, 'collecting')]);
		expect(state.currentId).toBe(2);
		expect(state.needsActivity).toBe(true);
	});
});

describe('needsActivity', () => {
	it('is true while nothing is shown yet, false once the current activity is', () => {
		const state = stateWith([summary(1, 'collecting')]);
		expect(state.needsActivity).toBe(true);
		state.showActivity(view(1));
		expect(state.needsActivity).toBe(false);
	});

	it('is true when the summary names another stage than the activity shown', () => {
		const state = stateWith([summary(1, 'collecting')], view(1));
		state.applyActivities([summary(1, 'clustering')]);
		expect(state.needsActivity).toBe(true);
	});

	it('is true when an activity is shown but the event has none any more', () => {
		const state = stateWith([summary(1, 'collecting')], view(1));
		state.applyActivities([]);
		expect(state.needsActivity).toBe(true);
		state.showActivity(null);
		expect(state.activity).toBeNull();
		expect(state.needsActivity).toBe(false);
	});
});

describe('applyEvent and applyActivities', () => {
	it('take the title and the activities', () => {
		const state = stateWith([summary(1, 'voting')]);
		expect(state.title).toBe('Fachkonferenz Wohnen');
		expect(state.activities.map((a) => [a.id, a.stage])).toEqual([[1, 'voting']]);
		state.applyActivities([summary(1, 'revealed'), summary(2, 'collecting')]);
		expect(state.activities.map((a) => [a.id, a.stage])).toEqual([
			[1, 'revealed'],
			[2, 'collecting']
		]);
		expect(state.title).toBe('Fachkonferenz Wohnen');
	});

	it('bring new translations of the question to the activity on screen, nothing else', () => {
		const state = stateWith([summary(1, 'voting')], view(1, { stage: 'voting' }));
		const translations = { ar: 'ما الذي يلزم؟', uk: 'Що потрібно?' };
		state.applyActivities([{ ...summary(1, 'voting'), questionTranslations: translations }]);
		expect(state.activity?.questionTranslations).toEqual(translations);
		expect(state.activity?.question).toBe('Frage 1');
		expect(state.needsActivity).toBe(false);
		state.applySummary({ ...summary(1, 'voting'), questionTranslations: { en: 'Question 1' } });
		expect(state.activity?.questionTranslations).toEqual({ en: 'Question 1' });
		expect(state.activities).toHaveLength(1);
	});
});

describe('showActivity', () => {
	it('shows the current activity whole', () => {
		const state = stateWith([summary(1, 'voting')]);
		state.showActivity(view(1, { stage: 'voting', ideas: [idea(5)] }));
		expect(state.activity?.id).toBe(1);
		expect(state.activity?.ideas.map((i) => i.id)).toEqual([5]);
	});

	it('ignores an activity that is no longer on screen, but notes its stage', () => {
		const state = stateWith([summary(1, 'voting'), summary(2, 'collecting')]);
		state.choose(2);
		state.showActivity(view(2));
		// An answer to a sync sent before the moderator's choice arrives late.
		state.showActivity(view(1, { stage: 'revealed' }));
		expect(state.activity?.id).toBe(2);
		expect(state.activities.find((a) => a.id === 1)?.stage).toBe('revealed');
	});

	it('updates the summary to the stage of the activity shown', () => {
		const state = stateWith([summary(1, 'collecting')]);
		state.showActivity(view(1, { stage: 'clustering' }));
		expect(state.activities[0]?.stage).toBe('clustering');
		expect(state.needsActivity).toBe(false);
	});
});

describe('applyState', () => {
	it("takes the broadcast activity and keeps the participant's own dots", () => {
		const mine: MyDotsView = {
			placed: [{ target: { kind: 'idea', id: 5 }, dots: 2 }],
			remaining: 1
		};
		const state = stateWith(
			[summary(1, 'voting')],
			view(1, { stage: 'voting', ideas: [idea(5)], mine })
		);
		const revealed = view(1, {
			stage: 'revealed',
			ideas: [idea(5)],
			tallies: [tally('idea', 5, 2, 1)],
			mine: null
		});
		state.applyState(revealed);
		expect(state.activity?.stage).toBe('revealed');
		expect(state.activity?.tallies).toEqual([tally('idea', 5, 2, 1)]);
		expect(state.activity?.mine).toEqual(mine);
		expect(state.activities[0]?.stage).toBe('revealed');
		expect(state.needsActivity).toBe(false);
	});

	it('only notes the stage of an activity not on screen', () => {
		const state = stateWith([summary(1, 'voting'), summary(2, 'collecting')], view(2));
		state.applyState(view(1, { stage: 'revealed', ideas: [idea(9)] }));
		expect(state.activity?.id).toBe(2);
		expect(state.activity?.ideas).toEqual([]);
		expect(state.activities.find((a) => a.id === 1)?.stage).toBe('revealed');
	});
});

describe('ideas and clusters', () => {
	it('applyIdeas adds new ideas and replaces changed ones', () => {
		const state = stateWith([summary(1, 'collecting')], view(1, { ideas: [idea(1), idea(2)] }));
		state.applyIdeas(1, [idea(2, { text: 'korrigiert' }), idea(3)]);
		expect(state.activity?.ideas.map((i) => [i.id, i.text])).toEqual([
			[1, 'Idee 1'],
			[2, 'korrigiert'],
			[3, 'Idee 3']
		]);
	});

	it('applyIdeas ignores ideas of another activity', () => {
		const state = stateWith([summary(1, 'collecting')], view(1, { ideas: [idea(1)] }));
		state.applyIdeas(2, [idea(7)]);
		expect(state.activity?.ideas.map((i) => i.id)).toEqual([1]);
	});

	it('applyIdeas does nothing before an activity is shown', () => {
		const state = stateWith([summary(1, 'collecting')]);
		state.applyIdeas(1, [idea(7)]);
		expect(state.activity).toBeNull();
	});

	it('removeIdeas drops the named ideas of the activity on screen', () => {
		const state = stateWith(
			[summary(1, 'collecting')],
			view(1, { ideas: [idea(1), idea(2), idea(3)] })
		);
		state.removeIdeas(2, [1]);
		expect(state.activity?.ideas.map((i) => i.id)).toEqual([1, 2, 3]);
		state.removeIdeas(1, [1, 3, 99]);
		expect(state.activity?.ideas.map((i) => i.id)).toEqual([2]);
	});

	it('applyCluster adds a new cluster and renames a known one', () => {
		const state = stateWith([summary(1, 'clustering')], view(1, { stage: 'clustering' }));
		state.applyCluster(1, clusterOf(10, 'Wohnraum'));
		state.applyCluster(1, clusterOf(11, 'Sprache'));
		state.applyCluster(1, clusterOf(10, 'Wohnraum & Nachbarschaft'));
		state.applyCluster(2, clusterOf(12, 'anderswo'));
		expect(state.activity?.clusters).toEqual([
			clusterOf(10, 'Wohnraum & Nachbarschaft'),
			clusterOf(11, 'Sprache')
		]);
	});
});

describe('applyTallies', () => {
	it('takes the tallies and the turnout of the activity on screen', () => {
		const state = stateWith([summary(1, 'voting')], view(1, { stage: 'voting', ideas: [idea(1)] }));
		state.applyTallies(talliesMessage(1, [tally('idea', 1, 3, 2)]));
		expect(state.activity?.tallies).toEqual([tally('idea', 1, 3, 2)]);
		expect(state.turnout).toEqual({ voters: 4, participants: 12, present: 9 });
	});

	it('ignores tallies of another activity, turnout included', () => {
		const state = stateWith([summary(1, 'voting')], view(1, { stage: 'voting' }));
		state.applyTallies(talliesMessage(2, [tally('idea', 1, 3, 2)]));
		expect(state.activity?.tallies).toBeNull();
		expect(state.turnout).toBeNull();
	});
});

describe('applyMine', () => {
	it("takes a dot's ack for the activity on screen only", () => {
		const state = stateWith([summary(1, 'voting')], view(1, { stage: 'voting', ideas: [idea(1)] }));
		const mine: MyDotsView = {
			placed: [{ target: { kind: 'idea', id: 1 }, dots: 1 }],
			remaining: 2
		};
		state.applyMine(2, mine);
		expect(state.activity?.mine).toBeNull();
		state.applyMine(1, mine);
		expect(state.activity?.mine).toEqual(mine);
	});
});

/**
 * What the server sends the phones of a view: no hidden ideas, tallies only when visible; a
 * copy, as a payload off the wire shares nothing with the server's objects.
 */
const participantsCopy = (full: ActivityView): ActivityView =>
	structuredClone({
		...full,
		ideas: full.ideas.filter((i) => !i.hidden),
		tallies: talliesVisibleToParticipants(full) ? full.tallies : null,
		mine: null
	});

const ranking = (shown: ActivityView) =>
	rankTargets(shown).map((t) => ({
		key: t.key,
		title: t.title,
		dots: t.dots,
		voters: t.voters,
		ideas: t.ideas.map((i) => i.id)
	}));

describe("a phone's view built from acks and broadcasts", () => {
	it('ranks the same as the full view on the server', () => {
		// The server's view as moderators see it, hidden idea included, as it grows.
		const server = view(1, { ideas: [idea(1), idea(2)] });
		const phone = stateWith([summary(1, 'collecting')], participantsCopy(server));

		const added = [idea(3), idea(4), idea(5), idea(6)];
		server.ideas.push(...added);
		phone.applyIdeas(1, structuredClone(added));

		server.stage = 'clustering';
		phone.applyActivities([summary(1, 'clustering')]);
		phone.applyState(participantsCopy(server));

		server.ideas[3] = idea(4, { hidden: true });
		phone.removeIdeas(1, [4]);
		server.clusters.push(clusterOf(10, 'Wohnen'));
		phone.applyCluster(1, clusterOf(10, 'Wohnen'));
		const moved = [idea(1, { clusterId: 10 }), idea(2, { clusterId: 10 })];
		server.ideas.splice(0, 2, ...moved);
		phone.applyIdeas(1, structuredClone(moved));
		server.ideas[4] = idea(5, { mergedIntoId: 3 });
		phone.applyIdeas(1, [idea(5, { mergedIntoId: 3 })]);
		server.clusters[0] = clusterOf(10, 'Wohnraum');
		phone.applyCluster(1, clusterOf(10, 'Wohnraum'));

		// Before voting, with only incremental changes since the last stage move.
		expect(phone.needsActivity).toBe(false);
		expect(ranking(phone.activity!)).toEqual(ranking(server));

		server.stage = 'voting';
		server.tallies = [];
		phone.applyActivities([summary(1, 'voting')]);
		phone.applyState(participantsCopy(server));
		expect(phone.activity?.tallies).toBeNull();
		phone.applyMine(1, { placed: [{ target: { kind: 'idea', id: 6 }, dots: 2 }], remaining: 1 });

		server.stage = 'revealed';
		server.tallies = [tally('cluster', 10, 3, 2), tally('idea', 3, 3, 3), tally('idea', 6, 4, 2)];
		phone.applyActivities([summary(1, 'revealed')]);
		phone.applyState(participantsCopy(server));
		// A late dot, counted before the reveal, comes with the next tallies.
		server.tallies = [tally('cluster', 10, 3, 2), tally('idea', 3, 3, 3), tally('idea', 6, 5, 2)];
		phone.applyTallies(talliesMessage(1, structuredClone(server.tallies)));

		expect(phone.needsActivity).toBe(false);
		expect(ranking(phone.activity!)).toEqual(ranking(server));
		expect(ranking(server).map((t) => t.key)).toEqual(['idea:6', 'idea:3', 'cluster:10']);
		expect(phone.activity?.mine?.remaining).toBe(1);
	});
});
