import type { Db } from '../src/lib/server/db';

/**
 * How many SQL statements `work` prepares on the database. Drizzle prepares every statement it
 * runs on better-sqlite3, which has no hook of its own, so the connection's `prepare` is
 * wrapped for the call.
 */
export function countStatements<T>(db: Db, work: () => T): { result: T; statements: number } {
	const client = db.$client;
	const prepare = client.prepare;
	let statements = 0;
	client.prepare = ((source: string) => {
		statements += 1;
		return prepare.call(client, source);
	}) as typeof prepare;
	try {
		return { result: work(), statements };
	} finally {
		client.prepare = prepare;
	}
}
