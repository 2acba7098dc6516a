import type { Socket } from 'socket.io';
import * as v from 'valibot';
import { failure, type LiveErrorCode, type LiveResult } from '../../workshop/errors';
import {
	isMessageName,
	messages,
	type MessageInput,
	type MessageName
} from '../../workshop/messages';
import type { AckValues, Reply } from '../../workshop/protocol';

export type Handler<E extends MessageName> = (input: MessageInput<E>) => LiveResult<AckValues[E]>;
export type Handlers = { [E in MessageName]?: Handler<E> };

export interface Dispatch {
	/** The messages this socket's role may send, and their handlers. */
	allowed: readonly MessageName[];
	handlers: Handlers;
	/** Refuses a message before anything else (too many too fast), or lets it through. */
	admit: () => Extract<LiveErrorCode, 'rate_limited'> | null;
	/** Whether the sender still has the rights it had at the handshake; checked before every message. */
	mayRun: () => boolean;
	/** A message without an ack callback: nothing can be answered, so it is counted and dropped. */
	dropped: (name: unknown) => void;
	/** Runs each admitted message's handler, e.g. as its sender for the audit log. */
	around?: <T>(name: MessageName, work: () => T) => T;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
	if (typeof value !== 'object' || value === null) return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
};

function run<E extends MessageName>(
	handlers: Handlers,
	name: E,
	payload: unknown
): Reply<AckValues[E]> {
	const handler: Handler<E> | undefined = handlers[name];
	if (!handler) return failure('server_error');
	const parsed = v.safeParse(messages[name], payload);
	if (!parsed.success) return failure('invalid_payload');
	return handler(parsed.output);
}

/**
 * Answers every message on this socket exactly once: an ack with a value or a defined error
 * code, or, without an ack callback, a counted drop. Messages never reach socket.io's event
 * emitter, so no event name (`error`, `__proto__`, `toString` …) can do anything but be refused.
 */
export function dispatchMessages(socket: Socket, dispatch: Dispatch) {
	function answer(name: unknown, args: unknown[]): Reply<unknown> {
		const refusal = dispatch.admit();
		if (refusal) return failure(refusal);
		if (!isMessageName(name) || args.length !== 1 || !isPlainObject(args[0])) {
			return failure('invalid_payload');
		}
		if (!dispatch.allowed.includes(name) || !dispatch.mayRun()) return failure('unauthorised');
		try {
			const work = () => run(dispatch.handlers, name, args[0]);
			return dispatch.around ? dispatch.around(name, work) : work();
		} catch (error) {
			console.error(`live: ${name} failed`, error);
			return failure('server_error');
		}
	}

	// A middleware that never calls `next`: the message ends here.
	socket.use((packet) => {
		const [name, ...args] = packet as unknown[];
		const ack = args.at(-1);
		if (typeof ack !== 'function') return dispatch.dropped(name);
		args.pop();
		try {
			ack(answer(name, args));
		} catch (error) {
			console.error('live: could not answer', error);
		}
	});
}
