import { count, eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import type { ActivityView, IdeaView } from '../../live/protocol';
import { listClusters, listIdeas } from './ideas';
import { myDots, tallies, type Tally } from './votes';

/** Who looks: a moderator, one participant, or all participants at once (no own dots). */
export type Viewer =
	{ kind: 'moderator' } | { kind: 'participant'; participantId: string } | { kind: 'participants' };

const revealed = new Set(['revealed', 'closed']);

export function ideaView(
	idea: table.Idea,
	activity: table.Activity,
	authors: Map<string, string | null>
): IdeaView {
	return {
		id: idea.id,
		text: idea.text,
		language: idea.language,
		clusterId: idea.clusterId,
		mergedIntoId: idea.mergedIntoId,
		hidden: idea.hidden,
		author:
			activity.namedIdeas && idea.participantId ? (authors.get(idea.participantId) ?? null) : null
	};
}

export function authorsOf(db: Db, eventId: number): Map<string, string | null> {
	return new Map(
		db
			.select({ id: table.participant.id, name: table.participant.displayName })
			.from(table.participant)
			.where(eq(table.participant.eventId, eventId))
			.all()
			.map((p) => [p.id, p.name])
	);
}

/** The activity as this viewer may see it: participants see no hidden ideas and no tallies before the reveal. */
export function activityView(
	db: Db,
	activity: table.Activity,
	viewer: Viewer,
	talliesOf: (activityId: number) => Tally[] = (id) => tallies(db, id)
): ActivityView {
	const moderator = viewer.kind === 'moderator';
	const authors = activity.namedIdeas ? authorsOf(db, activity.eventId) : new Map();
	return {
		id: activity.id,
		eventId: activity.eventId,
		question: activity.question,
		stage: activity.stage,
		dotsPerParticipant: activity.dotsPerParticipant,
		maxDotsPerTarget: activity.maxDotsPerTarget,
		ideas: listIdeas(db, activity.id)
			.filter((idea) => moderator || !idea.hidden)
			.map((idea) => ideaView(idea, activity, authors)),
		clusters: listClusters(db, activity.id).map(({ id, title }) => ({ id, title })),
		liveResults: activity.liveResults,
		tallies: moderator || talliesAreVisibleToParticipants(activity) ? talliesOf(activity.id) : null,
		mine: viewer.kind === 'participant' ? myDots(db, activity, viewer.participantId) : null
	};
}

/** After the reveal; while voting too, if the moderator chose to show live results. */
export function talliesAreVisibleToParticipants(activity: table.Activity): boolean {
	return revealed.has(activity.stage) || (activity.liveResults && activity.stage === 'voting');
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
