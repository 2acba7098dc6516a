/**
 * The live workshop protocol, shared by the socket.io server and its clients: what each
 * message answers, and what the server sends. Documented in docs/live-protocol.md.
 */
import type { ActivityStage } from '../domain';
import type { LiveErrorCode } from './errors';
import type { DotTarget, MessageInput, MessageName } from './messages';
import type { Translations } from './translations';

export type Reply<T> = { ok: true; value: T } | { ok: false; error: LiveErrorCode };
export type Ack<T> = (reply: Reply<T>) => void;

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
	/** The German original: the console, the projector and the minutes show it. */
	title: string;
	/** For the phones, in their language where given. */
	titleTranslations: Translations;
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
	questionTranslations: Translations;
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
	questionTranslations: Translations;
	stage: ActivityStage;
}

/**
 * What a phone shows of the workshop: the event's activities and the one on screen, as of `at`
 * (milliseconds). The page brings it rendered, the phone keeps it for a reload in a dead spot,
 * and the live connection takes over from whichever is newer.
 */
export interface WorkshopView {
	activities: ActivitySummary[];
	activity: ActivityView | null;
	at: number;
}

export interface EventView {
	eventId: number;
	title: string;
	activities: ActivitySummary[];
}

/** What each message's ack carries when it succeeds. */
export interface AckValues {
	'event:sync': EventView;
	'activity:sync': ActivityView;
	'activity:create': ActivityView;
	'activity:stage': ActivityView;
	'activity:translate': ActivitySummary;
	'idea:submit': IdeaView;
	'idea:hide': IdeaView;
	'idea:correct': IdeaView;
	'idea:merge': IdeaView;
	'idea:move': IdeaView;
	'cluster:create': ClusterView;
	'cluster:rename': ClusterView;
	'cluster:translate': ClusterView;
	'dot:place': MyDotsView;
	'dot:remove': MyDotsView;
}

export type ClientToServerEvents = {
	[E in MessageName]: (payload: MessageInput<E>, ack: Ack<AckValues[E]>) => void;
};

export interface TalliesMessage {
	activityId: number;
	tallies: TallyView[];
	voters: number;
	/** Phones that have joined the event. */
	participants: number;
	/** Phones connected right now: the turnout is `voters` of these. */
	present: number;
	/** Server time (ms since the epoch) when these tallies were counted. */
	at: number;
}

export interface ServerToClientEvents {
	/**
	 * An activity was created, changed stage or its question's translations: the event's
	 * activities, oldest first.
	 */
	'event:activities': (activities: ActivitySummary[]) => void;
	/** Ideas were added or changed (phones never receive hidden ones). */
	'ideas:changed': (payload: { activityId: number; ideas: IdeaView[] }) => void;
	/** Ideas left the phones' view (hidden by the moderator): drop them. */
	'ideas:removed': (payload: { activityId: number; ideaIds: number[] }) => void;
	/** A cluster was created, renamed or translated; the ideas moved into it follow as `ideas:changed`. */
	'cluster:changed': (payload: { activityId: number; cluster: ClusterView }) => void;
	/** The stage changed: the whole activity, as the receiver may see it. */
	'activity:state': (view: ActivityView) => void;
	/** Coalesced, a few per second at most; to participants only after the reveal (or live). */
	'activity:tallies': (payload: TalliesMessage) => void;
}
