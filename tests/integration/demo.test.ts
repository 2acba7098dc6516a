import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, demoPassword } from '../../src/lib/server/demo/seed';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;

beforeAll(async () => {
	server = await startServer({ env: { SEED_DEMO: 'true' }, asReadme: true });
});

afterAll(() => server.stop());

describe('demo data on first start', () => {
	it('prints the URL and the demo logins, and each of them works', async () => {
		expect(server.output()).toContain(`Mitwirken: ${server.url}`);
		expect(server.output()).toContain(demoPassword);
		for (const account of demoAccounts) {
			expect(server.output()).toContain(account.email);
			const visitor = new Visitor(server.url);
			expect((await visitor.login(account.email, demoPassword)).status).toBe(303);
			const home = await visitor.get('/o/stadt-landau-in-der-pfalz-demo');
			expect(home.status).toBe(200);
			expect(home.body).toContain('Integrationskonzept 2.0');
		}
	});

	it('publishes the demo process with its timeline and next expert conference', async () => {
		const visitor = new Visitor(server.url);
		const home = await visitor.get('/');
		expect(home.body).toContain('Öffentliche Beteiligungsprozesse');
		const link = '/beteiligung/stadt-landau-in-der-pfalz-demo/integrationskonzept-2-0';
		// SvelteKit writes links relative to the page: `./beteiligung/…`.
		expect(home.body).toContain(`href=".${link}">Integrationskonzept 2.0</a>`);
		const reply = await visitor.get(link);
		expect(reply.status).toBe(200);
		expect(reply.body).toContain('Beschluss im Stadtrat');
		expect(reply.body).toContain('Fachkonferenz Sprache und Bildung');

		// The concept of 2011, adopted through three bodies, is public with its measures' status.
		const adopted = '/beteiligung/stadt-landau-in-der-pfalz-demo/integrationskonzept-2011';
		expect(home.body).toContain(`href=".${adopted}">Integrationskonzept 2011</a>`);
		const concept = await visitor.get(adopted);
		expect(concept.status).toBe(200);
		expect(concept.body).toContain('Das beschlossene Konzept');
		expect(concept.body).toContain('Stadtrat');
	});

	it('is not added twice', async ({ onTestFinished }) => {
		const { user } = await import('../../src/lib/server/db/schema');
		// The organisation's accounts and the external moderator of one process (demo/governance.ts).
		const accounts = demoAccounts.length + 1;
		expect(server.db().select().from(user).all()).toHaveLength(accounts);
		const restarted = await startServer({
			env: { SEED_DEMO: 'true' },
			databasePath: server.databasePath
		});
		onTestFinished(() => restarted.stop());
		expect(restarted.output()).not.toContain('Demo-Daten angelegt');
		expect(restarted.db().select().from(user).all()).toHaveLength(accounts);
	});
});
