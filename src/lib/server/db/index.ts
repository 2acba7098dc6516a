import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { installAudit } from './audit';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** For functions that run on their own or inside a caller's transaction. */
export type DbOrTx = Db | Tx;

export const defaultDatabaseUrl = './data/mitwirken.db';

/** Opens (creating if needed) the SQLite file and brings its schema up to date. */
export function openDatabase(url: string, migrationsFolder = resolve('drizzle')): Db {
	if (url !== ':memory:') mkdirSync(dirname(resolve(url)), { recursive: true });
	const sqlite = new Database(url);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = drizzle({ client: sqlite, schema });
	migrate(db, { migrationsFolder });
	installAudit(sqlite);
	return db;
}

let appDb: Db | undefined;

/** The application's database, opened on first use from DATABASE_URL. */
export function getDb(): Db {
	if (!appDb) {
		appDb = openDatabase(process.env.DATABASE_URL || defaultDatabaseUrl);
		// Sent by the production entry (server.js, like adapter-node's own) once requests have
		// drained. Closing the last connection checkpoints the WAL into the database file.
		process.once('sveltekit:shutdown', closeAppDb);
	}
	return appDb;
}

function closeAppDb() {
	appDb?.$client.close();
	appDb = undefined;
}
