// Production entry: one port for the SvelteKit app (adapter-node's handler) and socket.io.
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';

// A plain `npm start` serves http://localhost:PORT; behind a proxy or on an intranet host name,
// set ORIGIN (see README), or SvelteKit refuses form posts as cross-site.
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';
process.env.ORIGIN ??= `http://localhost:${port}`;

const io = new Server({ serveClient: false });
// The app's server init hook (src/hooks.server.ts) attaches the live protocol to this server.
globalThis[Symbol.for('mitwirken.live')] = io;

const { handler } = await import('./build/handler.js');
const httpServer = createServer(handler);
// Attached after the app's handler, so that socket.io takes its own requests (long polling)
// and passes all others on, instead of both answering the same request.
io.attach(httpServer);
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
			sockets: io.engine.clientsCount
		};
		delay.reset();
		console.log(`metrics ${JSON.stringify(metrics)}`);
	}, metricsInterval).unref();
}

function shutDown() {
	io.close();
	httpServer.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGTERM', shutDown);
process.on('SIGINT', shutDown);
