import type { Server } from 'socket.io';

/** Where the production entry (server.js) and the dev server leave their socket.io server. */
export const liveServerKey = Symbol.for('mitwirken.live');

export function takeLiveServer(): Server | undefined {
	return (globalThis as { [liveServerKey]?: Server })[liveServerKey];
}
