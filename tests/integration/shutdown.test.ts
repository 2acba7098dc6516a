import { count } from 'drizzle-orm';
import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { createActivity } from '../../src/lib/server/workshop/activities';
import { joinEvent, participantCookieName } from '../../src/lib/server/workshop/participants';
import { createTestEvent, createTestOrganisation } from '../factories';
import { connectLive, send } from './live-client';
import { startServer, Visitor } from './server';

function seedWorkshop(db: Db) {
	const org = createTestOrganisation(db, 'Stadt Tübingen');
	const { event } = createTestEvent(db, org.id);
	const activity = createActivity(db, event.id, {
		question: 'Was brauchen neue Nachbarinnen zuerst?',
		fieldOfActionId: null,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 2,
		namedIdeas: false
	});
	const { token } = joinEvent(db, event.id, { displayName: null, category: null, locale: 'de' });
	return { activityId: activity.id, cookie: `${participantCookieName}=${token}` };
}

const walSize = (databasePath: string) =>
	existsSync(`${databasePath}-wal`) ? statSync(`${databasePath}-wal`).size : 0;

describe('shutting down', () => {
	it.each(['SIGTERM', 'SIGINT'] as const)(
		'on %s drops live sockets, exits 0 promptly and leaves everything in the database file',
		async (signal) => {
			let workshop = { activityId: 0, cookie: '' };
			const server = await startServer({ seed: (db) => (workshop = seedWorkshop(db)) });
			// In production the server holds the only connection; closing the last one checkpoints.
			server.db().$client.close();

			const phone = await connectLive(server.url, { cookie: workshop.cookie });
			const idea = await send(phone, 'idea:submit', {
				activityId: workshop.activityId,
				clientId: 'before-shutdown',
				text: 'Ein Willkommenscafé im Rathaus',
				language: 'de'
			});
			expect(idea.ok).toBe(true);
			expect(walSize(server.databasePath)).toBeGreaterThan(0);
			// An idle keep-alive connection must not hold the shutdown until it times out.
			expect((await new Visitor(server.url).get('/setup')).status).toBe(200);

			const disconnected = new Promise<string>((done) => phone.once('disconnect', done));
			const exited = new Promise<number | null>((done) => server.child.once('exit', done));
			const signalledAt = Date.now();
			server.child.kill(signal);

			expect(await exited).toBe(0);
			expect(Date.now() - signalledAt).toBeLessThan(5000);
			// Not "io server disconnect": that would stop the client from reconnecting by itself.
			expect(await disconnected).toBe('transport close');
			expect(server.output()).toContain('Stopped');
			expect(walSize(server.databasePath)).toBe(0);

			const db = openDatabase(server.databasePath);
			expect(db.select({ n: count() }).from(table.idea).get()!.n).toBe(1);
			db.$client.close();
			phone.close();
		}
	);
});
