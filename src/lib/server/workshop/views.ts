import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import type {
	ActivityView,
	ClusterView,
	IdeaView,
	TallyView,
	WorkshopView
} from '../../workshop/protocol';
import { currentActivityId, talliesVisibleToParticipants } from '../../workshop/rules';
import { activitySummary, listActivities } from './activities';
import { listClusters } from './ideas';
import { myDots, tallies } from './votes';

/** Who looks: a moderator, one participant, or all participants at once (no own dots). */
export type Viewer =
	{ kind: 'moderator' } | { kind: 'participant'; participantId: string } | { kind: 'participants' };

function toView(idea: table.Idea, author: string | null): IdeaView {
	return {
		id: idea.id,
		text: idea.text,
		language: idea.language,
		clusterId: idea.clusterId,
		mergedIntoId: idea.mergedIntoId,
		hidden: idea.hidden,
		author
	};
}

export function clusterView({ id, title, titleTranslations }: table.Cluster): ClusterView {
	return { id, title, titleTranslations };
}

/** One idea as clients see it; its author's name only if the activity shows names. */
export function ideaView(db: Db, activity: table.Activity, idea: table.Idea): IdeaView {
	if (!activity.namedIdeas || !idea.participantId) return toView(idea, null);
	const author = db
		.select({ name: table.participant.displayName })
		.from(table.participant)
		.where(eq(table.participant.id, idea.participantId))
		.get();
	return toView(idea, author?.name ?? null);
}

/**
 * The activity's ideas (or one cluster's) with their authors' names, in one query: what it
 * costs depends on the ideas shown, not on how many people ever joined the event.
 */
export function ideaViews(db: Db, activity: table.Activity, inCluster?: number): IdeaView[] {
	return db
		.select({ idea: table.idea, author: table.participant.displayName })
		.from(table.idea)
		.leftJoin(table.participant, eq(table.idea.participantId, table.participant.id))
		.where(
			and(
				eq(table.idea.activityId, activity.id),
				inCluster === undefined ? undefined : eq(table.idea.clusterId, inCluster)
			)
		)
		.orderBy(asc(table.idea.id))
		.all()
		.map(({ idea, author }) => toView(idea, activity.namedIdeas ? author : null));
}

/** The activity as this viewer may see it: participants see no hidden ideas and no tallies before the reveal. */
export function activityView(
	db: Db,
	activity: table.Activity,
	viewer: Viewer,
	talliesOf: (activityId: number) => TallyView[] = (id) => tallies(db, id)
): ActivityView {
	const moderator = viewer.kind === 'moderator';
	return {
		id: activity.id,
		eventId: activity.eventId,
		question: activity.question,
		questionTranslations: activity.questionTranslations,
		stage: activity.stage,
		dotsPerParticipant: activity.dotsPerParticipant,
		maxDotsPerTarget: activity.maxDotsPerTarget,
		ideas: ideaViews(db, activity).filter((idea) => moderator || !idea.hidden),
		clusters: listClusters(db, activity.id).map(clusterView),
		liveResults: activity.liveResults,
		tallies: moderator || talliesVisibleToParticipants(activity) ? talliesOf(activity.id) : null,
		mine: viewer.kind === 'participant' ? myDots(db, activity, viewer.participantId) : null
	};
}

/** What a joined phone shows first, rendered with the page: its sync would bring the same. */
export function phoneView(db: Db, eventId: number, participantId: string): WorkshopView {
	const activities = listActivities(db, eventId);
	const shownId = currentActivityId(activities);
	const shown = activities.find((a) => a.id === shownId);
	return {
		activities: activities.map(activitySummary),
		activity: shown ? activityView(db, shown, { kind: 'participant', participantId }) : null,
		at: Date.now()
	};
}

/** How many phones have joined the event. */
export function participantCount(db: Db, eventId: number): number {
	return (
		db
			.select({ n: count() })
			.from(table.participant)
			.where(eq(table.participant.eventId, eventId))
			.get()?.n ?? 0
	);
}
