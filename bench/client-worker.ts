/**
 * One benchmark process holding many real socket.io clients. Talks to the orchestrator over
 * IPC: `connect`, `vote`, `storm`, `close`.
 */
import { io, type Socket } from 'socket.io-client';

interface Setup {
	url: string;
	cookies: string[];
	activityId: number;
	ideaIds: number[];
}

type Pending = { sentAt: number; ackedAt?: number };

let clients: { socket: Socket; cookie: string; waiting: Pending[] }[] = [];
const latencies: number[] = [];
const fanOut: number[] = [];
let tallyMessages = 0;
let tallyBytes = 0;
let sent = 0;
let acked = 0;
/** When the last answer to a dot arrived: a server that falls behind answers after the offered load ends. */
let lastAnswerAt = 0;
const errors: Record<string, number> = {};
let setup: Setup;

function connect(cookie: string): Promise<Socket> {
	const socket = io(setup.url, {
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		timeout: 60_000,
		extraHeaders: { cookie }
	});
	return new Promise((ready, fail) => {
		socket.once('connect', () => ready(socket));
		socket.once('connect_error', fail);
	});
}

function watch(client: (typeof clients)[number]) {
	client.socket.on('activity:tallies', (payload: { at: number }) => {
		const now = Date.now();
		tallyMessages += 1;
		tallyBytes += JSON.stringify(payload).length;
		fanOut.push(now - payload.at);
		// The first tally after a dot's ack includes it: one socket delivers in order.
		const still: Pending[] = [];
		for (const pending of client.waiting) {
			if (pending.ackedAt !== undefined) latencies.push(now - pending.sentAt);
			else still.push(pending);
		}
		client.waiting = still;
	});
}

async function connectAll(cookies: string[]) {
	const batch = 100;
	const connected: typeof clients = [];
	for (let i = 0; i < cookies.length; i += batch) {
		const sockets = await Promise.all(cookies.slice(i, i + batch).map(connect));
		sockets.forEach((socket, j) =>
			connected.push({ socket, cookie: cookies[i + j]!, waiting: [] })
		);
	}
	return connected;
}

async function syncAll() {
	await Promise.all(
		clients.map((c) =>
			c.socket.timeout(20_000).emitWithAck('activity:sync', { activityId: setup.activityId })
		)
	);
}

async function vote(rate: number, durationMs: number, startAt: number): Promise<void> {
	await new Promise((wait) => setTimeout(wait, Math.max(0, startAt - Date.now())));
	return new Promise((done) => {
		const interval = 10;
		const perTick = (rate * interval) / 1000;
		let credit = 0;
		let n = 0;
		const answers: Promise<void>[] = [];
		const timer = setInterval(() => {
			if (Date.now() - startAt >= durationMs) {
				clearInterval(timer);
				// Every dot is answered or times out: counting early would call late answers lost.
				void Promise.allSettled(answers).then(() => done());
				return;
			}
			credit += perTick;
			while (credit >= 1) {
				credit -= 1;
				const client = clients[Math.floor(Math.random() * clients.length)]!;
				const pending: Pending = { sentAt: Date.now() };
				client.waiting.push(pending);
				sent += 1;
				n += 1;
				const answer = client.socket
					.timeout(30_000)
					.emitWithAck('dot:place', {
						activityId: setup.activityId,
						clientId: `${process.pid}-${n}`,
						target: { kind: 'idea', id: setup.ideaIds[n % setup.ideaIds.length] }
					})
					.then((reply: { ok: boolean; error?: string }) => {
						lastAnswerAt = Date.now();
						if (reply.ok) {
							acked += 1;
							pending.ackedAt = Date.now();
						} else {
							errors[reply.error ?? 'unknown'] = (errors[reply.error ?? 'unknown'] ?? 0) + 1;
							client.waiting = client.waiting.filter((p) => p !== pending);
						}
					})
					.catch(() => {
						errors.timeout = (errors.timeout ?? 0) + 1;
					});
				answers.push(answer);
			}
		}, interval);
	});
}

process.on('unhandledRejection', (error) => {
	console.error(`worker ${process.pid}:`, error);
	process.exit(1);
});

process.on('message', async (message: { type: string; [key: string]: unknown }) => {
	if (message.type === 'connect') {
		setup = message.setup as Setup;
		clients = await connectAll(setup.cookies);
		clients.forEach(watch);
		await syncAll();
		process.send!({ type: 'connected' });
	} else if (message.type === 'vote') {
		await vote(message.rate as number, message.durationMs as number, message.startAt as number);
		process.send!({
			type: 'voted',
			sent,
			acked,
			lastAnswerAt,
			errors,
			latencies,
			fanOut,
			tallyMessages,
			tallyBytes
		});
	} else if (message.type === 'storm') {
		for (const client of clients) client.socket.disconnect();
		clients = await connectAll(clients.map((c) => c.cookie));
		await syncAll();
		process.send!({ type: 'stormed', at: Date.now() });
	} else if (message.type === 'close') {
		for (const client of clients) client.socket.disconnect();
		process.exit(0);
	}
});
