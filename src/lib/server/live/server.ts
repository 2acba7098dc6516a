import type { Server } from 'socket.io';

/** Where the production entry (server.js) and the dev server leave their socket.io server. */
export const liveServerKey = Symbol.for('mitwirken.live');
/** Where server.js finds the counters it prints with its metrics. */
const liveStatsKey = Symbol.for('mitwirken.live.stats');

export function takeLiveServer(): Server | undefined {
	return (globalThis as { [liveServerKey]?: Server })[liveServerKey];
}

export interface LiveStats {
	/** Messages sent without an ack callback: nothing could be answered. */
	droppedMessages: number;
	refusedHandshakes: number;
}

export const liveStats: LiveStats = ((globalThis as { [liveStatsKey]?: LiveStats })[
	liveStatsKey
] ??= { droppedMessages: 0, refusedHandshakes: 0 });
