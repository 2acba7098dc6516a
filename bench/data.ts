/**
 * `npm run bench:data`: a Konstanz-scale process beside the demo, then each staff page's
 * server time, HTML size and element count, and each export's time, against the targets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../src/lib/server/db';
import * as table from '../src/lib/server/db/schema';
import { demoAccounts, demoPassword, seedDemo } from '../src/lib/server/demo/seed';
import { todayIn } from '../src/lib/server/time';
import { scale, seedKonstanz } from './data-seed';
import { fixed, percentile, printTable, ServerProcess } from './server-process';

const runs = 5;
const targets = { pageMs: 100, pageBytes: 300 * 1024, exportMs: 300 };

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

/** Elements in the HTML: start tags, as a browser would build DOM nodes from them. */
const elementCount = (html: string) => html.match(/<[a-zA-Z][a-zA-Z0-9-]*(?=[\s/>])/g)?.length ?? 0;

const folder = mkdtempSync(join(tmpdir(), 'mitwirken-bench-data-'));
const databasePath = join(folder, 'bench.db');

const seedingStarted = performance.now();
const db = openDatabase(databasePath);
await seedDemo(db);
const organisation = db.select().from(table.organisation).get()!;
const owner = demoAccounts.find((account) => account.role === 'process_owner')!;
const author = db.select().from(table.user).where(eq(table.user.email, owner.email)).get()!;
const seeded = seedKonstanz(db, organisation, author);
db.$client.close();
console.log(
	`Seeded in ${fixed((performance.now() - seedingStarted) / 1000, 1)} s: ${scale.fields} fields, ` +
		`${scale.fields * scale.goalsPerField} goals, ${scale.fields * scale.measuresPerField} measures, ` +
		`${scale.workshops} workshops × ${scale.ideasPerWorkshop} ideas × ${scale.votersPerWorkshop} voters, ` +
		`${scale.versions} concept versions (${databasePath})`
);

const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const server = new ServerProcess(['server.js'], {
	HOST: '127.0.0.1',
	PORT: String(port),
	ORIGIN: url,
	DATABASE_URL: databasePath,
	SEED_DEMO: 'false',
	NODE_ENV: 'production'
});

try {
	await server.start();
	const login = await fetch(`${url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email: owner.email, password: demoPassword })
	});
	const cookie = login.headers
		.getSetCookie()
		.map((line) => line.split(';')[0])
		.join('; ');
	if (login.status !== 303 || !cookie) throw new Error(`login failed: ${login.status}`);

	/** Fetches the path `runs` times after one warm-up; the median time and the last body. */
	const measure = async (path: string) => {
		const times: number[] = [];
		let body = Buffer.alloc(0);
		for (let run = 0; run <= runs; run++) {
			const started = performance.now();
			const response = await fetch(`${url}${path}`, {
				headers: { cookie, accept: 'text/html,*/*' },
				redirect: 'manual'
			});
			body = Buffer.from(await response.arrayBuffer());
			if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
			if (run > 0) times.push(performance.now() - started);
		}
		return { ms: percentile(times, 50), body };
	};

	const base = `/o/${organisation.slug}/p/${seeded.process.slug}`;
	const event = `${base}/events/${seeded.eventId}`;
	const pages: [string, string][] = [
		['overview', base],
		['phases', `${base}/phases`],
		['fields', `${base}/fields`],
		['bodies', `${base}/bodies`],
		['events', `${base}/events`],
		['review', `${base}/review`],
		['measures catalogue', `${base}/measures`],
		['catalogue, 100 a page', `${base}/measures?per=100`],
		['new measure', `${base}/measures/new`],
		['catalogue import', `${base}/measures/import`],
		['projects', `${base}/projects`],
		['body (steering group)', `${base}/bodies/${seeded.bodyId}`],
		['event', event],
		['live console', `${event}/live`],
		['measure page', `${base}/measures/${seeded.measureId}`],
		['concept', `${base}/concept`],
		['concept version', `${base}/concept/${seeded.versionId}`],
		['Beratungsfolge', `${base}/concept/${seeded.versionId}/beratungsfolge`],
		['public comments', `${base}/public-comments`],
		['monitoring', `${base}/monitoring`],
		['indicators', `${base}/monitoring/indikatoren`],
		['status report page', `${base}/monitoring/bericht`],
		['minutes', `${event}/minutes`]
	];
	const year = todayIn().slice(0, 4);
	const exports: [string, string][] = [
		['concept DOCX', `${base}/concept/${seeded.versionId}/konzept.docx`],
		['concept MD', `${base}/concept/${seeded.versionId}/konzept.md`],
		['minutes DOCX', `${event}/minutes/protokoll.docx`],
		['status report DOCX', `${base}/monitoring/bericht.docx?from=${year}-01-01&to=${todayIn()}`],
		['catalogue CSV', `${base}/measures/massnahmen.csv`],
		['catalogue XLSX', `${base}/measures/massnahmen.xlsx`],
		['results CSV', `${event}/activities/${seeded.activityId}/results.csv`],
		['calendar', `${base}/calendar.ics`]
	];

	const pass = (ok: boolean) => (ok ? 'pass' : 'FAIL');
	const pageRows: unknown[][] = [];
	for (const [name, path] of pages) {
		const { ms, body } = await measure(path);
		const ok = ms <= targets.pageMs && body.length <= targets.pageBytes;
		pageRows.push([
			name,
			fixed(ms, 1),
			fixed(body.length / 1024, 0),
			elementCount(body.toString('utf8')),
			pass(ok)
		]);
	}
	const exportRows: unknown[][] = [];
	for (const [name, path] of exports) {
		const { ms, body } = await measure(path);
		exportRows.push([
			name,
			fixed(ms, 1),
			fixed(body.length / 1024, 0),
			pass(ms <= targets.exportMs)
		]);
	}

	console.log(
		`\nStaff pages (median of ${runs}; target ≤ ${targets.pageMs} ms and ≤ ${targets.pageBytes / 1024} KB)\n`
	);
	printTable(['page', 'ms', 'KB', 'elements', 'result'], pageRows);
	console.log(`\nExports (median of ${runs}; target ≤ ${targets.exportMs} ms)\n`);
	printTable(['export', 'ms', 'KB', 'result'], exportRows);
} finally {
	await server.stop();
	rmSync(folder, { recursive: true, force: true });
}
