/**
 * The workshop's rules, the same on the phone, the console and the server: what can receive
 * dots, how results rank, who sees tallies when, and whether a dot may be placed.
 */
import type { ActivityStage } from '../domain';
import type { LiveErrorCode } from './errors';
import type { DotTarget } from './messages';
import type { ActivitySummary, ActivityView, ClusterView, IdeaView, MyDotsView } from './protocol';
import type { Translations } from './translations';

export const targetKey = (target: DotTarget) => `${target.kind}:${target.id}`;

/** A stored dot points at a cluster or, if it has none, at an idea. */
export function targetOf(row: { ideaId: number | null; clusterId: number | null }): DotTarget {
	return row.clusterId !== null
		? { kind: 'cluster', id: row.clusterId }
		: { kind: 'idea', id: row.ideaId! };
}

/** Ideas are taken only while collecting. */
export const acceptsIdeas = (stage: ActivityStage) => stage === 'collecting';
/** Merging and clustering: while collecting or clustering. */
export const allowsRegrouping = (stage: ActivityStage) =>
	stage === 'collecting' || stage === 'clustering';
/** Dots are placed and taken back only while voting. */
export const allowsVoting = (stage: ActivityStage) => stage === 'voting';
/** Closed activities are a record: nothing in them changes. */
export const allowsEditing = (stage: ActivityStage) => stage !== 'closed';

/** Participants see tallies after the reveal, and while voting if the moderator chose live results. */
export function talliesVisibleToParticipants(activity: {
	stage: ActivityStage;
	liveResults: boolean;
}): boolean {
	return (
		activity.stage === 'revealed' ||
		activity.stage === 'closed' ||
		(activity.liveResults && activity.stage === 'voting')
	);
}

/** An idea takes dots itself unless it is hidden, merged into another or part of a cluster. */
export const ideaIsTarget = (idea: {
	hidden: boolean;
	mergedIntoId: number | null;
	clusterId: number | null;
}) => !idea.hidden && idea.mergedIntoId === null && idea.clusterId === null;

/** Something that can receive dots: a cluster with its ideas, or an idea on its own. */
export interface VoteTarget {
	target: DotTarget;
	key: string;
	/** The cluster's title; for an idea, null (its text is in `ideas`). */
	title: string | null;
	/** The cluster title's translations for the phones; none for an idea. */
	titleTranslations: Translations;
	ideas: IdeaView[];
}

export interface RankedTarget extends VoteTarget {
	dots: number;
	voters: number;
}

/** The targets: every cluster, and every idea that takes dots itself. */
export function voteTargets(view: Pick<ActivityView, 'ideas' | 'clusters'>): VoteTarget[] {
	const visible = view.ideas.filter((idea) => !idea.hidden && idea.mergedIntoId === null);
	const cluster = (c: ClusterView): VoteTarget => ({
		target: { kind: 'cluster', id: c.id },
		key: targetKey({ kind: 'cluster', id: c.id }),
		title: c.title,
		titleTranslations: c.titleTranslations,
		ideas: visible.filter((idea) => idea.clusterId === c.id)
	});
	const single = (idea: IdeaView): VoteTarget => ({
		target: { kind: 'idea', id: idea.id },
		key: targetKey({ kind: 'idea', id: idea.id }),
		title: null,
		titleTranslations: {},
		ideas: [idea]
	});
	return [...view.clusters.map(cluster), ...visible.filter(ideaIsTarget).map(single)];
}

/** Most dots first; ties by the number of people behind them. */
export const byDotsThenVoters = (
	a: { dots: number; voters: number },
	b: { dots: number; voters: number }
) => b.dots - a.dots || b.voters - a.voters;

/** The activity a phone shows: the one chosen by hand, else the newest still open, else the newest. */
export function currentActivityId(
	activities: Pick<ActivitySummary, 'id' | 'stage'>[],
	chosenId: number | null = null
): number | null {
	if (chosenId !== null && activities.some((a) => a.id === chosenId)) return chosenId;
	const open = activities.filter((a) => a.stage !== 'closed');
	return (open.at(-1) ?? activities.at(-1))?.id ?? null;
}

export function rankTargets(view: ActivityView): RankedTarget[] {
	const tallies = new Map((view.tallies ?? []).map((t) => [targetKey(t.target), t]));
	return voteTargets(view)
		.map((t) => ({
			...t,
			dots: tallies.get(t.key)?.dots ?? 0,
			voters: tallies.get(t.key)?.voters ?? 0
		}))
		.sort(byDotsThenVoters);
}

export const dotsOn = (mine: MyDotsView, target: DotTarget) =>
	mine.placed.find((p) => targetKey(p.target) === targetKey(target))?.dots ?? 0;

/** Why one more dot on `target` is not allowed, or null if it is. */
export function dotRefusal(
	mine: MyDotsView,
	target: DotTarget,
	maxDotsPerTarget: number
): Extract<LiveErrorCode, 'budget_exhausted' | 'target_limit'> | null {
	if (mine.remaining <= 0) return 'budget_exhausted';
	if (dotsOn(mine, target) >= maxDotsPerTarget) return 'target_limit';
	return null;
}

/** `mine` with one dot more (+1) or less (−1) on `target`. */
export function withDot(mine: MyDotsView, target: DotTarget, delta: 1 | -1): MyDotsView {
	const key = targetKey(target);
	const found = mine.placed.some((p) => targetKey(p.target) === key);
	const placed = (
		found
			? mine.placed.map((p) => (targetKey(p.target) === key ? { ...p, dots: p.dots + delta } : p))
			: [...mine.placed, { target, dots: delta }]
	).filter((p) => p.dots > 0);
	return { placed, remaining: mine.remaining - delta };
}
