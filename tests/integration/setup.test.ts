import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, Visitor, type TestServer } from './server';

/** Stays without an administrator: the tests on it only look and are refused. */
let server: TestServer;

beforeAll(async () => {
	server = await startServer();
});

afterAll(() => server.stop());

describe('first start without demo data', () => {
	it('leads every page to the set-up page', async () => {
		const visitor = new Visitor(server.url);
		for (const path of ['/', '/login', '/o/anything']) {
			const reply = await visitor.get(path);
			expect(reply.status).toBe(303);
			expect(reply.location).toBe('/setup');
		}
	});

	it('refuses incomplete input with messages in the visitor’s language', async () => {
		const reply = await new Visitor(server.url, 'en').post('/setup', {
			organisationName: '',
			organisationKind: 'kingdom',
			name: 'Admin',
			email: 'not-an-email',
			password: 'short'
		});
		expect(reply.status).toBe(400);
		expect(reply.body).toContain('Please fill in this field.');
		expect(reply.body).toContain('Please choose one of the options offered.');
		expect(reply.body).toContain('Please enter a valid email address.');
		expect(reply.body).toContain('Please enter at least 10 characters.');
		expect(reply.body).not.toContain('value="short"');
	});

	it('creates the first administrator, signs them in, and then disappears', async ({
		onTestFinished
	}) => {
		const fresh = await startServer();
		onTestFinished(() => fresh.stop());
		const admin = new Visitor(fresh.url);
		const reply = await admin.post('/setup', {
			organisationName: 'Landkreis Lörrach',
			organisationKind: 'landkreis',
			name: 'Fachbereich Integration',
			email: 'integration@loerrach.example',
			password: 'ein-sehr-langes-passwort'
		});
		expect(reply.status).toBe(303);
		expect(reply.location).toBe('/o/landkreis-loerrach');
		expect((await admin.get('/o/landkreis-loerrach/members')).status).toBe(200);
		// The audit log names the new administrator as the writer of the account and organisation.
		const { auditLog, user } = await import('../../src/lib/server/db/schema');
		const account = fresh.db().select().from(user).get()!;
		const log = fresh.db().select().from(auditLog).orderBy(auditLog.id).all();
		expect(log).toMatchObject([
			{ tableName: 'user', operation: 'insert', actorUserId: account.id },
			{ tableName: 'organisation', operation: 'insert', actorUserId: account.id },
			{ tableName: 'membership', operation: 'insert', actorUserId: account.id }
		]);
		expect(log[0]!.actorName).toBe('Fachbereich Integration');
		expect(log[0]!.path).toBe('POST /setup');

		const later = new Visitor(fresh.url);
		expect((await later.get('/setup')).status).toBe(404);
		const again = await later.post('/setup', {
			organisationName: 'Übernahme',
			organisationKind: 'stadt',
			name: 'Fremd',
			email: 'fremd@example.org',
			password: 'ein-sehr-langes-passwort'
		});
		expect(again.status).toBe(404);
		expect((await later.get('/')).status).toBe(200);
		expect((await later.login('fremd@example.org', 'ein-sehr-langes-passwort')).status).toBe(400);
	});
});
