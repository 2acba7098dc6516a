/**
 * Live workshop benchmark: N real socket.io participants against the production server on this
 * machine, voting at a steady rate while everyone watches the tallies (live results on), then a
 * reconnect storm, then a server restart with phones that reconnect by themselves; the same
 * load against bare socket.io as the ceiling. With SOAK_MINUTES set, a soak run instead
 * (bench/soak.ts).
 *
 *   npm run bench:live                      # 2,000 participants, 1,000 dots/s, 60 s
 *   PARTICIPANTS=500 RATE=200 DURATION_S=10 npm run bench:live
 *   SOAK_MINUTES=30 npm run bench:live      # or npm run bench:soak
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { io } from 'socket.io-client';
import { openDatabase } from '../src/lib/server/db';
import * as table from '../src/lib/server/db/schema';
import type { PhoneSetup } from './phone-worker';
import { measureRestart } from './restart';
import { ask, fixed, percentile, printTable, ServerProcess } from './server-process';
import { seedConference } from './seed';
import { soak } from './soak';

const participants = Number(process.env.PARTICIPANTS ?? 2000);
const rate = Number(process.env.RATE ?? 1000);
const durationMs = Number(process.env.DURATION_S ?? 60) * 1000;
const workerCount = Number(process.env.WORKERS ?? 2);
const restartPhones = Math.min(participants, Number(process.env.RESTART_PHONES ?? 300));
/** The phone page's reconnection settings (socket.io's defaults, but at most 2 s between attempts). */
const phoneReconnection = {
	reconnectionDelay: Number(process.env.RECONNECTION_DELAY_MS ?? 1000),
	reconnectionDelayMax: Number(process.env.RECONNECTION_DELAY_MAX_MS ?? 2000),
	randomizationFactor: Number(process.env.RANDOMIZATION_FACTOR ?? 0.5)
};
const soakMinutes = process.env.SOAK_MINUTES ?? (process.argv.includes('--soak') ? '30' : '');

interface Voted {
	sent: number;
	acked: number;
	lastAnswerAt: number;
	errors: Record<string, number>;
	latencies: number[];
	fanOut: number[];
	tallyMessages: number;
	tallyBytes: number;
}

async function run(target: 'app' | 'bare') {
	const port = target === 'app' ? 4310 : 4311;
	const url = `http://127.0.0.1:${port}`;
	const databasePath = join(mkdtempSync(join(tmpdir(), 'mitwirken-bench-')), 'bench.db');
	const dotsEach = Math.ceil((rate * durationMs) / 1000 / participants) + 10;
	const conference =
		target === 'app'
			? await seedConference(databasePath, participants, dotsEach)
			: {
					eventId: 1,
					activityId: 1,
					ideaIds: Array.from({ length: 20 }, (_, i) => i + 1),
					cookies: Array.from({ length: participants }, (_, i) => `bench=${i}`),
					moderatorCookie: ''
				};

	const server =
		target === 'app'
			? new ServerProcess(['server.js'], {
					HOST: '127.0.0.1',
					PORT: String(port),
					ORIGIN: url,
					DATABASE_URL: databasePath,
					SEED_DEMO: 'false',
					METRICS_INTERVAL_MS: '1000'
				})
			: new ServerProcess(['--import', 'tsx', 'bench/bare-server.ts'], { PORT: String(port) });
	await server.start();
	const baseline = target === 'app' ? await server.nextMetrics() : undefined;

	let moderatorTallies = 0;
	let lastTallySum = 0;
	const moderator = io(url, {
		transports: ['websocket'],
		forceNew: true,
		extraHeaders: conference.moderatorCookie ? { cookie: conference.moderatorCookie } : {},
		auth: { eventId: conference.eventId }
	});
	moderator.on('activity:tallies', (payload: { tallies: { dots: number }[] }) => {
		moderatorTallies += 1;
		lastTallySum = payload.tallies.reduce((sum, t) => sum + t.dots, 0);
	});

	const workers = Array.from({ length: workerCount }, () =>
		fork('bench/client-worker.ts', { execArgv: ['--import', 'tsx'] })
	);
	const connectStart = Date.now();
	await Promise.all(
		workers.map((worker, i) =>
			ask(
				worker,
				{
					type: 'connect',
					setup: {
						url,
						activityId: conference.activityId,
						ideaIds: conference.ideaIds,
						cookies: conference.cookies.filter((_, j) => j % workerCount === i)
					}
				},
				'connected'
			)
		)
	);
	const connectMs = Date.now() - connectStart;
	console.log(`${target}: ${participants} connected and synced in ${connectMs} ms`);
	const connected = target === 'app' ? await server.nextMetrics() : undefined;

	const startAt = Date.now() + 500;
	const results = await Promise.all(
		workers.map((worker) =>
			ask<Voted>(worker, { type: 'vote', rate: rate / workerCount, durationMs, startAt }, 'voted')
		)
	);
	const voteEnd = Date.now();
	console.log(`${target}: voting done`);

	const stormStart = Date.now();
	const storms = await Promise.all(
		workers.map((worker) => ask<{ at: number }>(worker, { type: 'storm' }, 'stormed'))
	);
	const stormMs = Math.max(...storms.map((s) => s.at)) - stormStart;

	for (const worker of workers) worker.send({ type: 'close' });
	moderator.close();

	console.log(`${target}: restarting the server with ${restartPhones} phones connected`);
	const setup: PhoneSetup = { url, ...phoneReconnection };
	const restart = await measureRestart(
		server,
		setup,
		conference.cookies.slice(0, restartPhones),
		workerCount
	);
	await server.stop();

	const during = server.metrics
		.filter((m) => m.at >= startAt && m.at <= voteEnd)
		.map((m) => m.value);
	let rows: number | null = null;
	if (target === 'app') {
		const db = openDatabase(databasePath);
		rows = db.select({ n: count() }).from(table.dot).get()!.n;
		db.$client.close();
	}
	const all = <K extends keyof Voted>(key: K) => results.flatMap((r) => r[key] as number[]);
	const sum = (key: 'sent' | 'acked' | 'tallyMessages' | 'tallyBytes') =>
		results.reduce((total, r) => total + r[key], 0);
	const errors: Record<string, number> = {};
	for (const r of results)
		for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
	// From the first offered dot to the last answer, which trails the offered load when the server falls behind.
	const answeredUntil = Math.max(startAt + durationMs, ...results.map((r) => r.lastAnswerAt));
	const seconds = (answeredUntil - startAt) / 1000;
	return {
		target,
		sent: sum('sent'),
		acked: sum('acked'),
		rows,
		tallySum: lastTallySum,
		errors,
		ackedPerSecond: sum('acked') / seconds,
		latencyMs: {
			p50: percentile(all('latencies'), 50),
			p95: percentile(all('latencies'), 95),
			p99: percentile(all('latencies'), 99)
		},
		fanOutMs: {
			p50: percentile(all('fanOut'), 50),
			p95: percentile(all('fanOut'), 95),
			p99: percentile(all('fanOut'), 99)
		},
		tallyMessagesPerClientPerSecond: sum('tallyMessages') / participants / seconds,
		moderatorTalliesPerSecond: moderatorTallies / seconds,
		tallyMessageBytes: sum('tallyBytes') / Math.max(1, sum('tallyMessages')),
		eventLoopDelayP99Ms: during.length
			? Math.max(...during.map((m) => m.eventLoopDelayP99Ms))
			: null,
		rssPerParticipantKB:
			baseline && connected ? (connected.rssBytes - baseline.rssBytes) / participants / 1024 : null,
		connectMs,
		reconnectStormMs: stormMs,
		restart
	};
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
if (soakMinutes)
	await soak({ minutes: Number(soakMinutes), machine, reconnection: phoneReconnection });
else await benchmark();

async function benchmark() {
	console.log(
		`Live benchmark: ${participants} participants, ${rate} dots/s for ${durationMs / 1000} s, ${workerCount} client processes`
	);
	console.log(`Machine: ${machine}\n`);
	const app = await run('app');
	const bare = await run('bare');
	const figures = {
		machine,
		participants,
		rate,
		durationS: durationMs / 1000,
		app,
		bare,
		ratio: app.ackedPerSecond / bare.ackedPerSecond
	};

	const ms = (v: number | null) => fixed(v);
	const restartRow = (r: typeof app.restart) =>
		r.missing > 0
			? `${r.missing} of ${r.phones} not back`
			: `${r.allBackMs} (p50 ${fixed(r.p50Ms)})`;
	printTable(
		['', 'Mitwirken', 'bare socket.io'],
		[
			['dots sent', app.sent, bare.sent],
			['dots acknowledged', app.acked, bare.acked],
			['dot rows in SQLite', app.rows, '–'],
			['sum of tallies (moderator, last)', app.tallySum, bare.tallySum],
			['refused / timed out', JSON.stringify(app.errors), JSON.stringify(bare.errors)],
			[
				'acknowledged dots per second',
				app.ackedPerSecond.toFixed(0),
				bare.ackedPerSecond.toFixed(0)
			],
			['send → tally showing it, p50 ms', ms(app.latencyMs.p50), ms(bare.latencyMs.p50)],
			['send → tally showing it, p95 ms', ms(app.latencyMs.p95), ms(bare.latencyMs.p95)],
			['send → tally showing it, p99 ms', ms(app.latencyMs.p99), ms(bare.latencyMs.p99)],
			['tally count → arrival on phones, p95 ms', ms(app.fanOutMs.p95), ms(bare.fanOutMs.p95)],
			[
				'tally messages per client per second',
				app.tallyMessagesPerClientPerSecond.toFixed(1),
				bare.tallyMessagesPerClientPerSecond.toFixed(1)
			],
			[
				'tally message size, bytes',
				app.tallyMessageBytes.toFixed(0),
				bare.tallyMessageBytes.toFixed(0)
			],
			['server event-loop delay p99 ms (max/s)', ms(app.eventLoopDelayP99Ms), '–'],
			['server RSS per participant, KB', fixed(app.rssPerParticipantKB, 1), '–'],
			['all connected and synced, ms', app.connectMs, bare.connectMs],
			['reconnect storm: all back with state, ms', app.reconnectStormMs, bare.reconnectStormMs],
			[
				`restart: SIGTERM → old process gone, ms`,
				`${app.restart.shutdownMs} (exit ${app.restart.exitCode})`,
				bare.restart.shutdownMs
			],
			['restart: SIGTERM → new process listening, ms', app.restart.downMs, bare.restart.downMs],
			[
				`restart: listening → all ${restartPhones} phones back and synced, ms`,
				restartRow(app.restart),
				restartRow(bare.restart)
			],
			['throughput as a share of bare socket.io', `${(figures.ratio * 100).toFixed(0)} %`, '100 %']
		]
	);
	console.log(
		`\nPhones in the restart: transports ['websocket', 'polling'], tryAllTransports, reconnectionDelay ${phoneReconnection.reconnectionDelay} ms, reconnectionDelayMax ${phoneReconnection.reconnectionDelayMax} ms, randomizationFactor ${phoneReconnection.randomizationFactor}; connected by ${JSON.stringify(app.restart.transports)}`
	);

	mkdirSync('bench/results', { recursive: true });
	const file = `bench/results/live-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
	writeFileSync(file, JSON.stringify(figures, null, 2));
	console.log(`\nFigures written to ${file}`);
}
