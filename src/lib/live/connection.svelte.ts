/**
 * The browser's side of the live protocol (docs/live-protocol.md), shared by the phone page,
 * the moderator's console and the projector. It keeps the event's activities and the one on
 * screen up to date, and re-syncs the whole state after every (re)connect.
 */
import { io, type Socket } from 'socket.io-client';
import type {
	ActivitySummary,
	ActivityView,
	ClientToServerEvents,
	IdeaView,
	LiveErrorCode,
	Reply,
	ServerToClientEvents,
	SocketAuth
} from './protocol';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Payload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
type AckValue<E extends keyof ClientToServerEvents> =
	Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends Reply<infer T> ? T : never;

/** What the client itself may report besides the server's codes. */
export type ClientErrorCode = LiveErrorCode | 'no_connection';

/**
 * `online`: connected; `offline`: the link dropped, socket.io keeps trying; `refused`: the
 * server does not accept our credentials any more (e.g. the device token was removed).
 */
export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

/** How long to wait for an ack before treating the write as not (yet) delivered. */
const ackTimeoutMs = 10_000;

export interface Turnout {
	voters: number;
	participants: number;
	present: number;
}

/** A write id the server remembers; works on plain-http intranet hosts (no randomUUID there). */
export function newClientId(): string {
	return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
		b.toString(16).padStart(2, '0')
	).join('');
}

export class LiveConnection {
	status = $state<ConnectionStatus>('connecting');
	title = $state('');
	activities = $state<ActivitySummary[]>([]);
	/** The activity on screen. */
	activity = $state<ActivityView | null>(null);
	turnout = $state<Turnout | null>(null);
	/** The activity chosen by hand; otherwise the newest one still open. */
	chosenId = $state<number | null>(null);

	protected socket: LiveSocket;
	private listening = new AbortController();

	constructor(auth: SocketAuth = {}) {
		this.socket = io({ auth });
		this.socket.on('connect', () => {
			this.status = 'online';
			void this.resync().then(() => this.connected());
		});
		this.socket.on('disconnect', () => (this.status = 'offline'));
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
			this.activities = activities;
			void this.showActivity();
		});
		this.socket.on('activity:state', (view) => {
			if (view.id !== this.activity?.id) return;
			// Broadcasts carry no one's own dots; keep ours, which come with our acks.
			this.activity = { ...view, mine: this.activity.mine, tallies: view.tallies };
		});
		this.socket.on('idea:changed', ({ activityId, idea }) => {
			if (activityId === this.activity?.id) this.upsertIdea(idea);
		});
		this.socket.on('activity:tallies', ({ activityId, tallies, voters, participants, present }) => {
			if (activityId !== this.activity?.id) return;
			this.activity.tallies = tallies;
			this.turnout = { voters, participants, present };
		});
	}

	/** Sends one event and waits for its ack; a lost link or a timeout is `no_connection`. */
	async request<E extends keyof ClientToServerEvents>(
		event: E,
		payload: Payload<E>
	): Promise<{ ok: true; value: AckValue<E> } | { ok: false; error: ClientErrorCode }> {
		if (!this.socket.connected) return { ok: false, error: 'no_connection' };
		try {
			const socket = this.socket.timeout(ackTimeoutMs);
			// socket.io's typed emitWithAck cannot follow a generic event name.
			const emit = socket.emitWithAck.bind(socket) as (
				event: E,
				payload: Payload<E>
			) => Promise<Reply<AckValue<E>>>;
			return await emit(event, payload);
		} catch {
			return { ok: false, error: 'no_connection' };
		}
	}

	/** The activity to show: the chosen one, else the newest still open, else the newest. */
	get currentId(): number | null {
		const ids = this.activities.map((a) => a.id);
		if (this.chosenId !== null && ids.includes(this.chosenId)) return this.chosenId;
		const open = this.activities.filter((a) => a.stage !== 'closed');
		return (open.at(-1) ?? this.activities.at(-1))?.id ?? null;
	}

	choose(activityId: number) {
		this.chosenId = activityId;
		void this.showActivity();
	}

	async resync() {
		const event = await this.request('event:sync', {});
		if (!event.ok) return;
		this.title = event.value.title;
		this.activities = event.value.activities;
		await this.showActivity(true);
	}

	private async showActivity(force = false) {
		const id = this.currentId;
		if (id === null) {
			this.activity = null;
			return;
		}
		if (!force && this.activity?.id === id) {
			const summary = this.activities.find((a) => a.id === id);
			if (summary?.stage === this.activity.stage) return;
		}
		const view = await this.request('activity:sync', { activityId: id });
		if (view.ok && this.currentId === view.value.id) this.activity = view.value;
	}

	/** After each (re)connect and re-sync; the phone sends what waited in its outbox. */
	protected connected() {}

	protected upsertIdea(idea: IdeaView) {
		if (!this.activity) return;
		const ideas = this.activity.ideas;
		const index = ideas.findIndex((i) => i.id === idea.id);
		if (index >= 0) ideas[index] = idea;
		else ideas.push(idea);
	}

	close() {
		this.listening.abort();
		this.socket.close();
	}
}
