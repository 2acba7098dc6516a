import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/live/protocol';

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
