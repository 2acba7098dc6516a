import { eq } from 'drizzle-orm';
import type { Server, Socket } from 'socket.io';
import * as v from 'valibot';
import { cookieValue } from '../../cookie-value';
import type { ClientToServerEvents, ServerToClientEvents, SocketAuth } from '../../live/protocol';
import { sessionCookieName, validateSessionToken } from '../auth/session';
import { TokenBucket } from '../auth/throttle';
import type { Db } from '../db';
import * as table from '../db/schema';
import { draftMinutesWhenWorkshopEnds } from '../minutes/minutes';
import { checkMembership } from '../organisations/organisations';
import {
	activitySummaries,
	createActivityInEvent,
	findActivityOfEvent,
	moveToStage
} from './activities';
import { failure, ok, type LiveResult } from './errors';
import {
	correctIdea,
	createCluster,
	mergeIdea,
	moveIdeaToCluster,
	renameCluster,
	setIdeaHidden,
	submitIdea
} from './ideas';
import { findParticipant, participantCookieName } from './participants';
import { payloads, type LiveEventName } from './schemas';
import { TallyCache } from './tally-cache';
import {
	activityView,
	authorsOf,
	ideaView,
	participantCount,
	talliesAreVisibleToParticipants
} from './views';
import { placeDot, removeDot } from './votes';

type Viewer =
	{ kind: 'moderator'; userId: number } | { kind: 'participant'; participantId: string };
interface SocketData {
	eventId: number;
	viewer: Viewer;
}
type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, object, SocketData>;
type Input<E extends LiveEventName> = v.InferOutput<(typeof payloads)[E]>;
/** The events about one activity: their payloads name it. */
type ActivityEventName = {
	[E in LiveEventName]: Input<E> extends { activityId: number } ? E : never;
}[LiveEventName];
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, object, SocketData>;

/** How often, at most, tallies go out per activity. */
export const tallyIntervalMs = 100;

const rooms = {
	event: (eventId: number) => `event:${eventId}`,
	moderators: (eventId: number) => `event:${eventId}:moderators`,
	participants: (eventId: number) => `event:${eventId}:participants`
};

/**
 * A handshake naming an event (`auth.eventId`) asks to moderate it and needs a session of a
 * member who may manage its events; any other handshake needs a participant's device token.
 */
function authenticate(db: Db, socket: LiveSocket): SocketData | null {
	const cookies = socket.request.headers.cookie;
	const requestedEventId = (socket.handshake.auth as SocketAuth).eventId;
	if (requestedEventId === undefined) {
		const token = cookieValue(cookies, participantCookieName);
		const participant = token ? findParticipant(db, token) : undefined;
		if (!participant) return null;
		return {
			eventId: participant.eventId,
			viewer: { kind: 'participant', participantId: participant.id }
		};
	}
	const eventId = Number(requestedEventId);
	const sessionToken = cookieValue(cookies, sessionCookieName);
	if (!sessionToken || !Number.isInteger(eventId)) return null;
	const session = validateSessionToken(db, sessionToken);
	if (!session.valid) return null;
	const owner = db
		.select({ slug: table.organisation.slug })
		.from(table.event)
		.innerJoin(table.process, eq(table.event.processId, table.process.id))
		.innerJoin(table.organisation, eq(table.process.organisationId, table.organisation.id))
		.where(eq(table.event.id, eventId))
		.get();
	if (!owner || !checkMembership(db, session.user.id, owner.slug, 'manageEvents').allowed) {
		return null;
	}
	return { eventId, viewer: { kind: 'moderator', userId: session.user.id } };
}

/** Coalesces tally updates: however many dots arrive, each activity gets at most one per interval. */
class TallyBroadcaster {
	private pending = new Set<number>();
	private timer: NodeJS.Timeout | undefined;

	constructor(
		private io: LiveServer,
		private db: Db,
		private cache: TallyCache
	) {}

	changed(activityId: number) {
		this.pending.add(activityId);
		this.timer ??= setTimeout(() => this.flush(), tallyIntervalMs);
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

	private flush() {
		this.timer = undefined;
		const activityIds = [...this.pending];
		this.pending.clear();
		for (const activityId of activityIds) {
			const activity = this.db
				.select()
				.from(table.activity)
				.where(eq(table.activity.id, activityId))
				.get();
			if (!activity) continue;
			const payload = {
				activityId,
				tallies: this.cache.tallies(activityId),
				voters: this.cache.voters(activityId),
				participants: participantCount(this.db, activity.eventId),
				present: this.present(activity.eventId),
				at: Date.now()
			};
			this.io.to(rooms.moderators(activity.eventId)).emit('activity:tallies', payload);
			if (talliesAreVisibleToParticipants(activity)) {
				this.io.to(rooms.participants(activity.eventId)).emit('activity:tallies', payload);
			}
		}
	}
}

/**
 * Wires the live protocol onto a socket.io server. Every handler validates the payload,
 * checks the sender's role, writes to SQLite, acknowledges, and only then broadcasts.
 */
export function attachLive(io: LiveServer, db: Db) {
	const tallyCache = new TallyCache(db);
	const broadcaster = new TallyBroadcaster(io, db, tallyCache);
	const view = (activity: table.Activity, viewer: Parameters<typeof activityView>[2]) =>
		activityView(db, activity, viewer, (id) => tallyCache.tallies(id));
	const ideaBucket = new TokenBucket<string>(5, 5_000);

	io.use((socket, next) => {
		const data = authenticate(db, socket);
		if (!data) return next(new Error('unauthorised'));
		socket.data = data;
		next();
	});

	function broadcastState(activity: table.Activity) {
		io.to(rooms.moderators(activity.eventId)).emit(
			'activity:state',
			view(activity, { kind: 'moderator' })
		);
		// Participants' views differ only in their own dots, which each client keeps from its acks.
		io.to(rooms.participants(activity.eventId)).emit(
			'activity:state',
			view(activity, { kind: 'participants' })
		);
	}

	function broadcastActivities(eventId: number) {
		io.to(rooms.event(eventId)).emit('event:activities', activitySummaries(db, eventId));
	}

	function broadcastIdea(activity: table.Activity, idea: table.Idea) {
		const view = ideaView(
			idea,
			activity,
			activity.namedIdeas ? authorsOf(db, activity.eventId) : new Map()
		);
		io.to(rooms.moderators(activity.eventId)).emit('idea:changed', {
			activityId: activity.id,
			idea: view
		});
		if (!idea.hidden) {
			io.to(rooms.participants(activity.eventId)).emit('idea:changed', {
				activityId: activity.id,
				idea: view
			});
		} else {
			// A newly hidden idea disappears from the phones: send the state without it.
			broadcastState(activity);
		}
	}

	io.on('connection', (socket) => {
		const { eventId, viewer } = socket.data;
		socket.join([
			rooms.event(eventId),
			viewer.kind === 'moderator' ? rooms.moderators(eventId) : rooms.participants(eventId)
		]);

		/**
		 * Registers one event for this socket's role: the payload is parsed, and failures and
		 * crashes are answered, never thrown.
		 */
		function handle<E extends LiveEventName>(
			name: E,
			run: (input: Input<E>) => LiveResult<unknown>
		) {
			socket.on(name as never, (payload: unknown, ack: unknown) => {
				const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {};
				try {
					const parsed = v.safeParse(payloads[name], payload);
					if (!parsed.success) return reply(failure('invalid_payload'));
					reply(run(parsed.output as Input<E>));
				} catch (error) {
					console.error(`live: ${name} failed`, error);
					reply(failure('server_error'));
				}
			});
		}

		/** Like `handle`, for events about one activity, which must be in the socket's own event. */
		function on<E extends ActivityEventName>(
			name: E,
			run: (input: Input<E>, activity: table.Activity) => LiveResult<unknown>
		) {
			handle(name, (input) => {
				const activity = findActivityOfEvent(db, eventId, input.activityId);
				return activity ? run(input, activity) : failure('not_found');
			});
		}

		handle('event:sync', () => {
			const event = db
				.select({ title: table.event.title })
				.from(table.event)
				.where(eq(table.event.id, eventId))
				.get();
			if (!event) return failure('not_found');
			return ok({ eventId, title: event.title, activities: activitySummaries(db, eventId) });
		});

		// Counted from the in-memory tallies: a reconnect storm must not count every dot again.
		on('activity:sync', (_input, activity) =>
			ok(view(activity, viewer.kind === 'moderator' ? { kind: 'moderator' } : viewer))
		);

		if (viewer.kind === 'participant') {
			const participantId = viewer.participantId;
			on('idea:submit', (input, activity) => {
				if (ideaBucket.take(participantId) > 0) return failure('rate_limited');
				const result = submitIdea(db, activity, { ...input, participantId });
				if (!result.ok) return result;
				const authors = activity.namedIdeas ? authorsOf(db, eventId) : new Map();
				if (!result.value.duplicate) setImmediate(() => broadcastIdea(activity, result.value.idea));
				return { ok: true, value: ideaView(result.value.idea, activity, authors) };
			});
			on('dot:place', (input, activity) => {
				const result = placeDot(db, activity, participantId, input.clientId, input.target);
				if (!result.ok) return result;
				if (result.value.applied) {
					tallyCache.apply(activity.id, participantId, input.target, 1);
					broadcaster.changed(activity.id);
				}
				return { ok: true, value: result.value.mine };
			});
			on('dot:remove', (input, activity) => {
				const result = removeDot(db, activity, participantId, input.clientId, input.target);
				if (!result.ok) return result;
				if (result.value.applied) {
					tallyCache.apply(activity.id, participantId, input.target, -1);
					broadcaster.changed(activity.id);
				}
				return { ok: true, value: result.value.mine };
			});
		}

		if (viewer.kind === 'moderator') {
			const afterIdea = (activity: table.Activity, result: LiveResult<table.Idea>) => {
				if (!result.ok) return result;
				setImmediate(() => broadcastIdea(activity, result.value));
				return {
					ok: true as const,
					value: ideaView(result.value, activity, authorsOf(db, eventId))
				};
			};
			handle('activity:create', (input) => {
				const result = createActivityInEvent(db, eventId, input);
				if (!result.ok) return result;
				setImmediate(() => broadcastActivities(eventId));
				return ok(view(result.value, { kind: 'moderator' }));
			});
			on('activity:stage', (input, activity) => {
				const result = moveToStage(db, activity, input.stage);
				if (!result.ok) return result;
				if (result.value.stage === 'closed') draftMinutesWhenWorkshopEnds(db, eventId);
				setImmediate(() => {
					broadcastState(result.value);
					broadcastActivities(eventId);
					broadcaster.changed(result.value.id);
				});
				return { ok: true, value: view(result.value, { kind: 'moderator' }) };
			});
			on('idea:hide', (input, activity) =>
				afterIdea(activity, setIdeaHidden(db, activity, input.ideaId, input.hidden))
			);
			on('idea:correct', (input, activity) =>
				afterIdea(activity, correctIdea(db, activity, input.ideaId, input.text))
			);
			// Regrouping may move dots cast before voting was reopened: count them again.
			const afterRegrouping = <T>(activity: table.Activity, result: LiveResult<T>) => {
				if (result.ok) {
					tallyCache.forget(activity.id);
					broadcaster.changed(activity.id);
				}
				return result;
			};
			on('idea:merge', (input, activity) =>
				afterIdea(
					activity,
					afterRegrouping(activity, mergeIdea(db, activity, input.ideaId, input.intoId))
				)
			);
			on('idea:move', (input, activity) =>
				afterIdea(
					activity,
					afterRegrouping(activity, moveIdeaToCluster(db, activity, input.ideaId, input.clusterId))
				)
			);
			on('cluster:create', (input, activity) => {
				const result = afterRegrouping(
					activity,
					createCluster(db, activity, input.title, input.ideaIds)
				);
				if (!result.ok) return result;
				setImmediate(() => broadcastState(activity));
				return { ok: true, value: { id: result.value.id, title: result.value.title } };
			});
			on('cluster:rename', (input, activity) => {
				const result = renameCluster(db, activity, input.clusterId, input.title);
				if (!result.ok) return result;
				setImmediate(() => broadcastState(activity));
				return { ok: true, value: { id: result.value.id, title: result.value.title } };
			});
		}

		// Events a role may not send get an answer too, not silence.
		socket.onAny((name: string, ...args: unknown[]) => {
			if (name in payloads && socket.listeners(name as LiveEventName).length > 0) return;
			const ack = args.at(-1);
			if (typeof ack === 'function')
				ack(failure(name in payloads ? 'unauthorised' : 'invalid_payload'));
		});
	});
}
