import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody } from '../../src/lib/server/bodies/bodies';
import * as table from '../../src/lib/server/db/schema';
import { createEvent } from '../../src/lib/server/events/events';
import { createProcess } from '../../src/lib/server/process/processes';
import { createMember, createTestOrganisation, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
const people = { owner: '', moderator: '', steering: '', stranger: '' };
const ids = { landauBody: 0, strangerBody: 0, strangerEvent: 0 };
const landau = '/o/stadt-landau/p/integrationskonzept-2-0';

beforeAll(async () => {
	server = await startServer({
		seed: async (db) => {
			const landauOrg = createTestOrganisation(db, 'Stadt Landau');
			const wittmundOrg = createTestOrganisation(db, 'Landkreis Wittmund');
			people.owner = (await createMember(db, landauOrg.id, 'process_owner')).email;
			people.moderator = (await createMember(db, landauOrg.id, 'moderator')).email;
			people.steering = (await createMember(db, landauOrg.id, 'steering_member')).email;
			people.stranger = (await createMember(db, wittmundOrg.id, 'admin')).email;
			const process = createProcess(db, {
				organisationId: landauOrg.id,
				title: 'Integrationskonzept 2.0',
				description: '',
				template: 'landau',
				startsOn: '2026-01-01'
			});
			ids.landauBody = createBody(db, process.id, {
				kind: 'steering_group',
				name: 'Prozesssteuerungsgruppe',
				description: '',
				fieldOfActionId: null,
				isPublic: false
			}).id;
			const other = createProcess(db, {
				organisationId: wittmundOrg.id,
				title: 'Integrationskonzept',
				description: '',
				template: 'empty',
				startsOn: '2018-01-01'
			});
			ids.strangerBody = createBody(db, other.id, {
				kind: 'working_group',
				name: 'AG Sprache',
				description: '',
				fieldOfActionId: null,
				isPublic: true
			}).id;
			ids.strangerEvent = createEvent(db, other.id, {
				title: 'Sitzung',
				description: '',
				place: '',
				startsAt: '2026-05-01T10:00',
				endsAt: '2026-05-01T12:00',
				isPublic: true,
				status: 'planned',
				bodyId: null,
				phaseId: null
			}).id;
		}
	});
});

afterAll(() => server.stop());

async function signedIn(email: string, language = 'de') {
	const visitor = new Visitor(server.url, language);
	expect((await visitor.login(email, testPassword)).status).toBe(303);
	return visitor;
}

describe('access across organisations', () => {
	it('hides another organisation’s process, its pages, actions and calendar', async () => {
		const stranger = await signedIn(people.stranger);
		for (const path of ['', '/phases', '/fields', '/bodies', '/events', '/calendar.ics']) {
			expect((await stranger.get(`${landau}${path}`)).status, path).toBe(404);
		}
		expect(
			(await stranger.post(`${landau}/phases?/add`, { title: 'X', status: 'planned' })).status
		).toBe(404);
		expect((await stranger.get(`${landau}/bodies/${ids.landauBody}`)).status).toBe(404);
	});

	it('does not reach another process’s body or event through this process’s URL', async () => {
		const owner = await signedIn(people.owner);
		expect((await owner.get(`${landau}/bodies/${ids.strangerBody}`)).status).toBe(404);
		expect((await owner.get(`${landau}/events/${ids.strangerEvent}`)).status).toBe(404);
		expect((await owner.post(`${landau}/events/${ids.strangerEvent}?/delete`)).status).toBe(404);
		expect((await owner.get(`${landau}/bodies/not-a-number`)).status).toBe(404);
		// The refused delete left the other process's event alone.
		const event = server
			.db()
			.select()
			.from(table.event)
			.where(eq(table.event.id, ids.strangerEvent))
			.get();
		expect(event).toMatchObject({ title: 'Sitzung' });
	});
});

describe('roles in a process', () => {
	it('let moderators manage events but not the process set-up', async () => {
		const moderator = await signedIn(people.moderator);
		const created = await moderator.post(`${landau}/events?/create`, {
			title: 'Fachkonferenz Wohnen',
			startsAt: '2026-10-01T18:00',
			endsAt: '2026-10-01T20:00',
			isPublic: 'on'
		});
		expect(created.status).toBe(303);
		expect(created.location).toMatch(new RegExp(`^${landau}/events/\\d+$`));
		expect(
			(await moderator.post(`${landau}/phases?/add`, { title: 'X', status: 'planned' })).status
		).toBe(403);
		expect(
			(await moderator.post(`${landau}/bodies?/create`, { kind: 'working_group', name: 'AG' }))
				.status
		).toBe(403);
	});

	it('let steering group members read everything and change nothing', async () => {
		const member = await signedIn(people.steering);
		expect((await member.get(landau)).status).toBe(200);
		expect((await member.get(`${landau}/bodies/${ids.landauBody}`)).status).toBe(200);
		expect((await member.post(`${landau}/events?/create`, { title: 'X' })).status).toBe(403);
		expect(
			(await member.post(`${landau}?/saveBasics`, { title: 'Übernommen', status: 'running' }))
				.status
		).toBe(403);
	});
});

describe('bad input', () => {
	it('refuses a phase that ends before it starts, in the user’s language', async () => {
		const owner = await signedIn(people.owner, 'en');
		const reply = await owner.post(`${landau}/phases?/add`, {
			title: 'Auswertung',
			startsOn: '2026-05-10',
			endsOn: '2026-05-01',
			status: 'planned'
		});
		expect(reply.status).toBe(400);
		expect(reply.body).toContain('The end must not be before the start.');
	});

	it('refuses impossible dates and numbers with messages, never a crash', async () => {
		const owner = await signedIn(people.owner);
		const event = await owner.post(`${landau}/events?/create`, {
			title: 'Konferenz',
			startsAt: '2026-02-30T10:00',
			endsAt: 'morgen'
		});
		expect(event.status).toBe(400);
		expect(event.body).toContain('Bitte geben Sie ein gültiges Datum mit Uhrzeit ein.');
		const seats = await owner.post(`${landau}/bodies/${ids.landauBody}?/seats`, {
			maxMembers: '-3',
			seats_politics: 'sechs'
		});
		expect(seats.status).toBe(400);
		expect(seats.body).toContain('Bitte geben Sie eine ganze Zahl von 0 bis 500 ein.');
		const move = await owner.post(`${landau}/phases?/move`, { id: 'x', direction: 'sideways' });
		expect(move.status).toBe(400);
		expect((await owner.get(landau)).status).toBe(200);
	});

	it('asks before deleting a body that has meetings, and then archives it with them', async () => {
		const owner = await signedIn(people.owner);
		const body = await owner.post(`${landau}/bodies?/create`, {
			kind: 'working_group',
			name: 'AG Wohnen'
		});
		const bodyPath = body.location!;
		const bodyId = Number(bodyPath.split('/').at(-1));
		await owner.post(`${landau}/events?/create`, {
			title: 'Sitzung AG Wohnen',
			startsAt: '2026-04-01T10:00',
			endsAt: '2026-04-01T12:00',
			bodyId: String(bodyId)
		});
		const ask = await owner.post(`${bodyPath}?/delete`);
		expect(ask.status).toBe(409);
		expect(ask.body).toContain('Gremium „AG Wohnen“ löschen?');
		expect(ask.body).toContain('Sitzungen und Veranstaltungen: 1');
		expect(ask.body).toContain('Ja, archivieren');
		expect((await owner.get(bodyPath)).status).toBe(200);

		const confirmed = await owner.post(`${bodyPath}?/delete`, { confirmed: 'on' });
		expect(confirmed.status).toBe(200);
		expect(confirmed.body).toContain('„AG Wohnen“ ist archiviert.');
		expect((await owner.get(bodyPath)).body).toContain('Archiviert am');
		expect((await owner.get(`${landau}/bodies`)).body).not.toContain('AG Wohnen');
		const events = server.db().select().from(table.event).all();
		expect(events.find((e) => e.title === 'Sitzung AG Wohnen')).toMatchObject({ bodyId });
	});
});

describe('deleting a phase', () => {
	it('is refused while events belong to it, and keeps the events', async () => {
		const owner = await signedIn(people.owner);
		const phase = server
			.db()
			.select()
			.from(table.phase)
			.all()
			.find((p) => p.title === 'Fachkonferenzen')!;
		await owner.post(`${landau}/events?/create`, {
			title: 'Fachkonferenz Arbeitsmarkt',
			startsAt: '2026-03-05T17:00',
			endsAt: '2026-03-05T19:00',
			phaseId: String(phase.id)
		});
		for (const fields of [{}, { confirmed: 'on' }] as Record<string, string>[]) {
			const refused = await owner.post(`${landau}/phases?/delete`, {
				id: String(phase.id),
				...fields
			});
			expect(refused.status).toBe(409);
			expect(refused.body).toContain(
				'Die Phase „Fachkonferenzen“ kann nicht gelöscht werden: Ihr sind Veranstaltungen zugeordnet (1).'
			);
		}
		const events = server.db().select().from(table.event).all();
		expect(events.find((e) => e.title === 'Fachkonferenz Arbeitsmarkt')).toMatchObject({
			phaseId: phase.id
		});
	});
});

describe('the public process page', () => {
	it('exists only once the process owner publishes it, with public events only', async () => {
		const visitor = new Visitor(server.url);
		const publicPath = '/beteiligung/stadt-landau/integrationskonzept-2-0';
		expect((await visitor.get(publicPath)).status).toBe(404);

		const owner = await signedIn(people.owner);
		await owner.post(`${landau}/events?/create`, {
			title: 'Interne Runde',
			startsAt: '2099-01-10T10:00',
			endsAt: '2099-01-10T12:00',
			bodyId: String(ids.landauBody),
			isPublic: 'on'
		});
		await owner.post(`${landau}/events?/create`, {
			title: 'Integrationskonferenz 2099',
			startsAt: '2099-02-10T10:00',
			endsAt: '2099-02-10T16:00',
			isPublic: 'on'
		});
		await owner.post(`${landau}?/saveBasics`, {
			title: 'Integrationskonzept 2.0',
			status: 'running',
			isPublic: 'on'
		});

		const page = await visitor.get(publicPath);
		expect(page.status).toBe(200);
		// The test organisation is a Landkreis: the template names its council phase after it.
		expect(page.body).toContain('Beschluss im Kreistag');
		expect(page.body).toContain('Integrationskonferenz 2099');
		expect(page.body).not.toContain('Interne Runde');

		const calendar = await fetch(`${server.url}${publicPath}/termine.ics`);
		expect(calendar.headers.get('content-type')).toContain('text/calendar');
		const ics = await calendar.text();
		expect(ics).toContain('SUMMARY:Integrationskonferenz 2099');
		expect(ics).toContain('DTSTART:20990210T090000Z');
		expect(ics).not.toContain('Interne Runde');
	});
});
