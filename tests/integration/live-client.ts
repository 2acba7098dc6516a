import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/workshop/protocol';

/**
 * How long to wait for an ack or an event that should come. A loaded two-core machine can take
 * seconds; a test that checks that nothing comes passes its own, shorter window to `next`.
 */
const patienceMs = 15_000;

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io client, as a phone or the moderator's laptop would connect. */
export function connectLive(
	url: string,
	options: { cookie?: string; eventId?: number } = {}
): Promise<LiveClient> {
	const socket: LiveClient = io(url, {
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		extraHeaders: options.cookie ? { cookie: options.cookie } : {},
		auth: options.eventId ? { eventId: options.eventId } : {}
	});
	return new Promise((ready, fail) => {
		socket.once('connect', () => ready(socket));
		socket.once('connect_error', (error) => {
			socket.close();
			fail(error);
		});
	});
}

/** Sends an event and waits for its ack. */
export function send<E extends keyof ClientToServerEvents>(
	socket: LiveClient,
	event: E,
	payload: Parameters<ClientToServerEvents[E]>[0]
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- socket.io's typed emitWithAck cannot follow a generic event name
	return (socket.timeout(patienceMs) as any).emitWithAck(event, payload);
}

/** The next `event` the socket receives, or undefined if none comes within `ms`. */
export function next<E extends keyof ServerToClientEvents>(
	socket: LiveClient,
	event: E,
	ms = patienceMs
): Promise<Parameters<ServerToClientEvents[E]>[0] | undefined> {
	return new Promise((done) => {
		const timer = setTimeout(() => {
			socket.off(event, listener as never);
			done(undefined);
		}, ms);
		const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
			clearTimeout(timer);
			done(payload);
		};
		socket.once(event, listener as never);
	});
}

/**
 * A socket.io client with any handshake: extra headers (Cookie, Origin) and any `auth`, even
 * one the typed client would not build. Rejects with the server's `connect_error`.
 */
export function connectWith(
	url: string,
	options: { headers?: Record<string, string>; auth?: unknown }
): Promise<LiveClient> {
	const socket: LiveClient = io(url, {
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		extraHeaders: options.headers ?? {},
		auth: options.auth as Record<string, unknown>
	});
	return new Promise((ready, fail) => {
		socket.once('connect', () => ready(socket));
		socket.once('connect_error', (error) => {
			socket.close();
			fail(error);
		});
	});
}

/** The socket.io packet types this file sends and reads (socket.io-parser's numbering). */
const eventPacket = 2;
const ackPackets = new Set([3, 6]);

/**
 * The wire below the typed client: sends packets exactly as given (any event name, any
 * arguments, reserved names included), and counts the ack packets the server sends back per
 * id, so that a second answer to one message would show; the client library ignores those.
 */
export class RawWire {
	/** Ack packets received, per packet id. */
	readonly answers = new Map<number, unknown[][]>();
	private nextId = 1_000_000;
	private waiting = new Map<number, () => void>();

	constructor(private socket: LiveClient) {
		socket.io.on('packet', (packet: { type: number; nsp: string; id?: number; data?: unknown }) => {
			if (!ackPackets.has(packet.type) || packet.nsp !== '/' || packet.id === undefined) return;
			const list = this.answers.get(packet.id) ?? [];
			list.push(Array.isArray(packet.data) ? packet.data : [packet.data]);
			this.answers.set(packet.id, list);
			this.waiting.get(packet.id)?.();
		});
	}

	/** Sends `[name, ...args]` as one event packet, with an ack id unless `withAck` is false. */
	send(data: unknown[], withAck = true): number | undefined {
		const id = withAck ? this.nextId++ : undefined;
		(this.socket as unknown as { packet: (packet: object) => void }).packet({
			type: eventPacket,
			data,
			...(id === undefined ? {} : { id })
		});
		return id;
	}

	/** Resolves once the message `id` has an answer, or after `ms`. */
	answered(id: number, ms = 5000): Promise<void> {
		if (this.answers.has(id)) return Promise.resolve();
		return new Promise((done) => {
			const timer = setTimeout(finish, ms);
			function finish() {
				clearTimeout(timer);
				done();
			}
			this.waiting.set(id, finish);
		});
	}

	/** Ack packets received in all. */
	get total(): number {
		let sum = 0;
		for (const list of this.answers.values()) sum += list.length;
		return sum;
	}
}

/** Resolves with the reason once the socket is disconnected, or with undefined after `ms`. */
export function disconnection(socket: LiveClient, ms = 2000): Promise<string | undefined> {
	if (socket.disconnected) return Promise.resolve('already disconnected');
	return new Promise((done) => {
		const timer = setTimeout(() => {
			socket.off('disconnect', listener);
			done(undefined);
		}, ms);
		const listener = (reason: string) => {
			clearTimeout(timer);
			done(reason);
		};
		socket.once('disconnect', listener);
	});
}
