/**
 * A server restart while phones are connected: SIGTERM, start again on the same port and
 * database, and time from the new server listening until every phone has reconnected by
 * itself and re-synced (event:sync and activity:sync answered).
 */
import { fork } from 'node:child_process';
import type { PhoneSetup, Resynced } from './phone-worker';
import { ask, percentile, type ServerProcess } from './server-process';

export interface RestartFigures {
	phones: number;
	/** SIGTERM until the old process has exited. */
	shutdownMs: number;
	exitCode: number | null;
	/** SIGTERM until the new process listens. */
	downMs: number;
	/** New process listening until the last phone is back with its state. */
	allBackMs: number;
	p50Ms: number;
	p95Ms: number;
	missing: number;
	transports: Record<string, number>;
}

export async function measureRestart(
	server: ServerProcess,
	setup: PhoneSetup,
	cookies: string[],
	workerCount: number
): Promise<RestartFigures> {
	const workers = Array.from({ length: workerCount }, () =>
		fork('bench/phone-worker.ts', { execArgv: ['--import', 'tsx'] })
	);
	const all = <T>(message: (i: number) => object, reply: string) =>
		Promise.all(workers.map((worker, i) => ask<T>(worker, message(i), reply)));
	await all(() => ({ type: 'setup', setup }), 'ready');
	await all(() => ({ type: 'mark' }), 'marked');
	await all(
		(i) => ({ type: 'join', cookies: cookies.filter((_, j) => j % workerCount === i) }),
		'joined'
	);
	await all(() => ({ type: 'resynced', timeoutMs: 60_000 }), 'resynced');

	await all(() => ({ type: 'mark' }), 'marked');
	const signalledAt = Date.now();
	const exitCode = await server.stop();
	const stoppedAt = Date.now();
	await server.start();
	const results = await all<Resynced>(() => ({ type: 'resynced', timeoutMs: 60_000 }), 'resynced');
	for (const worker of workers) worker.send({ type: 'close' });

	const back = results.flatMap((r) => r.syncedAt.map((at) => at - server.listeningAt));
	const transports: Record<string, number> = {};
	for (const r of results)
		for (const [name, n] of Object.entries(r.transports))
			transports[name] = (transports[name] ?? 0) + n;
	return {
		phones: cookies.length,
		shutdownMs: stoppedAt - signalledAt,
		exitCode,
		downMs: server.listeningAt - signalledAt,
		allBackMs: Math.max(...back),
		p50Ms: percentile(back, 50),
		p95Ms: percentile(back, 95),
		missing: results.reduce((sum, r) => sum + r.missing, 0),
		transports
	};
}
