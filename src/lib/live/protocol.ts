/**
 * The live workshop protocol, shared by the socket.io server and its clients.
 * Documented in docs/live-protocol.md.
 */
import type { ActivityStage } from '$lib/domain';

export type LiveErrorCode =
	| 'invalid_payload'
	| 'unauthorised'
	| 'not_found'
	| 'wrong_stage'
	| 'rate_limited'
	| 'budget_exhausted'
	| 'target_limit'
	| 'no_dot_there'
	| 'server_error';

export type Reply<T> = { ok: true; value: T } | { ok: false; error: LiveErrorCode };
export type Ack<T> = (reply: Reply<T>) => void;

export type DotTarget = { kind: 'idea' | 'cluster'; id: number };

export interface IdeaView {
	id: number;
	text: string;
	language: string;
	clusterId: number | null;
	mergedIntoId: number | null;
	hidden: boolean;
	/** The participant's chosen name, for activities with named ideas; otherwise null. */
	author: string | null;
}

export interface ClusterView {
	id: number;
	title: string;
}

export interface TallyView {
	target: DotTarget;
	dots: number;
	voters: number;
}

export interface MyDotsView {
	placed: { target: DotTarget; dots: number }[];
	remaining: number;
}

export interface ActivityView {
	id: number;
	eventId: number;
	question: string;
	stage: ActivityStage;
	dotsPerParticipant: number;
	maxDotsPerTarget: number;
	/** Tallies go to the phones while voting, not only after the reveal. */
	liveResults: boolean;
	ideas: IdeaView[];
	clusters: ClusterView[];
	/** Moderators always; participants once the results are revealed (or live, if chosen). */
	tallies: TallyView[] | null;
	/** The participant's own dots; null for moderators. */
	mine: MyDotsView | null;
}

export interface ActivitySummary {
	id: number;
	question: string;
	stage: ActivityStage;
}

export interface EventView {
	eventId: number;
	title: string;
	activities: ActivitySummary[];
}

/** What a moderator sets when creating an activity. */
export interface ActivitySettings {
	question: string;
	fieldOfActionId: number | null;
	dotsPerParticipant: number;
	maxDotsPerTarget: number;
	namedIdeas: boolean;
	liveResults: boolean;
}

export interface ClientToServerEvents {
	'event:sync': (payload: Record<string, never>, ack: Ack<EventView>) => void;
	'activity:create': (payload: ActivitySettings, ack: Ack<ActivityView>) => void;
	'activity:sync': (payload: { activityId: number }, ack: Ack<ActivityView>) => void;
	'idea:submit': (
		payload: { activityId: number; clientId: string; text: string; language: string },
		ack: Ack<IdeaView>
	) => void;
	'dot:place': (
		payload: { activityId: number; clientId: string; target: DotTarget },
		ack: Ack<MyDotsView>
	) => void;
	'dot:remove': (
		payload: { activityId: number; clientId: string; target: DotTarget },
		ack: Ack<MyDotsView>
	) => void;
	'activity:stage': (
		payload: { activityId: number; stage: ActivityStage },
		ack: Ack<ActivityView>
	) => void;
	'idea:hide': (
		payload: { activityId: number; ideaId: number; hidden: boolean },
		ack: Ack<IdeaView>
	) => void;
	'idea:correct': (
		payload: { activityId: number; ideaId: number; text: string },
		ack: Ack<IdeaView>
	) => void;
	'idea:merge': (
		payload: { activityId: number; ideaId: number; intoId: number },
		ack: Ack<IdeaView>
	) => void;
	'idea:move': (
		payload: { activityId: number; ideaId: number; clusterId: number | null },
		ack: Ack<IdeaView>
	) => void;
	'cluster:create': (
		payload: { activityId: number; title: string; ideaIds: number[] },
		ack: Ack<ClusterView>
	) => void;
	'cluster:rename': (
		payload: { activityId: number; clusterId: number; title: string },
		ack: Ack<ClusterView>
	) => void;
}

export interface ServerToClientEvents {
	/** An activity was created or changed stage: the event's activities, oldest first. */
	'event:activities': (activities: ActivitySummary[]) => void;
	/** An idea was added or changed (participants never receive hidden ideas). */
	'idea:changed': (payload: { activityId: number; idea: IdeaView }) => void;
	/** Structure changed (stage, clusters): the whole activity, as the receiver may see it. */
	'activity:state': (view: ActivityView) => void;
	/** Coalesced, a few per second at most; to participants only after the reveal (or live). */
	'activity:tallies': (payload: {
		activityId: number;
		tallies: TallyView[];
		voters: number;
		/** Phones that have joined the event. */
		participants: number;
		/** Phones connected right now: the turnout is `voters` of these. */
		present: number;
		/** Server time (ms since the epoch) when these tallies were counted. */
		at: number;
	}) => void;
}

export interface SocketAuth {
	/** For moderators and the projector: the event they run (their session cookie proves who). */
	eventId?: number;
}
