import { eq } from 'drizzle-orm';
import type { Server } from 'socket.io';
import { tallyIntervalMs } from '../../workshop/limits';
import type {
	ActivityView,
	ClientToServerEvents,
	ClusterView,
	IdeaView,
	ServerToClientEvents
} from '../../workshop/protocol';
import { talliesVisibleToParticipants } from '../../workshop/rules';
import type { Db } from '../db';
import * as table from '../db/schema';
import { activitySummaries } from '../workshop/activities';
import type { TallyCache } from '../workshop/tally-cache';
import { participantCount, type Viewer } from '../workshop/views';
import type { SocketData } from './handshake';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, object, SocketData>;

export const rooms = {
	event: (eventId: number) => `event:${eventId}`,
	moderators: (eventId: number) => `event:${eventId}:moderators`,
	participants: (eventId: number) => `event:${eventId}:participants`
};

/**
 * What the server tells the room after a write: only what changed (an idea, a cluster, the
 * tallies), the whole activity only when its stage changes.
 */
export class LiveBroadcasts {
	private pendingTallies = new Set<number>();
	private timer: NodeJS.Timeout | undefined;

	constructor(
		private io: LiveServer,
		private db: Db,
		private tallyCache: TallyCache,
		private view: (activity: table.Activity, viewer: Viewer) => ActivityView
	) {}

	activities(eventId: number) {
		this.io.to(rooms.event(eventId)).emit('event:activities', activitySummaries(this.db, eventId));
	}

	state(activity: table.Activity) {
		const { eventId } = activity;
		this.io
			.to(rooms.moderators(eventId))
			.emit('activity:state', this.view(activity, { kind: 'moderator' }));
		// Participants' views differ only in their own dots, which each client keeps from its acks.
		this.io
			.to(rooms.participants(eventId))
			.emit('activity:state', this.view(activity, { kind: 'participants' }));
	}

	/** Changed ideas: moderators see all; phones lose the hidden ones and get the others. */
	ideas(activity: table.Activity, ideas: IdeaView[]) {
		const { eventId, id: activityId } = activity;
		this.io.to(rooms.moderators(eventId)).emit('ideas:changed', { activityId, ideas });
		const shown = ideas.filter((idea) => !idea.hidden);
		const hidden = ideas.filter((idea) => idea.hidden).map((idea) => idea.id);
		const phones = this.io.to(rooms.participants(eventId));
		if (shown.length > 0) phones.emit('ideas:changed', { activityId, ideas: shown });
		if (hidden.length > 0) phones.emit('ideas:removed', { activityId, ideaIds: hidden });
	}

	cluster(activity: table.Activity, cluster: ClusterView) {
		this.io
			.to(rooms.event(activity.eventId))
			.emit('cluster:changed', { activityId: activity.id, cluster });
	}

	/** Coalesced: however many dots arrive, each activity's tallies go out at most once per interval. */
	tallies(activityId: number) {
		this.pendingTallies.add(activityId);
		this.timer ??= setTimeout(() => this.flushTallies(), tallyIntervalMs);
	}

	/** Phones connected to the event now; a phone with two tabs counts once. */
	private present(eventId: number): number {
		const ids = new Set<string>();
		for (const socketId of this.io.sockets.adapter.rooms.get(rooms.participants(eventId)) ?? []) {
			const viewer = this.io.sockets.sockets.get(socketId)?.data.viewer;
			if (viewer?.kind === 'participant') ids.add(viewer.participantId);
		}
		return ids.size;
	}

	private flushTallies() {
		this.timer = undefined;
		const activityIds = [...this.pendingTallies];
		this.pendingTallies.clear();
		for (const activityId of activityIds) {
			const activity = this.db
				.select()
				.from(table.activity)
				.where(eq(table.activity.id, activityId))
				.get();
			if (!activity || activity.stage === 'closed') continue;
			const message = {
				activityId,
				tallies: this.tallyCache.tallies(activityId),
				voters: this.tallyCache.voters(activityId),
				participants: participantCount(this.db, activity.eventId),
				present: this.present(activity.eventId),
				at: Date.now()
			};
			this.io.to(rooms.moderators(activity.eventId)).emit('activity:tallies', message);
			if (talliesVisibleToParticipants(activity)) {
				this.io.to(rooms.participants(activity.eventId)).emit('activity:tallies', message);
			}
		}
	}
}
