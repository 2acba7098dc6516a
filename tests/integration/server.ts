import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { openDatabase, type Db } from '../../src/lib/server/db';
import { tempDatabasePath } from '../factories';

const entry = resolve('server.js');
const build = resolve('build/index.js');

export interface TestServer {
	url: string;
	databasePath: string;
	output: () => string;
	/** Opens the server's database file, to arrange data or check what was stored. */
	db: () => Db;
	stop: () => Promise<void>;
	/** The server's process, to signal it or watch it exit. */
	child: ChildProcess;
}

/**
 * Generous for a loaded two-core machine: node, the app's imports and the migrations can take
 * many seconds there. The hooks that start servers get `hookTimeout` (vite.config.ts), above this.
 */
const startTimeoutMs = 60_000;
/** The server closes its sockets and exits on SIGTERM; if it hangs, it is killed. */
const stopTimeoutMs = 15_000;

function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = createServer();
		probe.once('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** The production build on a free port with its own SQLite file. */
export async function startServer(
	options: {
		seed?: (db: Db) => Promise<unknown> | unknown;
		env?: Record<string, string>;
		/** Start as the README's `npm start` does: no HOST, no ORIGIN. */
		asReadme?: boolean;
		/** Reuse a database file, e.g. to restart a server on the same data. */
		databasePath?: string;
	} = {}
): Promise<TestServer> {
	if (!existsSync(build)) throw new Error('No production build: run `npm run build` first.');
	const databasePath = options.databasePath ?? tempDatabasePath();
	const db = openDatabase(databasePath);
	try {
		await options.seed?.(db);
	} catch (error) {
		db.$client.close();
		throw error;
	}

	const port = await freePort();
	const url = options.asReadme ? `http://localhost:${port}` : `http://127.0.0.1:${port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		NODE_ENV: 'production',
		PORT: String(port),
		DATABASE_URL: databasePath,
		SEED_DEMO: 'false',
		...options.env
	};
	if (options.asReadme) {
		delete env.HOST;
		delete env.ORIGIN;
	} else {
		env.HOST = '127.0.0.1';
		// A test may name another public origin, e.g. HTTPS behind a proxy.
		env.ORIGIN = options.env?.ORIGIN ?? url;
	}
	const child: ChildProcess = spawn(process.execPath, [entry], {
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	const closed = new Promise<void>((done) => child.once('close', () => done()));
	/** Ends the server: asks it to shut down, and kills it if it does not in time. */
	const end = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
			await closed;
			clearTimeout(killer);
		}
		await closed;
	};

	try {
		await new Promise<void>((ready, fail) => {
			const timer = setTimeout(
				() => fail(new Error(`server did not start in ${startTimeoutMs} ms:\n${output}`)),
				startTimeoutMs
			);
			child.once('exit', (code) => {
				clearTimeout(timer);
				fail(new Error(`server exited with ${code}:\n${output}`));
			});
			child.stdout?.on('data', () => {
				if (output.includes('Listening on')) {
					clearTimeout(timer);
					ready();
				}
			});
		});
	} catch (error) {
		// A server that did not come up must not outlive the test (or keep its worker alive).
		db.$client.close();
		await end();
		throw error;
	}

	return {
		url,
		databasePath,
		output: () => output,
		db: () => db,
		child,
		stop: () =>
			new Promise((done) => {
				db.$client.close();
				void end().then(done);
			})
	};
}

export interface Reply {
	status: number;
	location: string | null;
	/** The raw Set-Cookie headers, to check their attributes. */
	setCookies: string[];
	body: string;
}

/** A cookie-keeping HTTP client that posts forms the way a browser without JavaScript does. */
export class Visitor {
	private cookies = new Map<string, string>();

	constructor(
		private baseUrl: string,
		private language = 'de',
		/** Sent with every request, e.g. the client address a proxy would forward. */
		private extraHeaders: Record<string, string> = {}
	) {}

	cookie(name: string): string | undefined {
		return this.cookies.get(name);
	}

	async get(path: string): Promise<Reply> {
		return this.send(path, { method: 'GET' });
	}

	/** The headers a GET would have, without the body. */
	async head(path: string): Promise<Reply> {
		return this.send(path, { method: 'HEAD' });
	}

	/** A field given a list is sent once per value, as checkboxes are. */
	async post(path: string, fields: Record<string, string | string[]> = {}): Promise<Reply> {
		const body = new URLSearchParams();
		for (const [name, value] of Object.entries(fields)) {
			for (const one of [value].flat()) body.append(name, one);
		}
		return this.send(path, {
			method: 'POST',
			body: body.toString(),
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: this.baseUrl
			}
		});
	}

	/** A form with a file, sent as multipart the way a browser sends an upload. */
	async upload(
		path: string,
		file: { name: string; content: Uint8Array; type?: string },
		fields: Record<string, string> = {}
	): Promise<Reply> {
		const body = new FormData();
		for (const [name, value] of Object.entries(fields)) body.append(name, value);
		body.append('file', new Blob([file.content.slice()], { type: file.type ?? '' }), file.name);
		return this.send(path, { method: 'POST', body, headers: { origin: this.baseUrl } });
	}

	/** A form with several files (and fields), sent as multipart the way a browser sends it. */
	async uploadFiles(
		path: string,
		files: Record<string, { name: string; content: Uint8Array; type?: string }>,
		fields: Record<string, string> = {}
	): Promise<Reply> {
		const body = new FormData();
		for (const [name, value] of Object.entries(fields)) body.append(name, value);
		for (const [name, file] of Object.entries(files)) {
			body.append(name, new Blob([file.content.slice()], { type: file.type ?? '' }), file.name);
		}
		return this.send(path, { method: 'POST', body, headers: { origin: this.baseUrl } });
	}

	/** A download's bytes (an XLSX file, say) and headers, or the status if it failed. */
	async download(path: string): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
		const response = await this.fetch(path, { method: 'GET' });
		return {
			status: response.status,
			bytes: new Uint8Array(await response.arrayBuffer()),
			headers: response.headers
		};
	}

	async login(email: string, password: string): Promise<Reply> {
		return this.post('/login', { email, password });
	}

	private async send(path: string, init: RequestInit): Promise<Reply> {
		const response = await this.fetch(path, init);
		return {
			status: response.status,
			location: response.headers.get('location'),
			setCookies: response.headers.getSetCookie(),
			body: await response.text()
		};
	}

	private async fetch(path: string, init: RequestInit): Promise<Response> {
		const headers = new Headers(init.headers);
		for (const [name, value] of Object.entries(this.extraHeaders)) headers.set(name, value);
		headers.set('accept-language', this.language);
		headers.set('accept', 'text/html');
		if (this.cookies.size > 0) {
			headers.set(
				'cookie',
				[...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
			);
		}
		const response = await fetch(this.baseUrl + path, { ...init, headers, redirect: 'manual' });
		for (const header of response.headers.getSetCookie()) {
			const [pair, ...attributes] = header.split(';');
			const [name, value] = pair!.split('=') as [string, string];
			const expired = attributes.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
			if (expired || value === '') this.cookies.delete(name.trim());
			else this.cookies.set(name.trim(), value);
		}
		return response;
	}
}
