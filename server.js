// Production entry: one port for the SvelteKit app (adapter-node's handler) and socket.io.
import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';

// A plain `npm start` serves http://localhost:PORT; behind a proxy or on an intranet host name,
// set ORIGIN (see README), or SvelteKit refuses form posts as cross-site.
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';
process.env.ORIGIN ??= `http://localhost:${port}`;
// Room for the start page's sign-language video (200 MB, src/lib/sign-video.ts) and its captions
// in a multipart form; adapter-node's own default is 512K. The app holds attachments to 21 MB and
// every other post to 3 MB (src/lib/server/request-limits.ts).
process.env.BODY_SIZE_LIMIT ??= '202M';

const io = new Server({ serveClient: false });
// The app's server init hook (src/hooks.server.ts) attaches the live protocol to this server.
globalThis[Symbol.for('mitwirken.live')] = io;

let handler;
try {
	// Runs the app's init hook: opens the database, checks the settings.
	({ handler } = await import('./build/handler.js'));
} catch (error) {
	// A wrong setting (DB_SYNCHRONOUS, BACKUP_*) is a message to the administrator, not a crash.
	console.error(error instanceof Error && error.name === 'SettingError' ? error.message : error);
	process.exit(1);
}

// Security headers (src/lib/server/security-headers.ts) also on the static files, which
// adapter-node serves before the app's hooks run, and on socket.io's long-polling answers.
// HSTS only when the public origin is HTTPS: never from a request's own headers.
const https = new URL(process.env.ORIGIN).protocol === 'https:';
const { common, policy } = globalThis[Symbol.for('mitwirken.securityHeaders')](https);
const headers = Object.entries(common);
const httpServer = createServer((request, response) => {
	for (const [name, value] of headers) response.setHeader(name, value);
	// Pages replace it with their own (svelte.config.js); the service worker gets one it can run in.
	response.setHeader('content-security-policy', policy(request.url?.split('?')[0] ?? ''));
	handler(request, response);
});
// Attached after the app's handler, so that socket.io takes its own requests (long polling)
// and passes all others on, instead of both answering the same request.
io.attach(httpServer);
io.engine.on('headers', (answer) => {
	for (const [name, value] of headers) answer[name] = value;
	answer['content-security-policy'] = policy('/socket.io/');
});
let stopping = false;
httpServer.on('request', (request) =>
	// While shutting down, a connection is closed as soon as its last request is done.
	request.once('close', () => stopping && httpServer.closeIdleConnections())
);
httpServer.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

// For operations and the benchmark: one JSON line of load figures every METRICS_INTERVAL_MS.
const metricsInterval = Number(process.env.METRICS_INTERVAL_MS || 0);
if (metricsInterval > 0) {
	const delay = monitorEventLoopDelay({ resolution: 10 });
	delay.enable();
	setInterval(() => {
		const metrics = {
			eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
			rssBytes: process.memoryUsage.rss(),
			heapUsedBytes: process.memoryUsage().heapUsed,
			sockets: io.engine.clientsCount,
			openFiles: openFileCount(),
			// Messages dropped for want of an ack, refused handshakes (src/lib/server/live/server.ts).
			...globalThis[Symbol.for('mitwirken.live.stats')]
		};
		delay.reset();
		console.log(`metrics ${JSON.stringify(metrics)}`);
	}, metricsInterval).unref();
}

/** Open file descriptors (sockets included), where the system shows them (Linux). */
function openFileCount() {
	try {
		return readdirSync('/proc/self/fd').length;
	} catch {
		return null;
	}
}

// On SIGTERM or SIGINT: stop taking connections, drop the live ones (socket.io clients reconnect,
// to the next process), let running HTTP requests finish for at most SHUTDOWN_TIMEOUT seconds
// (adapter-node's variable and default), then let the app close its database, which
// checkpoints the WAL into the database file.
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT || 30) * 1000;

function shutDown(reason) {
	if (stopping) return;
	stopping = true;
	console.log(`Shutting down (${reason})`);
	httpServer.close(() => finish(reason));
	// Closes socket.io's connections without a disconnect packet, so clients reconnect by themselves.
	void io.close();
	// Keep-alive connections would otherwise hold the server open until they time out.
	httpServer.closeIdleConnections();
	setTimeout(() => {
		httpServer.closeAllConnections();
		finish(reason);
	}, shutdownTimeoutMs);
}

function finish(reason) {
	// The same event adapter-node's own entry sends; src/lib/server/db closes the database on it.
	process.emit('sveltekit:shutdown', reason);
	console.log('Stopped');
	process.exit(0);
}

process.on('SIGTERM', shutDown);
process.on('SIGINT', shutDown);
