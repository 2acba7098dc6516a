/** What the benchmarks share: the server under test as a child process, IPC to workers, figures. */
import { spawn, type ChildProcess } from 'node:child_process';

/** One `metrics {json}` line of server.js (bare socket.io prints none). */
export interface Metrics {
	eventLoopDelayP99Ms: number;
	rssBytes: number;
	heapUsedBytes?: number;
	sockets: number;
	openFiles?: number | null;
}

export interface MetricsLine {
	at: number;
	value: Metrics;
}

/**
 * A server started with `node <command>` that can be stopped and started again on the same port
 * and database; its metrics lines from every run are kept in one list.
 */
export class ServerProcess {
	child: ChildProcess | undefined;
	readonly metrics: MetricsLine[] = [];
	/** When the current run printed `Listening on`. */
	listeningAt = 0;

	constructor(
		private command: string[],
		private env: Record<string, string>
	) {}

	start(): Promise<void> {
		const child = spawn(process.execPath, this.command, {
			env: { ...process.env, ...this.env },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		this.child = child;
		let output = '';
		let rest = '';
		return new Promise<void>((done, fail) => {
			child.stdout!.on('data', (chunk: Buffer) => {
				const now = Date.now();
				output += chunk;
				const lines = (rest + chunk.toString()).split('\n');
				rest = lines.pop()!;
				for (const line of lines) {
					if (line.startsWith('metrics '))
						this.metrics.push({ at: now, value: JSON.parse(line.slice(8)) as Metrics });
					else if (line.startsWith('Listening on')) {
						this.listeningAt = now;
						done();
					}
				}
			});
			child.once('exit', (code) => fail(new Error(`server exited with ${code}:\n${output}`)));
		});
	}

	/** SIGTERM, then the exit code once the process has ended. */
	stop(): Promise<number | null> {
		const child = this.child;
		return new Promise((done) => {
			if (!child || child.exitCode !== null || child.signalCode !== null)
				return done(child?.exitCode ?? null);
			child.once('exit', (code) => done(code));
			child.kill('SIGTERM');
		});
	}

	/** The next metrics line to arrive. */
	nextMetrics(timeoutMs = 30_000): Promise<Metrics | undefined> {
		const seen = this.metrics.length;
		const deadline = Date.now() + timeoutMs;
		return new Promise((done) => {
			const poll = setInterval(() => {
				if (this.metrics.length > seen || Date.now() > deadline) {
					clearInterval(poll);
					done(this.metrics.length > seen ? this.metrics.at(-1)!.value : undefined);
				}
			}, 50);
		});
	}
}

/** Sends a message to a worker and waits for its answer of type `reply`. */
export function ask<T>(worker: ChildProcess, message: object, reply: string): Promise<T> {
	return new Promise((done) => {
		const listener = (answer: { type: string }) => {
			if (answer.type !== reply) return;
			worker.off('message', listener);
			done(answer as T);
		};
		worker.on('message', listener);
		worker.send(message);
	});
}

export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const fixed = (value: number | null | undefined, digits = 0) =>
	value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);

export const megabytes = (bytes: number | null | undefined) =>
	bytes === null || bytes === undefined ? '–' : (bytes / 2 ** 20).toFixed(1);

/** Prints rows as a Markdown table, aligned, so it reads in a terminal and pastes into a README. */
export function printTable(header: string[], rows: unknown[][]) {
	const cells = [header, ...rows.map((row) => row.map((cell) => String(cell ?? '–')))];
	const widths = header.map((_, i) => Math.max(3, ...cells.map((row) => row[i]!.length)));
	const line = (row: string[]) =>
		`| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
	console.log(line(cells[0]!));
	console.log(
		`| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`
	);
	for (const row of cells.slice(1)) console.log(line(row));
}

/** Least-squares slope of y over x. */
export function slope(points: { x: number; y: number }[]): number {
	const n = points.length;
	if (n < 2) return NaN;
	const mx = points.reduce((s, p) => s + p.x, 0) / n;
	const my = points.reduce((s, p) => s + p.y, 0) / n;
	const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
	const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
	return sxx === 0 ? NaN : sxy / sxx;
}
