import { eq } from 'drizzle-orm';
import { failure, ok, type LiveResult } from '../../workshop/errors';
import { ideaBurst, ideaRefillMs, messageBurst, messagesPerSecond } from '../../workshop/limits';
import { moderatorMessages, participantMessages } from '../../workshop/messages';
import type { AckValues, ActivityView } from '../../workshop/protocol';
import { onAccessChanged } from '../auth/access-changes';
import { TokenBucket } from '../auth/throttle';
import type { Db } from '../db';
import { runAudited, type AuditContext } from '../db/audit';
import * as table from '../db/schema';
import { draftMinutesWhenWorkshopEnds } from '../minutes/minutes';
import {
	activitySummaries,
	activitySummary,
	createActivityInEvent,
	findActivityOfEvent,
	moveToStage,
	translateQuestion
} from '../workshop/activities';
import {
	correctIdea,
	createCluster,
	mergeIdea,
	moveIdeaToCluster,
	renameCluster,
	setIdeaHidden,
	submitIdea,
	translateCluster
} from '../workshop/ideas';
import { TallyCache } from '../workshop/tally-cache';
import {
	activityView,
	clusterView,
	ideaView,
	ideaViews,
	type Viewer as ActivityViewer
} from '../workshop/views';
import { placeDot, removeDot, tallies } from '../workshop/votes';
import { LiveBroadcasts, rooms, type LiveServer } from './broadcast';
import { dispatchMessages, type Handlers } from './dispatch';
import { authenticate, moderatorMayRun } from './handshake';
import { liveStats } from './server';

/** How often moderator sockets are checked for sessions that ended by expiring. */
const accessSweepMs = 60_000;

/**
 * Wires the live protocol onto a socket.io server: the handshake, one dispatcher per socket,
 * and each message's handler, which checks, stores, answers and then broadcasts.
 */
export function attachLive(io: LiveServer, db: Db, allowedOrigin = process.env.ORIGIN) {
	const tallyCache = new TallyCache(db);
	// Closed activities are read from SQLite; only those still changing are kept in memory.
	const talliesOf = (activity: table.Activity) =>
		activity.stage === 'closed' ? tallies(db, activity.id) : tallyCache.tallies(activity.id);
	const view = (activity: table.Activity, viewer: ActivityViewer): ActivityView =>
		activityView(db, activity, viewer, () => talliesOf(activity));
	const broadcasts = new LiveBroadcasts(io, db, tallyCache, view);
	const ideaBucket = new TokenBucket<string>(ideaBurst, ideaRefillMs);
	const messageBucket = new TokenBucket<string>(messageBurst, 1000 / messagesPerSecond);

	io.use((socket, next) => {
		try {
			const data = authenticate(db, socket.handshake, allowedOrigin);
			if (typeof data === 'string') {
				liveStats.refusedHandshakes += 1;
				return next(new Error(data));
			}
			socket.data = data;
			next();
		} catch (error) {
			console.error('live: handshake failed', error);
			liveStats.refusedHandshakes += 1;
			next(new Error('invalid_handshake'));
		}
	});

	/** Disconnects a user's moderator sockets that may no longer run their event. */
	function recheckModerators(userId?: number) {
		for (const socket of io.of('/').sockets.values()) {
			const { viewer, eventId } = socket.data;
			if (viewer?.kind !== 'moderator' || (userId !== undefined && viewer.userId !== userId)) {
				continue;
			}
			if (!moderatorMayRun(db, viewer, eventId)) socket.disconnect(true);
		}
	}
	onAccessChanged((userId) => recheckModerators(userId));
	setInterval(() => recheckModerators(), accessSweepMs).unref();

	io.on('connection', (socket) => {
		const { eventId, viewer } = socket.data;
		socket.join([
			rooms.event(eventId),
			viewer.kind === 'moderator' ? rooms.moderators(eventId) : rooms.participants(eventId)
		]);
		// Socket ids never come back: without this, reconnect storms would fill the bucket map.
		socket.on('disconnect', () => messageBucket.forget(socket.id));
		const activityViewer: ActivityViewer =
			viewer.kind === 'moderator' ? { kind: 'moderator' } : viewer;

		/** Runs `change` on an activity of this socket's own event. */
		function inActivity<T>(
			activityId: number,
			change: (activity: table.Activity) => LiveResult<T>
		): LiveResult<T> {
			const activity = findActivityOfEvent(db, eventId, activityId);
			return activity ? change(activity) : failure('not_found');
		}

		const reads: Handlers = {
			'event:sync': () => {
				const event = db
					.select({ title: table.event.title })
					.from(table.event)
					.where(eq(table.event.id, eventId))
					.get();
				if (!event) return failure('not_found');
				return ok({ eventId, title: event.title, activities: activitySummaries(db, eventId) });
			},
			'activity:sync': ({ activityId }) =>
				inActivity(activityId, (activity) => ok(view(activity, activityViewer)))
		};

		const handlers: Handlers =
			viewer.kind === 'participant'
				? { ...reads, ...participantHandlers(viewer.participantId) }
				: { ...reads, ...moderatorHandlers() };

		// A moderator's writes go to the audit log; a phone's are not staff writes.
		const audit =
			viewer.kind === 'moderator' ? moderatorAuditContext(db, viewer.userId, eventId) : null;
		dispatchMessages(socket, {
			allowed: viewer.kind === 'participant' ? participantMessages : moderatorMessages,
			handlers,
			admit: () => (messageBucket.take(socket.id) > 0 ? 'rate_limited' : null),
			mayRun: () => {
				if (viewer.kind !== 'moderator') return true;
				if (moderatorMayRun(db, viewer, eventId)) return true;
				setImmediate(() => socket.disconnect(true));
				return false;
			},
			dropped: () => (liveStats.droppedMessages += 1),
			around: audit
				? (name, work) => runAudited({ ...audit, path: `live ${name}` }, work)
				: undefined
		});

		function participantHandlers(participantId: string): Handlers {
			const afterDot = (
				activity: table.Activity,
				target: Parameters<typeof tallyCache.apply>[2],
				delta: 1 | -1,
				result: ReturnType<typeof placeDot>
			): LiveResult<AckValues['dot:place']> => {
				if (!result.ok) return result;
				if (result.value.applied) {
					tallyCache.apply(activity.id, participantId, target, delta);
					broadcasts.tallies(activity.id);
				}
				return ok(result.value.mine);
			};
			return {
				'idea:submit': (input) =>
					inActivity(input.activityId, (activity) => {
						const admit = () => ideaBucket.take(participantId) === 0;
						const result = submitIdea(db, activity, { ...input, participantId }, admit);
						if (!result.ok) return result;
						const idea = ideaView(db, activity, result.value.idea);
						if (!result.value.duplicate) setImmediate(() => broadcasts.ideas(activity, [idea]));
						return ok(idea);
					}),
				'dot:place': ({ activityId, clientId, target }) =>
					inActivity(activityId, (activity) =>
						afterDot(activity, target, 1, placeDot(db, activity, participantId, clientId, target))
					),
				'dot:remove': ({ activityId, clientId, target }) =>
					inActivity(activityId, (activity) =>
						afterDot(activity, target, -1, removeDot(db, activity, participantId, clientId, target))
					)
			};
		}

		function moderatorHandlers(): Handlers {
			/** An idea changed: answer with it, then tell the room. */
			const afterIdea = (activity: table.Activity, result: LiveResult<table.Idea>) => {
				if (!result.ok) return result;
				const idea = ideaView(db, activity, result.value);
				setImmediate(() => broadcasts.ideas(activity, [idea]));
				return ok(idea);
			};
			// Regrouping may move dots cast before voting was reopened: count them again.
			const recount = (activity: table.Activity) => {
				tallyCache.forget(activity.id);
				broadcasts.tallies(activity.id);
			};
			const afterRegrouping = (activity: table.Activity, result: LiveResult<table.Idea>) => {
				if (result.ok) recount(activity);
				return afterIdea(activity, result);
			};
			return {
				'activity:create': (input) => {
					const result = createActivityInEvent(db, eventId, input);
					if (!result.ok) return result;
					setImmediate(() => broadcasts.activities(eventId));
					return ok(view(result.value, activityViewer));
				},
				'activity:stage': ({ activityId, stage }) =>
					inActivity(activityId, (activity) => {
						const result = moveToStage(db, activity, stage);
						if (!result.ok) return result;
						const moved = result.value;
						if (moved.stage === 'closed') {
							tallyCache.forget(moved.id);
							draftMinutesWhenWorkshopEnds(db, eventId);
						}
						setImmediate(() => {
							broadcasts.state(moved);
							broadcasts.activities(eventId);
							broadcasts.tallies(moved.id);
						});
						return ok(view(moved, activityViewer));
					}),
				'activity:translate': ({ activityId, translations }) =>
					inActivity(activityId, (activity) => {
						const result = translateQuestion(db, activity, translations);
						if (!result.ok) return result;
						// The phones take the question's translations from the event's activity list.
						setImmediate(() => broadcasts.activities(eventId));
						return ok(activitySummary(result.value));
					}),
				'idea:hide': ({ activityId, ideaId, hidden }) =>
					inActivity(activityId, (activity) =>
						afterIdea(activity, setIdeaHidden(db, activity, ideaId, hidden))
					),
				'idea:correct': ({ activityId, ideaId, text }) =>
					inActivity(activityId, (activity) =>
						afterIdea(activity, correctIdea(db, activity, ideaId, text))
					),
				'idea:merge': ({ activityId, ideaId, intoId }) =>
					inActivity(activityId, (activity) =>
						afterRegrouping(activity, mergeIdea(db, activity, ideaId, intoId))
					),
				'idea:move': ({ activityId, ideaId, clusterId }) =>
					inActivity(activityId, (activity) =>
						afterRegrouping(activity, moveIdeaToCluster(db, activity, ideaId, clusterId))
					),
				'cluster:create': ({ activityId, title, ideaIds }) =>
					inActivity(activityId, (activity) => {
						const result = createCluster(db, activity, title, ideaIds);
						if (!result.ok) return result;
						const cluster = clusterView(result.value);
						if (ideaIds.length > 0) recount(activity);
						setImmediate(() => {
							broadcasts.cluster(activity, cluster);
							if (ideaIds.length > 0) {
								broadcasts.ideas(activity, ideaViews(db, activity, cluster.id));
							}
						});
						return ok(cluster);
					}),
				'cluster:rename': ({ activityId, clusterId, title }) =>
					inActivity(activityId, (activity) => {
						const result = renameCluster(db, activity, clusterId, title);
						if (!result.ok) return result;
						const cluster = clusterView(result.value);
						setImmediate(() => broadcasts.cluster(activity, cluster));
						return ok(cluster);
					}),
				'cluster:translate': ({ activityId, clusterId, translations }) =>
					inActivity(activityId, (activity) => {
						const result = translateCluster(db, activity, clusterId, translations);
						if (!result.ok) return result;
						const cluster = clusterView(result.value);
						setImmediate(() => broadcasts.cluster(activity, cluster));
						return ok(cluster);
					})
			};
		}
	});
}

/** Who the audit log names for a moderator's live messages, and where they work. */
function moderatorAuditContext(db: Db, userId: number, eventId: number): AuditContext {
	const user = db
		.select({ name: table.user.name })
		.from(table.user)
		.where(eq(table.user.id, userId))
		.get();
	const scope = db
		.select({ processId: table.process.id, organisationId: table.process.organisationId })
		.from(table.event)
		.innerJoin(table.process, eq(table.event.processId, table.process.id))
		.where(eq(table.event.id, eventId))
		.get();
	return {
		actorKind: 'moderator_socket',
		actorUserId: userId,
		actorName: user?.name ?? '',
		organisationId: scope?.organisationId ?? null,
		processId: scope?.processId ?? null,
		path: 'live'
	};
}
