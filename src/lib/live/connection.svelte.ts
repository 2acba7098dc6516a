/**
 * The browser's side of the live protocol (docs/live-protocol.md), shared by the phone page,
 * the moderator's console and the projector. It feeds the workshop state from acks and
 * broadcasts, and re-syncs the whole state after every (re)connect.
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { LiveErrorCode } from '$lib/workshop/errors';
import type { MessageInput, MessageName, SocketAuth } from '$lib/workshop/messages';
import type {
	AckValues,
	ClientToServerEvents,
	Reply,
	ServerToClientEvents
} from '$lib/workshop/protocol';
import { WorkshopState } from './workshop-state.svelte';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the client itself may report besides the server's codes. */
export type ClientErrorCode = LiveErrorCode | 'no_connection';
export type ClientReply<T> = { ok: true; value: T } | { ok: false; error: ClientErrorCode };

/**
 * `online`: connected; `offline`: the link dropped, socket.io keeps trying; `refused`: the
 * server does not accept us (any more): the device token was removed, the moderator logged out
 * or lost the right to run the event.
 */
export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

/** How long to wait for an ack before treating the write as not (yet) delivered. */
const ackTimeoutMs = 10_000;

/**
 * Websocket first: one round trip fewer than long-polling and its upgrade, which matters for
 * 300 phones coming back after a restart. Where a proxy blocks websockets, polling takes over.
 * Retries back off to at most 2 s (socket.io's default is 5 s), so that after a restart no
 * phone waits long once the server is back; the random spread still staggers them.
 */
const transportOptions: Partial<ManagerOptions & SocketOptions> = {
	transports: ['websocket', 'polling'],
	tryAllTransports: true,
	reconnectionDelay: 1000,
	reconnectionDelayMax: 2000,
	randomizationFactor: 0.5
};

/** A write id the server remembers; works on plain-http intranet hosts (no randomUUID there). */
export function newClientId(): string {
	return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
		b.toString(16).padStart(2, '0')
	).join('');
}

export class LiveConnection extends WorkshopState {
	status = $state<ConnectionStatus>('connecting');

	protected socket: LiveSocket;
	/** Aborted on close: removes the window listeners. */
	protected listening = new AbortController();

	constructor(auth: SocketAuth = {}) {
		super();
		this.socket = io({ auth, ...transportOptions });
		this.socket.on('connect', () => {
			this.status = 'online';
			void this.resync().then(() => this.connected());
		});
		this.socket.on('disconnect', (reason) => {
			// The server ending the connection on purpose is final; anything else is retried.
			this.status = reason === 'io server disconnect' ? 'refused' : 'offline';
		});
		this.socket.on('connect_error', () => {
			// A refused handshake is final; a network failure is retried by socket.io.
			this.status = this.socket.active ? 'offline' : 'refused';
		});
		// When the phone itself knows it is offline, say so at once instead of after a ping timeout.
		const { signal } = this.listening;
		addEventListener(
			'offline',
			() => {
				this.socket.disconnect();
				this.status = 'offline';
			},
			{ signal }
		);
		addEventListener('online', () => this.socket.connect(), { signal });
		this.socket.on('event:activities', (activities) => {
			this.applyActivities(activities);
			void this.refreshActivity();
		});
		this.socket.on('activity:state', (view) => this.applyState(view));
		this.socket.on('ideas:changed', ({ activityId, ideas }) => this.applyIdeas(activityId, ideas));
		this.socket.on('ideas:removed', ({ activityId, ideaIds }) =>
			this.removeIdeas(activityId, ideaIds)
		);
		this.socket.on('cluster:changed', ({ activityId, cluster }) =>
			this.applyCluster(activityId, cluster)
		);
		this.socket.on('activity:tallies', (message) => this.applyTallies(message));
	}

	/** Sends one message and waits for its ack; a lost link or a timeout is `no_connection`. */
	async request<E extends MessageName>(
		event: E,
		payload: MessageInput<E>
	): Promise<ClientReply<AckValues[E]>> {
		if (!this.socket.connected) return { ok: false, error: 'no_connection' };
		try {
			const socket = this.socket.timeout(ackTimeoutMs);
			// socket.io's typed emitWithAck cannot follow a generic event name.
			const emit = socket.emitWithAck.bind(socket) as (
				event: E,
				payload: MessageInput<E>
			) => Promise<Reply<AckValues[E]>>;
			return await emit(event, payload);
		} catch {
			return { ok: false, error: 'no_connection' };
		}
	}

	override choose(activityId: number) {
		super.choose(activityId);
		void this.refreshActivity();
	}

	/**
	 * After a reconnect the activity on screen is known: it is asked for together with the
	 * event, one round trip instead of two on a slow network.
	 */
	async resync() {
		const known = this.currentId;
		const [event, view] = await Promise.all([
			this.request('event:sync', {}),
			known === null ? null : this.request('activity:sync', { activityId: known })
		]);
		if (!event.ok) return;
		this.applyEvent(event.value);
		if (view?.ok && this.currentId === known) this.showActivity(view.value);
		else await this.refreshActivity(true);
	}

	/** Fetches the activity on screen whole when it changed (or always, after a reconnect). */
	private async refreshActivity(force = false) {
		if (!force && !this.needsActivity) return;
		const id = this.currentId;
		if (id === null) return this.showActivity(null);
		const view = await this.request('activity:sync', { activityId: id });
		if (view.ok) this.showActivity(view.value);
	}

	/** After each (re)connect and re-sync; the phone sends what waited in its outbox. */
	protected connected() {}

	close() {
		this.listening.abort();
		this.socket.close();
	}
}
