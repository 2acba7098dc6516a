/**
 * Notifications through the running server, without SMTP: what staff do in the browser lands in
 * the organisation's outbox, the home page shows what waits, and the new forms (the outbox's
 * sender, the account's notifications) refuse hostile input with a translated error.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { draftMinutes } from '../../src/lib/server/minutes/minutes';
import { createProcess } from '../../src/lib/server/process/processes';
import { settingsOf } from '../../src/lib/server/notify/outbox';
import { createMember, createTestOrganisation, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';

interface Seeded {
	slug: string;
	otherSlug: string;
	processSlug: string;
	bodyId: number;
	eventId: number;
	minutesId: number;
	emails: {
		admin: string;
		moderator: string;
		steering: string;
		otherAdmin: string;
		chooser: string;
	};
	/** A member who changes only their own choices, so the other tests' messages stay as they are. */
	chooserId: number;
}

let server: TestServer;
let seeded: Seeded;

async function seed(db: Db): Promise<Seeded> {
	const organisation = createTestOrganisation(db, 'Stadt Landau');
	const other = createTestOrganisation(db, 'Landkreis Wittmund');
	const admin = await createMember(db, organisation.id, 'admin');
	const moderator = await createMember(db, organisation.id, 'moderator');
	const steering = await createMember(db, organisation.id, 'steering_member');
	const otherAdmin = await createMember(db, other.id, 'admin');
	const chooser = await createMember(db, organisation.id, 'steering_member');
	const process = createProcess(db, {
		organisationId: organisation.id,
		title: 'Integrationskonzept 2.0',
		description: '',
		template: 'empty',
		startsOn: '2026-01-01'
	});
	const body = db
		.insert(table.body)
		.values({ processId: process.id, kind: 'steering_group', name: 'Steuerungsgruppe' })
		.returning()
		.get();
	db.insert(table.bodyMember)
		.values({ bodyId: body.id, name: 'Beirat für Migration', userId: steering.id })
		.run();
	const event = db
		.insert(table.event)
		.values({
			processId: process.id,
			bodyId: body.id,
			title: 'Sitzung im Herbst',
			startsAt: '2026-10-01T16:00',
			endsAt: '2026-10-01T18:00',
			status: 'closed'
		})
		.returning()
		.get();
	const minutes = draftMinutes(db, event.id);
	return {
		slug: organisation.slug,
		otherSlug: other.slug,
		processSlug: process.slug,
		bodyId: body.id,
		eventId: event.id,
		minutesId: minutes.id,
		emails: {
			admin: admin.email,
			moderator: moderator.email,
			steering: steering.email,
			otherAdmin: otherAdmin.email,
			chooser: chooser.email
		},
		chooserId: chooser.id
	};
}

beforeAll(async () => {
	server = await startServer({ seed: async (db) => (seeded = await seed(db)) });
});

afterAll(() => server?.stop());

async function signIn(email: string) {
	const visitor = new Visitor(server.url);
	expect((await visitor.login(email, testPassword)).status).toBe(303);
	return visitor;
}

describe('notifications in the running app', () => {
	it('puts an invitation with .ics and an approval request into the outbox, and shows what waits', async () => {
		const moderator = await signIn(seeded.emails.moderator);
		const base = `/o/${seeded.slug}/p/${seeded.processSlug}/events`;
		const created = await moderator.post(`${base}?/create`, {
			title: 'Sitzung der Steuerungsgruppe',
			description: '',
			place: 'Rathaus',
			startsAt: '2036-01-14T16:00',
			endsAt: '2036-01-14T18:00',
			bodyId: String(seeded.bodyId),
			phaseId: ''
		});
		expect(created.status, created.body).toBe(303);
		const submitted = await moderator.post(`${base}/${seeded.eventId}/minutes?/submit`, {
			minutesId: String(seeded.minutesId)
		});
		expect(submitted.status, submitted.body).toBe(200);

		const admin = await signIn(seeded.emails.admin);
		const outbox = await admin.get(`/o/${seeded.slug}/outbox`);
		expect(outbox.status).toBe(200);
		expect(outbox.body).toContain('Einladung: Sitzung der Steuerungsgruppe, 14.01.2036, 16:00 Uhr');
		expect(outbox.body).toContain('Protokoll zur Freigabe: Sitzung im Herbst');
		expect(outbox.body).toContain(seeded.emails.steering);
		expect(outbox.body).toContain('nicht gesendet (kein SMTP)');
		const invitation = server
			.db()
			.select()
			.from(table.notification)
			.where(eq(table.notification.kind, 'event_invitation'))
			.get()!;
		const ics = await admin.download(`/o/${seeded.slug}/outbox/${invitation.id}/termin.ics`);
		expect(ics.status).toBe(200);
		expect(ics.headers.get('content-type')).toContain('text/calendar');
		expect(new TextDecoder().decode(ics.bytes)).toContain('SUMMARY:Sitzung der Steuerungsgruppe');

		const steering = await signIn(seeded.emails.steering);
		const home = await steering.get('/');
		expect(home.body).toContain('Was auf Sie wartet');
		expect(home.body).toContain(`${base}/${seeded.eventId}/minutes`);
		expect(home.body).toContain('Sitzung der Steuerungsgruppe');

		const stranger = await signIn(seeded.emails.otherAdmin);
		expect((await stranger.get(`/o/${seeded.slug}/outbox`)).status).toBe(404);
		const foreign = await stranger.download(
			`/o/${seeded.otherSlug}/outbox/${invitation.id}/termin.ics`
		);
		expect(foreign.status).toBe(404);
		expect((await steering.get(`/o/${seeded.slug}/outbox`)).status).toBe(403);
	});

	it('refuses a hostile sender and keeps the one saved', async () => {
		const admin = await signIn(seeded.emails.admin);
		const path = `/o/${seeded.slug}/outbox?/sender`;
		const saved = await admin.post(path, {
			name: 'Integrationsbüro',
			address: 'integration@landau.example'
		});
		expect(saved.status).toBe(200);
		for (const fields of [
			{ name: 'Büro', address: 'keine-adresse' },
			{ name: 'Büro', address: 'a@b.example\r\nBcc: alle@b.example' },
			{ name: 'x'.repeat(500), address: '' },
			{ name: 'Büro', address: `${'a'.repeat(250)}@b.example` },
			{ name: ['a', 'b'] as unknown as string, address: ['x@y.example', 'z'] as unknown as string }
		]) {
			const reply = await admin.post(path, fields);
			expect(reply.status, JSON.stringify(fields)).toBe(400);
		}
		const stored = server.db().select().from(table.notificationSender).all();
		expect(stored).toEqual([
			expect.objectContaining({ name: 'Integrationsbüro', address: 'integration@landau.example' })
		]);
		const page = await admin.get(`/o/${seeded.slug}/outbox`);
		expect(page.body).toContain('integration@landau.example');
	});

	it('saves the notification choices of the account, and refuses what is not offered', async () => {
		const steering = await signIn(seeded.emails.chooser);
		const hostile: Record<string, string>[] = [
			{ delivery: 'weekly', locale: 'de' },
			{ delivery: 'single', locale: 'fr' },
			{ delivery: 'digest', locale: 'de', kind_event_reminder: 'yes' },
			{ locale: 'de' },
			{ delivery: 'single\u0000', locale: 'de' }
		];
		for (const fields of hostile) {
			const reply = await steering.post('/account?/notifications', fields);
			expect(reply.status, JSON.stringify(fields)).toBe(400);
		}
		const ok = await steering.post('/account?/notifications', {
			delivery: 'digest',
			locale: 'en',
			kind_approval_waiting: 'on',
			kind_event_invitation: 'on'
		});
		expect(ok.status).toBe(200);
		const settings = settingsOf(server.db(), seeded.chooserId);
		expect(settings.digest).toBe(true);
		expect(settings.locale).toBe('en');
		expect(settings.off.has('event_reminder')).toBe(true);
		expect(settings.off.has('approval_waiting')).toBe(false);
		const page = await steering.get('/account');
		expect(page.body).toMatch(/id="delivery-digest"[^>]*checked/);
	});
});
