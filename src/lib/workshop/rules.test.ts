import { describe, expect, it } from 'vitest';
import { activityStages } from '../domain';
import type { ActivityView, MyDotsView } from './protocol';
import {
	dotRefusal,
	rankTargets,
	talliesVisibleToParticipants,
	targetKey,
	targetOf,
	voteTargets,
	withDot
} from './rules';
import {
	activityOf,
	clusterOf as cluster,
	ideaOf as idea,
	tallyOf as tally
} from './view-factories';

const view = (fields: Partial<ActivityView> = {}): ActivityView =>
	activityOf(1, {
		question: 'Was braucht es, damit Geflüchtete eine Wohnung finden?',
		stage: 'voting',
		dotsPerParticipant: 5,
		...fields
	});

describe('targetKey and targetOf', () => {
	it('key a target by kind and id', () => {
		expect(targetKey({ kind: 'idea', id: 7 })).toBe('idea:7');
		expect(targetKey({ kind: 'cluster', id: 7 })).toBe('cluster:7');
		expect(targetKey({ kind: 'idea', id: 7 })).not.toBe(targetKey({ kind: 'cluster', id: 7 }));
	});

	it('read a stored dot as its cluster, or its idea when it has none', () => {
		expect(targetOf({ ideaId: 3, clusterId: null })).toEqual({ kind: 'idea', id: 3 });
		expect(targetOf({ ideaId: null, clusterId: 4 })).toEqual({ kind: 'cluster', id: 4 });
		expect(targetOf({ ideaId: 3, clusterId: 4 })).toEqual({ kind: 'cluster', id: 4 });
	});
});

describe('voteTargets', () => {
	it('are the clusters with their visible ideas, then the visible ideas on their own', () => {
		const targets = voteTargets(
			view({
				clusters: [cluster(10, 'Wohnraum')],
				ideas: [
					idea(1, { clusterId: 10 }),
					idea(2),
					idea(3, { clusterId: 10, hidden: true }),
					idea(4, { clusterId: 10, mergedIntoId: 1 }),
					idea(5)
				]
			})
		);
		expect(targets.map((t) => t.key)).toEqual(['cluster:10', 'idea:2', 'idea:5']);
		expect(targets[0]).toMatchObject({ target: { kind: 'cluster', id: 10 }, title: 'Wohnraum' });
		expect(targets[0]?.ideas.map((i) => i.id)).toEqual([1]);
		expect(targets[1]).toMatchObject({ target: { kind: 'idea', id: 2 }, title: null });
		expect(targets[1]?.ideas.map((i) => i.id)).toEqual([2]);
	});

	it('leave out hidden, merged and clustered ideas', () => {
		const targets = voteTargets(
			view({
				clusters: [cluster(10)],
				ideas: [
					idea(1, { hidden: true }),
					idea(2, { mergedIntoId: 3 }),
					idea(3),
					idea(4, { clusterId: 10 })
				]
			})
		);
		const ideaTargets = targets.filter((t) => t.target.kind === 'idea').map((t) => t.target.id);
		expect(ideaTargets).toEqual([3]);
	});

	it('keep an empty cluster as a target', () => {
		expect(voteTargets(view({ clusters: [cluster(10)] }))).toEqual([
			{
				target: { kind: 'cluster', id: 10 },
				key: 'cluster:10',
				title: 'Cluster 10',
				titleTranslations: {},
				ideas: []
			}
		]);
	});

	it("carry a cluster's translations for the phones; an idea has none", () => {
		const targets = voteTargets(
			view({ clusters: [cluster(10, 'Wohnraum', { uk: 'Житло' })], ideas: [idea(1)] })
		);
		expect(targets.map((t) => t.titleTranslations)).toEqual([{ uk: 'Житло' }, {}]);
	});

	it('are none without ideas or clusters', () => {
		expect(voteTargets(view())).toEqual([]);
	});
});

describe('rankTargets', () => {
	it('put most dots first and attach each target its tally', () => {
		const ranked = rankTargets(
			view({
				clusters: [cluster(10)],
				ideas: [idea(1, { clusterId: 10 }), idea(2), idea(3)],
				tallies: [tally('idea', 2, 1, 1), tally('idea', 3, 7, 4), tally('cluster', 10, 4, 3)]
			})
		);
		expect(ranked.map((t) => [t.key, t.dots, t.voters])).toEqual([
			['idea:3', 7, 4],
			['cluster:10', 4, 3],
			['idea:2', 1, 1]
		]);
	});

	it('break a tie in dots by the number of voters', () => {
		const ranked = rankTargets(
			view({
				ideas: [idea(1), idea(2)],
				tallies: [tally('idea', 1, 4, 2), tally('idea', 2, 4, 4)]
			})
		);
		expect(ranked.map((t) => t.key)).toEqual(['idea:2', 'idea:1']);
	});

	it('keep the order of the targets when dots and voters are equal', () => {
		const ranked = rankTargets(
			view({
				clusters: [cluster(10)],
				ideas: [idea(1), idea(2)],
				tallies: [tally('idea', 2, 2, 1), tally('idea', 1, 2, 1), tally('cluster', 10, 2, 1)]
			})
		);
		expect(ranked.map((t) => t.key)).toEqual(['cluster:10', 'idea:1', 'idea:2']);
	});

	it('count targets without a tally, or without tallies at all, as zero', () => {
		const withoutTallies = rankTargets(view({ ideas: [idea(1), idea(2)] }));
		expect(withoutTallies.map((t) => [t.key, t.dots, t.voters])).toEqual([
			['idea:1', 0, 0],
			['idea:2', 0, 0]
		]);
		const partly = rankTargets(
			view({ ideas: [idea(1), idea(2)], tallies: [tally('idea', 2, 1, 1)] })
		);
		expect(partly.map((t) => [t.key, t.dots])).toEqual([
			['idea:2', 1],
			['idea:1', 0]
		]);
	});

	it('ignore tallies of ideas that are no target any more', () => {
		const ranked = rankTargets(
			view({
				ideas: [idea(1, { hidden: true }), idea(2)],
				tallies: [tally('idea', 1, 9, 9)]
			})
		);
		expect(ranked.map((t) => t.key)).toEqual(['idea:2']);
	});
});

describe('talliesVisibleToParticipants', () => {
	const visible: Record<(typeof activityStages)[number], [live: boolean, notLive: boolean]> = {
		collecting: [false, false],
		clustering: [false, false],
		voting: [true, false],
		revealed: [true, true],
		closed: [true, true]
	};

	for (const stage of activityStages) {
		it(`while ${stage}: ${visible[stage][0]} with live results, ${visible[stage][1]} without`, () => {
			expect(talliesVisibleToParticipants({ stage, liveResults: true })).toBe(visible[stage][0]);
			expect(talliesVisibleToParticipants({ stage, liveResults: false })).toBe(visible[stage][1]);
		});
	}
});

describe('dotRefusal', () => {
	const target = { kind: 'idea', id: 1 } as const;
	const mine = (remaining: number, dotsOnTarget: number): MyDotsView => ({
		placed: dotsOnTarget > 0 ? [{ target, dots: dotsOnTarget }] : [],
		remaining
	});

	it('refuses a dot once the budget is spent', () => {
		expect(dotRefusal(mine(0, 0), target, 2)).toBe('budget_exhausted');
		expect(dotRefusal(mine(-1, 0), target, 2)).toBe('budget_exhausted');
	});

	it('names the budget before the cap when both are reached', () => {
		expect(dotRefusal(mine(0, 2), target, 2)).toBe('budget_exhausted');
	});

	it('refuses a dot on a target that holds the most one person may give it', () => {
		expect(dotRefusal(mine(3, 2), target, 2)).toBe('target_limit');
		expect(dotRefusal(mine(3, 3), target, 2)).toBe('target_limit');
	});

	it('allows a dot below budget and cap, counting only the dots on that target', () => {
		expect(dotRefusal(mine(3, 1), target, 2)).toBeNull();
		expect(dotRefusal(mine(1, 0), target, 1)).toBeNull();
		const elsewhere: MyDotsView = {
			placed: [{ target: { kind: 'cluster', id: 1 }, dots: 2 }],
			remaining: 1
		};
		expect(dotRefusal(elsewhere, target, 2)).toBeNull();
		expect(dotRefusal(elsewhere, { kind: 'cluster', id: 1 }, 2)).toBe('target_limit');
	});
});

describe('withDot', () => {
	const idea1 = { kind: 'idea', id: 1 } as const;
	const cluster1 = { kind: 'cluster', id: 1 } as const;

	it('adds a first dot on a target and spends one of the budget', () => {
		expect(withDot({ placed: [], remaining: 3 }, idea1, 1)).toEqual({
			placed: [{ target: idea1, dots: 1 }],
			remaining: 2
		});
	});

	it('adds to the dots already on the target, leaving others alone', () => {
		const before: MyDotsView = {
			placed: [
				{ target: cluster1, dots: 1 },
				{ target: idea1, dots: 1 }
			],
			remaining: 1
		};
		expect(withDot(before, idea1, 1)).toEqual({
			placed: [
				{ target: cluster1, dots: 1 },
				{ target: idea1, dots: 2 }
			],
			remaining: 0
		});
		expect(before.placed[1]?.dots).toBe(1);
	});

	it('takes one dot back and returns it to the budget', () => {
		const before: MyDotsView = { placed: [{ target: idea1, dots: 2 }], remaining: 1 };
		expect(withDot(before, idea1, -1)).toEqual({
			placed: [{ target: idea1, dots: 1 }],
			remaining: 2
		});
	});

	it('drops the entry when its last dot is taken back', () => {
		const before: MyDotsView = {
			placed: [
				{ target: idea1, dots: 1 },
				{ target: cluster1, dots: 1 }
			],
			remaining: 1
		};
		expect(withDot(before, idea1, -1)).toEqual({
			placed: [{ target: cluster1, dots: 1 }],
			remaining: 2
		});
	});
});
