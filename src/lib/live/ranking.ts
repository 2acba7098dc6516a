import type { ActivityView, ClusterView, DotTarget, IdeaView } from './protocol';

/** Something that can receive dots: a cluster with its ideas, or an idea on its own. */
export interface VoteTarget {
	target: DotTarget;
	key: string;
	/** The cluster's title; for an idea, null (its text is in `ideas`). */
	title: string | null;
	ideas: IdeaView[];
}

export interface RankedTarget extends VoteTarget {
	dots: number;
	voters: number;
}

export const targetKey = (target: DotTarget) => `${target.kind}:${target.id}`;

/**
 * The targets, as the server counts them (src/lib/server/live/votes.ts): every cluster, and every
 * visible idea neither merged into another nor in a cluster.
 */
export function voteTargets(view: Pick<ActivityView, 'ideas' | 'clusters'>): VoteTarget[] {
	const visible = view.ideas.filter((idea) => !idea.hidden && idea.mergedIntoId === null);
	const cluster = (c: ClusterView): VoteTarget => ({
		target: { kind: 'cluster', id: c.id },
		key: targetKey({ kind: 'cluster', id: c.id }),
		title: c.title,
		ideas: visible.filter((idea) => idea.clusterId === c.id)
	});
	const single = (idea: IdeaView): VoteTarget => ({
		target: { kind: 'idea', id: idea.id },
		key: targetKey({ kind: 'idea', id: idea.id }),
		title: null,
		ideas: [idea]
	});
	return [
		...view.clusters.map(cluster),
		...visible.filter((idea) => idea.clusterId === null).map(single)
	];
}

/** Most dots first; ties by the number of people behind them. */
export function rankTargets(view: ActivityView): RankedTarget[] {
	const tallies = new Map((view.tallies ?? []).map((t) => [targetKey(t.target), t]));
	return voteTargets(view)
		.map((t) => ({
			...t,
			dots: tallies.get(t.key)?.dots ?? 0,
			voters: tallies.get(t.key)?.voters ?? 0
		}))
		.sort((a, b) => b.dots - a.dots || b.voters - a.voters);
}
