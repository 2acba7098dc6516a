/**
 * Soak run, modelled on a long conference: phones join over HTTP, some leave and others join
 * every minute; a moderator runs one activity after another (collecting → clustering with a
 * cluster → voting → revealed → closed) while the phones send ideas and dots. Prints a trend
 * line every minute and, at the end, the server's memory growth per hour after a warm-up minute
 * and whether the ack latencies rose from the first to the last third.
 *
 *   SOAK_MINUTES=30 npm run bench:live      # or npm run bench:soak
 *   SOAK_MINUTES=3 ACTIVITY_EVERY_MINUTES=1 npm run bench:live
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import type {
	ActivityView,
	ClientToServerEvents,
	Reply,
	ServerToClientEvents
} from '../src/lib/workshop/protocol';
import type { DotTarget } from '../src/lib/workshop/messages';
import { openDatabase } from '../src/lib/server/db';
import * as table from '../src/lib/server/db/schema';
import type { LatencyKind, PhoneCommand, PhoneReport, PhoneSetup } from './phone-worker';
import {
	ask,
	fixed,
	megabytes,
	percentile,
	printTable,
	ServerProcess,
	slope,
	type MetricsLine
} from './server-process';
import { seedEvent } from './seed';

export interface SoakOptions {
	minutes: number;
	machine: string;
	reconnection: Pick<
		PhoneSetup,
		'reconnectionDelay' | 'reconnectionDelayMax' | 'randomizationFactor'
	>;
}

/** One minute of the soak: what the phones reported, and the server's metrics lines. */
interface Minute extends Omit<PhoneReport, 'type'> {
	minute: number;
	at: number;
	metrics: MetricsLine[];
}

const kinds: LatencyKind[] = ['idea', 'dot', 'sync'];
const minuteMs = 60_000;
const warmUpMinutes = 1;
/** Share of the phones that send an idea per activity, and dots each phone places. */
const ideaShare = 0.5;
const dotsEach = 5;
/** Where in an activity's time each stage begins. */
const stageAt = { clustering: 0.4, voting: 0.5, revealed: 0.9, closed: 1 } as const;

const sleep = (ms: number) => new Promise((wait) => setTimeout(wait, Math.max(0, ms)));

export async function soak({ minutes, machine, reconnection }: SoakOptions) {
	const participants = Number(process.env.PARTICIPANTS ?? 300);
	const churnPerMinute = Number(process.env.CHURN_PER_MINUTE ?? 30);
	const activityMs = Number(process.env.ACTIVITY_EVERY_MINUTES ?? 5) * minuteMs;
	const workerCount = Number(process.env.WORKERS ?? 2);
	const port = 4312;
	const url = `http://127.0.0.1:${port}`;
	const databasePath = join(mkdtempSync(join(tmpdir(), 'mitwirken-soak-')), 'soak.db');
	const event = await seedEvent(databasePath);

	console.log(
		`Soak: ${participants} phones, ${churnPerMinute} leaving and ${churnPerMinute} joining per minute, an activity every ${activityMs / minuteMs} min, ${warmUpMinutes} min warm-up + ${minutes} min, ${workerCount} client processes`
	);
	console.log(`Machine: ${machine}`);
	console.log(
		`Phones: websocket first, polling as fallback (tryAllTransports), reconnectionDelay ${reconnection.reconnectionDelay} ms, max ${reconnection.reconnectionDelayMax} ms, randomisation ${reconnection.randomizationFactor}\n`
	);

	const server = new ServerProcess(['server.js'], {
		HOST: '127.0.0.1',
		PORT: String(port),
		ORIGIN: url,
		DATABASE_URL: databasePath,
		SEED_DEMO: 'false',
		ADDRESS_HEADER: 'x-forwarded-for',
		METRICS_INTERVAL_MS: '10000'
	});
	await server.start();

	const workers = Array.from({ length: workerCount }, () =>
		fork('bench/phone-worker.ts', { execArgv: ['--import', 'tsx'] })
	);
	const each = <T>(command: (i: number) => PhoneCommand, reply: string) =>
		Promise.all(workers.map((worker, i) => ask<T>(worker, command(i), reply)));
	const setup: PhoneSetup = { url, joinCode: event.joinCode, ...reconnection };
	await each(() => ({ type: 'setup', setup }), 'ready');

	const moderator = await connectModerator(url, event.moderatorCookie, event.eventId);
	const startedAt = Date.now();
	const endAt = startedAt + (warmUpMinutes + minutes) * minuteMs;
	await each((i) => ({ type: 'join', count: shareOf(participants, i, workerCount) }), 'joined');

	const activities = runActivities(moderator, workers, activityMs, endAt);
	const churn = runChurn(workers, churnPerMinute, endAt);
	const record = await recordMinutes(server, workers, startedAt, warmUpMinutes + minutes);
	const activityCount = await activities;
	await churn;

	// Let answers on their way arrive, then every phone leaves (dropping actions still planned).
	await sleep(2000);
	await each(() => ({ type: 'leave', count: Number.MAX_SAFE_INTEGER }), 'left');
	const tail = await Promise.all(
		workers.map((worker) => ask<PhoneReport>(worker, { type: 'report' }, 'report'))
	);
	const totals = { idea: 0, dot: 0, sync: 0, abandoned: 0 };
	for (const part of [...record, ...tail]) {
		for (const kind of kinds) totals[kind] += part.acked[kind];
		totals.abandoned += part.abandoned;
	}
	for (const worker of workers) worker.send({ type: 'close' });
	moderator.close();
	const exitCode = await server.stop();
	const walBytes = existsSync(`${databasePath}-wal`) ? statSync(`${databasePath}-wal`).size : 0;
	const db = openDatabase(databasePath);
	const rows = {
		ideas: db.select({ n: count() }).from(table.idea).get()!.n,
		dots: db.select({ n: count() }).from(table.dot).get()!.n,
		participants: db.select({ n: count() }).from(table.participant).get()!.n
	};
	db.$client.close();

	summarise(record, server.metrics, startedAt, minutes);
	console.log(
		`\nActivities run: ${activityCount}. Ideas acknowledged ${totals.idea}, in SQLite ${rows.ideas}; dots acknowledged ${totals.dot}, in SQLite ${rows.dots}; requests unanswered when their phone left ${totals.abandoned}; participants joined ${rows.participants}.`
	);
	console.log(
		`Server stopped with SIGTERM: exit code ${exitCode}, WAL left behind ${walBytes} bytes.`
	);

	mkdirSync('bench/results', { recursive: true });
	const file = `bench/results/soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
	writeFileSync(
		file,
		JSON.stringify(
			{ machine, participants, churnPerMinute, activityMs, minutes, record, rows, totals },
			null,
			2
		)
	);
	console.log(`Figures written to ${file}`);
}

function shareOf(total: number, i: number, parts: number) {
	return Math.floor(total / parts) + (i < total % parts ? 1 : 0);
}

type ModeratorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function connectModerator(url: string, cookie: string, eventId: number): Promise<ModeratorSocket> {
	const socket: ModeratorSocket = io(url, {
		transports: ['websocket'],
		forceNew: true,
		extraHeaders: { cookie },
		auth: { eventId }
	});
	return new Promise((ready, fail) => {
		socket.once('connect', () => ready(socket));
		socket.once('connect_error', fail);
	});
}

async function moderate<T>(
	socket: ModeratorSocket,
	event: keyof ClientToServerEvents,
	payload: object
): Promise<T> {
	const emit = socket.timeout(30_000) as unknown as {
		emitWithAck: (e: string, p: object) => Promise<Reply<T>>;
	};
	const reply = await emit.emitWithAck(event, payload);
	if (!reply.ok) throw new Error(`moderator: ${event} refused with ${reply.error}`);
	return reply.value;
}

/** One activity after another until `endAt`; returns how many were started. */
async function runActivities(
	moderator: ModeratorSocket,
	workers: ChildProcess[],
	activityMs: number,
	endAt: number
): Promise<number> {
	const each = (command: PhoneCommand) =>
		Promise.all(workers.map((worker) => ask(worker, command, 'planned')));
	const until = (at: number) => sleep(Math.min(at, endAt) - Date.now());
	let started = 0;
	while (Date.now() < endAt) {
		const beganAt = Date.now();
		started += 1;
		const created = await moderate<ActivityView>(moderator, 'activity:create', {
			question: `Frage ${started}: Was brauchen Neuzugewanderte in den ersten Wochen?`,
			fieldOfActionId: null,
			dotsPerParticipant: dotsEach,
			maxDotsPerTarget: 3,
			namedIdeas: started % 3 === 0,
			liveResults: started % 2 === 0
		});
		const activityId = created.id;
		await each({ type: 'ideas', activityId, share: ideaShare, withinMs: activityMs * 0.35 });

		await until(beganAt + activityMs * stageAt.clustering);
		if (Date.now() >= endAt) break;
		await moderate(moderator, 'activity:stage', { activityId, stage: 'clustering' });
		const collected = await moderate<ActivityView>(moderator, 'activity:sync', { activityId });
		const clustered = collected.ideas.slice(0, 5).map((idea) => idea.id);
		if (clustered.length > 0)
			await moderate(moderator, 'cluster:create', {
				activityId,
				title: 'Sprache und Kurse',
				ideaIds: clustered
			});

		await until(beganAt + activityMs * stageAt.voting);
		if (Date.now() >= endAt) break;
		const voting = await moderate<ActivityView>(moderator, 'activity:stage', {
			activityId,
			stage: 'voting'
		});
		const targets: DotTarget[] = [
			...voting.clusters.map((c) => ({ kind: 'cluster' as const, id: c.id })),
			...voting.ideas
				.filter((i) => i.clusterId === null && i.mergedIntoId === null && !i.hidden)
				.map((i) => ({ kind: 'idea' as const, id: i.id }))
		];
		await each({ type: 'dots', activityId, dots: dotsEach, targets, withinMs: activityMs * 0.35 });

		await until(beganAt + activityMs * stageAt.revealed);
		if (Date.now() >= endAt) break;
		await moderate(moderator, 'activity:stage', { activityId, stage: 'revealed' });
		await until(beganAt + activityMs * stageAt.closed);
		await moderate(moderator, 'activity:stage', { activityId, stage: 'closed' });
	}
	return started;
}

/** Every 10 s a sixth of the minute's churn: that many phones leave and as many new ones join. */
async function runChurn(workers: ChildProcess[], perMinute: number, endAt: number) {
	const tickMs = 10_000;
	for (let tick = 0; Date.now() + tickMs < endAt; tick++) {
		await sleep(tickMs);
		const n = Math.round((perMinute * (tick + 1)) / 6) - Math.round((perMinute * tick) / 6);
		if (n === 0) continue;
		const worker = workers[tick % workers.length]!;
		await ask(worker, { type: 'leave', count: n } satisfies PhoneCommand, 'left');
		await ask(worker, { type: 'join', count: n } satisfies PhoneCommand, 'joined');
	}
}

const columns = [
	['minute', 11],
	['RSS MB', 7],
	['heap MB', 7],
	['loop p99 ms', 11],
	['files', 5],
	['sockets', 7],
	['phones', 6],
	['idea p50/p95 ms', 15],
	['dot p50/p95 ms', 14],
	['sync p50/p95 ms', 15],
	['acked idea/dot/sync', 19],
	['errors', 6]
] as const;

function printRow(cells: unknown[]) {
	console.log(
		`| ${cells.map((cell, i) => (i === 0 ? String(cell).padEnd(columns[i]![1]) : String(cell).padStart(columns[i]![1]))).join(' | ')} |`
	);
}

const p50p95 = (values: number[]) =>
	`${fixed(percentile(values, 50))} / ${fixed(percentile(values, 95))}`;

/** Collects and prints one line a minute, for `total` minutes. */
async function recordMinutes(
	server: ServerProcess,
	workers: ChildProcess[],
	startedAt: number,
	total: number
): Promise<Minute[]> {
	printRow(columns.map(([name]) => name));
	console.log(
		`| ${columns.map(([, width], i) => (i === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`
	);
	const record: Minute[] = [];
	let seen = server.metrics.length;
	for (let minute = 1; minute <= total; minute++) {
		await sleep(startedAt + minute * minuteMs - Date.now());
		const reports = await Promise.all(
			workers.map((worker) => ask<PhoneReport>(worker, { type: 'report' }, 'report'))
		);
		const metrics = server.metrics.slice(seen);
		seen = server.metrics.length;
		const entry: Minute = {
			minute,
			at: Date.now(),
			metrics,
			latencies: { idea: [], dot: [], sync: [] },
			acked: { idea: 0, dot: 0, sync: 0 },
			errors: {},
			phones: 0,
			connected: 0,
			joinFailures: 0,
			abandoned: 0
		};
		for (const report of reports) {
			for (const kind of kinds) {
				entry.latencies[kind].push(...report.latencies[kind]);
				entry.acked[kind] += report.acked[kind];
			}
			for (const [code, n] of Object.entries(report.errors))
				entry.errors[code] = (entry.errors[code] ?? 0) + n;
			entry.phones += report.phones;
			entry.connected += report.connected;
			entry.joinFailures += report.joinFailures;
			entry.abandoned += report.abandoned;
		}
		record.push(entry);
		const last = metrics.at(-1)?.value;
		const errors = Object.values(entry.errors).reduce((a, b) => a + b, 0) + entry.joinFailures;
		printRow([
			minute <= warmUpMinutes ? `${minute} warm-up` : minute === total ? `${minute} end` : minute,
			megabytes(last?.rssBytes),
			megabytes(last?.heapUsedBytes),
			fixed(Math.max(...metrics.map((m) => m.value.eventLoopDelayP99Ms))),
			last?.openFiles ?? '–',
			last?.sockets ?? '–',
			entry.connected,
			p50p95(entry.latencies.idea),
			p50p95(entry.latencies.dot),
			p50p95(entry.latencies.sync),
			`${entry.acked.idea}/${entry.acked.dot}/${entry.acked.sync}`,
			errors
		]);
	}
	return record;
}

/** Start against end, memory growth per hour, and latency in the first against the last third. */
function summarise(record: Minute[], metrics: MetricsLine[], startedAt: number, minutes: number) {
	const warmUpEnd = startedAt + warmUpMinutes * minuteMs;
	const measured = record.filter((m) => m.minute > warmUpMinutes);
	const start = record[warmUpMinutes - 1]!;
	const end = record.at(-1)!;
	const after = metrics.filter((m) => m.at >= warmUpEnd);
	const perHour = (pick: (m: MetricsLine) => number | undefined) =>
		slope(after.map((m) => ({ x: (m.at - warmUpEnd) / 3_600_000, y: pick(m) ?? NaN }))) / 2 ** 20;
	const rssPerHour = perHour((m) => m.value.rssBytes);
	const heapPerHour = perHour((m) => m.value.heapUsedBytes);

	const third = Math.max(1, Math.floor(measured.length / 3));
	const first = measured.slice(0, third);
	const last = measured.slice(-third);
	const pooled = (minutes: Minute[], kind: LatencyKind) =>
		minutes.flatMap((m) => m.latencies[kind]);
	const lastOf = (m: Minute) => m.metrics.at(-1)?.value;
	const loopP99 = (m: Minute) => Math.max(...m.metrics.map((l) => l.value.eventLoopDelayP99Ms));

	console.log(
		`\nSummary: ${minutes} min after ${warmUpMinutes} min warm-up; thirds of ${third} min each`
	);
	const trendRows = kinds.map((kind) => {
		const before = percentile(pooled(first, kind), 95);
		const now = percentile(pooled(last, kind), 95);
		// Noise on a shared machine: a rise counts as a trend beyond 25 % and 10 ms.
		const rising = now > before * 1.25 + 10;
		return [
			`${kind} ack p95, first → last third, ms`,
			fixed(before),
			fixed(now),
			rising ? 'rising ✘' : 'no trend ✔'
		];
	});
	printTable(
		['', 'end of warm-up', 'end', ''],
		[
			['server RSS, MB', megabytes(lastOf(start)?.rssBytes), megabytes(lastOf(end)?.rssBytes), ''],
			[
				'server heap used, MB',
				megabytes(lastOf(start)?.heapUsedBytes),
				megabytes(lastOf(end)?.heapUsedBytes),
				''
			],
			['event-loop delay p99 (worst 10 s), ms', fixed(loopP99(start)), fixed(loopP99(end)), ''],
			['open files', lastOf(start)?.openFiles, lastOf(end)?.openFiles, ''],
			['socket.io clients', lastOf(start)?.sockets, lastOf(end)?.sockets, ''],
			...kinds.map((kind) => [
				`${kind} ack p50 / p95, ms`,
				p50p95(start.latencies[kind]),
				p50p95(end.latencies[kind]),
				''
			]),
			...trendRows,
			[
				'RSS growth after warm-up, MB per hour',
				'',
				fixed(rssPerHour, 1),
				minutes < 30 ? 'judged over 30 min' : rssPerHour < 10 ? '< 10 ✔' : '≥ 10 ✘'
			],
			['heap growth after warm-up, MB per hour', '', fixed(heapPerHour, 1), '']
		]
	);
	const errors: Record<string, number> = {};
	for (const m of record) {
		for (const [code, n] of Object.entries(m.errors)) errors[code] = (errors[code] ?? 0) + n;
		if (m.joinFailures > 0) errors['join failed'] = (errors['join failed'] ?? 0) + m.joinFailures;
	}
	console.log(`Refused, failed or timed out, by reason: ${JSON.stringify(errors)}`);
	if (minutes < 30)
		console.log(
			'(Under 30 minutes the growth per hour is mostly start-up effects; the target is judged over 30.)'
		);
}
