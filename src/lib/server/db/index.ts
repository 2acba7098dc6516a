import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { installAudit } from './audit';
import { removePidFile, writePidFile } from './presence';
import * as schema from './schema';
import { defaultSynchronous, parseSynchronous, type SynchronousMode } from './settings';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** For functions that run on their own or inside a caller's transaction. */
export type DbOrTx = Db | Tx;

export const defaultDatabaseUrl = './data/mitwirken.db';
export const migrationsFolder = resolve('drizzle');

/** The app's database file: `DATABASE_URL`, for the server and the command-line tools alike. */
export const appDatabaseUrl = () => process.env.DATABASE_URL || defaultDatabaseUrl;

/** Opens (creating if needed) the SQLite file and brings its schema up to date. */
export function openDatabase(
	url: string,
	options: { synchronous?: SynchronousMode; migrationsFolder?: string } = {}
): Db {
	if (url !== ':memory:') mkdirSync(dirname(resolve(url)), { recursive: true });
	const sqlite = new Database(url);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma(`synchronous = ${options.synchronous ?? defaultSynchronous}`);
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = drizzle({ client: sqlite, schema });
	migrate(db, { migrationsFolder: options.migrationsFolder ?? migrationsFolder });
	installAudit(sqlite);
	return db;
}

let appDb: { db: Db; url: string } | undefined;

/**
 * The application's database, opened on first use from DATABASE_URL, with DB_SYNCHRONOUS. A
 * wrong setting stops the start with a message. While open, a pid file beside the database
 * tells `npm run restore` that a server is using it.
 */
export function getDb(): Db {
	if (!appDb) {
		const url = appDatabaseUrl();
		const db = openDatabase(url, { synchronous: parseSynchronous(process.env.DB_SYNCHRONOUS) });
		if (url !== ':memory:') writePidFile(url);
		appDb = { db, url };
		// Sent by the production entry (server.js, like adapter-node's own) once requests have
		// drained. Closing the last connection checkpoints the WAL into the database file.
		process.once('sveltekit:shutdown', closeAppDb);
	}
	return appDb.db;
}

function closeAppDb() {
	if (!appDb) return;
	appDb.db.$client.close();
	if (appDb.url !== ':memory:') removePidFile(appDb.url);
	appDb = undefined;
}
