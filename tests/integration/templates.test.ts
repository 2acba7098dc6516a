import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, getSeatPlan, listMembers } from '../../src/lib/server/bodies/bodies';
import * as table from '../../src/lib/server/db/schema';
import { createOrganisation } from '../../src/lib/server/organisations/organisations';
import { addField } from '../../src/lib/server/process/fields';
import { createProcess } from '../../src/lib/server/process/processes';
import {
	layOutPhases,
	templateBodies,
	type ProcessTemplate
} from '../../src/lib/server/process/templates';
import { createMember, createTestOrganisation, testPassword } from '../factories';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
const people = { owner: '', cityOwner: '', moderator: '', stranger: '' };
const ids = { strangerField: 0, strangerPhase: 0, steering: 0, field: 0 };
const county = '/o/landkreis-rems-murr/p/integrationsplan-2-0';

beforeAll(async () => {
	server = await startServer({
		seed: async (db) => {
			const remsMurr = createTestOrganisation(db, 'Landkreis Rems-Murr');
			const landau = createOrganisation(db, { name: 'Stadt Landau', kind: 'stadt' });
			const wittmund = createTestOrganisation(db, 'Landkreis Wittmund');
			people.owner = (await createMember(db, remsMurr.id, 'process_owner')).email;
			people.moderator = (await createMember(db, remsMurr.id, 'moderator')).email;
			people.cityOwner = (await createMember(db, landau.id, 'process_owner')).email;
			people.stranger = (await createMember(db, wittmund.id, 'admin')).email;
			const process = createProcess(db, {
				organisationId: remsMurr.id,
				title: 'Integrationsplan 2.0',
				description: '',
				template: 'landau',
				startsOn: '2026-01-01'
			});
			addField(db, process.id, { code: '1', title: 'Sprache und Bildung', description: '' });
			ids.field = db
				.select()
				.from(table.fieldOfAction)
				.where(eq(table.fieldOfAction.processId, process.id))
				.get()!.id;
			ids.steering = db
				.select()
				.from(table.body)
				.where(and(eq(table.body.processId, process.id), eq(table.body.kind, 'steering_group')))
				.get()!.id;
			const other = createProcess(db, {
				organisationId: wittmund.id,
				title: 'Integrationskonzept',
				description: '',
				template: 'wittmund',
				startsOn: '2018-01-01'
			});
			addField(db, other.id, { code: '1', title: 'Sprache', description: '' });
			ids.strangerField = db
				.select()
				.from(table.fieldOfAction)
				.where(eq(table.fieldOfAction.processId, other.id))
				.get()!.id;
			ids.strangerPhase = db
				.select()
				.from(table.phase)
				.where(eq(table.phase.processId, other.id))
				.get()!.id;
		}
	});
});

afterAll(() => server.stop());

async function signedIn(email: string) {
	const visitor = new Visitor(server.url, 'de');
	expect((await visitor.login(email, testPassword)).status).toBe(303);
	return visitor;
}

function processBySlug(organisationSlug: string, processSlug: string) {
	const db = server.db();
	const organisation = db
		.select()
		.from(table.organisation)
		.where(eq(table.organisation.slug, organisationSlug))
		.get()!;
	const process = db
		.select()
		.from(table.process)
		.where(
			and(eq(table.process.organisationId, organisation.id), eq(table.process.slug, processSlug))
		)
		.get()!;
	const phases = db
		.select()
		.from(table.phase)
		.where(eq(table.phase.processId, process.id))
		.orderBy(asc(table.phase.position))
		.all();
	const bodies = db
		.select()
		.from(table.body)
		.where(eq(table.body.processId, process.id))
		.orderBy(asc(table.body.id))
		.all()
		.map((body) => ({ ...body, plan: getSeatPlan(db, body) }));
	return { organisation, process, phases, bodies };
}

describe('process templates', () => {
	it('offer every template with what it creates on the new-process page', async () => {
		const owner = await signedIn(people.owner);
		const page = await owner.get('/o/landkreis-rems-murr/processes/new');
		expect(page.status).toBe(200);
		for (const label of [
			'Stadt Landau',
			'Landkreis Lörrach / Führungsakademie',
			'Rems-Murr-Kreis',
			'Landkreis Konstanz',
			'Landkreis Wittmund',
			'Beschluss im Kreistag',
			'Prozesssteuerungsgruppe: 19 Sitze'
		]) {
			expect(page.body).toContain(label);
		}
	});

	it('create the phases and bodies each paper names, the council as the organisation calls it', async () => {
		const cases: [string, ProcessTemplate, 'landkreis' | 'stadt'][] = [
			[people.owner, 'landau', 'landkreis'],
			[people.owner, 'fuehrungsakademie', 'landkreis'],
			[people.owner, 'rems_murr', 'landkreis'],
			[people.owner, 'konstanz', 'landkreis'],
			[people.owner, 'wittmund', 'landkreis'],
			[people.owner, 'empty', 'landkreis'],
			[people.cityOwner, 'landau', 'stadt']
		];
		for (const [email, template, kind] of cases) {
			const owner = await signedIn(email);
			const org = kind === 'stadt' ? 'stadt-landau' : 'landkreis-rems-murr';
			const reply = await owner.post(`/o/${org}/processes/new`, {
				title: `Vorlage ${template}`,
				description: '',
				template,
				startsOn: '2027-03-01'
			});
			expect(reply.status, template).toBe(303);
			const slug = reply.location!.split('/').at(-1)!;
			const { phases, bodies } = processBySlug(org, slug);
			expect(phases.map((p) => [p.title, p.startsOn, p.endsOn])).toEqual(
				layOutPhases(template, '2027-03-01', kind).map((p) => [p.title, p.startsOn, p.endsOn])
			);
			const expected = templateBodies(template, kind);
			expect(bodies.map((b) => [b.kind, b.name, b.maxMembers, b.isPublic])).toEqual(
				expected.map((b) => [b.kind, b.name, b.maxMembers, b.isPublic])
			);
			for (const [i, body] of bodies.entries()) {
				const seats = Object.fromEntries(body.plan.seats.map((s) => [s.category, s.seats]));
				expect(seats, body.name).toEqual(expected[i]!.seats);
			}
			const council = kind === 'stadt' ? 'Stadtrat' : 'Kreistag';
			if (template !== 'empty') {
				expect(bodies.filter((b) => b.kind === 'council').map((b) => b.name)).toEqual([council]);
				expect(phases.some((p) => p.title === `Beschluss im ${council}`)).toBe(true);
			}
		}
		const landau = processBySlug('stadt-landau', 'vorlage-landau');
		expect(landau.phases.at(-1)!.title).toBe('Beschluss im Stadtrat');
		expect(landau.bodies.find((b) => b.kind === 'steering_group')!.plan).toEqual({
			maxMembers: 19,
			seats: [
				{ category: 'politics', seats: 6, parentCategory: null },
				{ category: 'administration', seats: 6, parentCategory: null },
				{ category: 'civil_society', seats: 7, parentCategory: null }
			]
		});
		const lörrach = processBySlug('landkreis-rems-murr', 'vorlage-fuehrungsakademie');
		expect(lörrach.phases[0]!.title).toBe('Bedarfsanalyse vor Ort');
		expect(lörrach.bodies.find((b) => b.maxMembers === 20)?.name).toBe(
			'Netzwerk der geförderten Kommunen'
		);
	});

	it('refuse an unknown template and hostile input, creating nothing', async () => {
		const owner = await signedIn(people.owner);
		const before = processBySlug('landkreis-rems-murr', 'integrationsplan-2-0');
		for (const template of ['evil', '', 'landau; DROP TABLE body', '__proto__']) {
			const reply = await owner.post('/o/landkreis-rems-murr/processes/new', {
				title: 'Böse',
				template,
				startsOn: '2027-01-01'
			});
			expect(reply.status, template).toBe(400);
		}
		const moderator = await signedIn(people.moderator);
		const refused = await moderator.post('/o/landkreis-rems-murr/processes/new', {
			title: 'Nicht erlaubt',
			template: 'landau',
			startsOn: '2027-01-01'
		});
		expect(refused.status).toBe(403);
		const db = server.db();
		expect(db.select().from(table.process).where(eq(table.process.title, 'Böse')).all()).toEqual(
			[]
		);
		expect(before.bodies.length).toBeGreaterThan(0);
	});
});

describe('seat plans', () => {
	const seatsPath = () => `${county}/bodies/${ids.steering}`;
	const landauPlan = {
		maxMembers: '19',
		seats_politics: '6',
		seats_administration: '6',
		seats_civil_society: '7',
		seats_migrant_organisation: '2',
		parent_migrant_organisation: 'civil_society',
		seats_welfare: '2',
		parent_welfare: 'civil_society',
		seats_religious_community: '1',
		parent_religious_community: 'civil_society'
	};

	function storedPlan() {
		const db = server.db();
		const body = db.select().from(table.body).where(eq(table.body.id, ids.steering)).get()!;
		return getSeatPlan(db, body);
	}

	it('nest sub-groups under civil society and show the sums', async () => {
		const owner = await signedIn(people.owner);
		const saved = await owner.post(`${seatsPath()}?/seats`, landauPlan);
		expect(saved.status, saved.body).toBe(200);
		expect(storedPlan().seats).toEqual([
			{ category: 'politics', seats: 6, parentCategory: null },
			{ category: 'administration', seats: 6, parentCategory: null },
			{ category: 'civil_society', seats: 7, parentCategory: null },
			{ category: 'migrant_organisation', seats: 2, parentCategory: 'civil_society' },
			{ category: 'welfare', seats: 2, parentCategory: 'civil_society' },
			{ category: 'religious_community', seats: 1, parentCategory: 'civil_society' }
		]);
		const db = server.db();
		addMember(db, ids.steering, {
			name: 'Caritas-Zentrum',
			affiliation: 'Caritas-Zentrum',
			function: 'member',
			category: 'welfare',
			userId: null
		});
		const page = await owner.get(seatsPath());
		expect(page.body).toContain('5 davon in Untergruppen');
		expect(page.body).toContain('davon Kirchen und Religionsgemeinschaften');
		// 19 planned of at most 19: sub-groups do not count twice.
		expect(page.body).toContain('<td>19 / 19</td>');
	});

	it('refuse a plan whose sub-groups exceed their parent, and other broken nestings', async () => {
		const owner = await signedIn(people.owner);
		await owner.post(`${seatsPath()}?/seats`, landauPlan);
		const refusals: [Record<string, string>, string][] = [
			[
				{ ...landauPlan, seats_welfare: '5' },
				'Zivilgesellschaft: Die Untergruppen haben zusammen 8 Sitze, die Gruppe hat nur 7.'
			],
			[
				{ ...landauPlan, parent_welfare: 'business' },
				'Wohlfahrtsverbände kann nicht zu Wirtschaft gehören'
			],
			[
				{ ...landauPlan, parent_welfare: 'welfare' },
				'Wohlfahrtsverbände kann nicht Teil von sich selbst sein.'
			],
			[
				{ ...landauPlan, seats_volunteers: '1', parent_volunteers: 'welfare' },
				'Wohlfahrtsverbände ist selbst eine Untergruppe'
			],
			[{ ...landauPlan, maxMembers: '15' }, 'vorgesehen sind höchstens 15 Mitglieder']
		];
		for (const [fields, message] of refusals) {
			const reply = await owner.post(`${seatsPath()}?/seats`, fields);
			expect(reply.status, message).toBe(400);
			expect(reply.body).toContain(message);
			expect(storedPlan().seats).toHaveLength(6);
		}
	});

	it('answer hostile seat input with a clear error, never a crash', async () => {
		const owner = await signedIn(people.owner);
		for (const fields of [
			{ seats_politics: '-1' },
			{ seats_politics: '1e9' },
			{ seats_politics: '<script>' },
			{ parent_welfare: 'admin' },
			{ parent_welfare: '__proto__' },
			{ maxMembers: 'NaN' }
		]) {
			const reply = await owner.post(`${seatsPath()}?/seats`, { ...landauPlan, ...fields });
			expect(reply.status, JSON.stringify(fields)).toBe(400);
			expect(reply.body).not.toContain('<script>');
		}
		const twice = await owner.post(`${seatsPath()}?/seats`, {
			...landauPlan,
			parent_welfare: ['civil_society', 'politics']
		} as Record<string, string | string[]>);
		expect(twice.status).toBeLessThan(500);
	});

	it('keep a deputy and a contact per seat', async () => {
		const owner = await signedIn(people.owner);
		const added = await owner.post(`${seatsPath()}?/addMember`, {
			name: 'Jugendamt',
			affiliation: 'Jugendamt',
			function: 'member',
			category: 'administration',
			userId: '',
			deputy: 'Jugendhilfeplanung',
			contact: 'jugendamt@kreis.example'
		});
		expect(added.status, added.body).toBe(200);
		const page = await owner.get(seatsPath());
		expect(page.body).toContain('Stellvertretung: Jugendhilfeplanung');
		expect(page.body).toContain('Kontakt: jugendamt@kreis.example');
		const db = server.db();
		expect(listMembers(db, ids.steering).find((m) => m.name === 'Jugendamt')).toMatchObject({
			deputy: 'Jugendhilfeplanung',
			contact: 'jugendamt@kreis.example'
		});
		const tooLong = await owner.post(`${seatsPath()}?/addMember`, {
			name: 'Hauptamt',
			function: 'member',
			contact: 'x'.repeat(201)
		});
		expect(tooLong.status).toBe(400);
	});
});

describe('a Fachkonferenz or Arbeitsgruppe in one step', () => {
	const meeting = {
		kind: 'expert_conference',
		name: '',
		place: 'Landratsamt, Saal 1',
		startsAt: '2027-04-01T17:00',
		endsAt: '2027-04-01T20:00',
		phaseId: '',
		isPublic: 'on'
	};

	function bodiesNamed(name: string) {
		const db = server.db();
		return db.select().from(table.body).where(eq(table.body.name, name)).all();
	}

	it('creates the body for the field of action and its first meeting, without JavaScript', async () => {
		const owner = await signedIn(people.owner);
		const page = await owner.get(county);
		expect(page.body).toContain('Fachkonferenz oder Arbeitsgruppe anlegen');
		const reply = await owner.post(`${county}?/createFieldBody`, {
			...meeting,
			fieldOfActionId: String(ids.field)
		});
		expect(reply.status, reply.body).toBe(303);
		expect(reply.location).toMatch(new RegExp(`^${county}/events/\\d+$`));
		const [body] = bodiesNamed('Fachkonferenz Sprache und Bildung');
		expect(body).toMatchObject({
			kind: 'expert_conference',
			fieldOfActionId: ids.field,
			isPublic: true
		});
		const db = server.db();
		const events = db.select().from(table.event).where(eq(table.event.bodyId, body!.id)).all();
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			title: 'Fachkonferenz Sprache und Bildung',
			place: 'Landratsamt, Saal 1',
			startsAt: '2027-04-01T17:00',
			status: 'planned'
		});
		expect(reply.location).toBe(`${county}/events/${events[0]!.id}`);
		expect((await owner.get(reply.location!)).status).toBe(200);

		const group = await owner.post(`${county}?/createFieldBody`, {
			...meeting,
			kind: 'working_group',
			name: 'AG Sprachförderung',
			isPublic: '' as string,
			fieldOfActionId: String(ids.field)
		});
		expect(group.status).toBe(303);
		expect(bodiesNamed('AG Sprachförderung')[0]).toMatchObject({
			kind: 'working_group',
			isPublic: false
		});
	});

	it('refuses another organisation’s field or phase, and broken input, creating nothing', async () => {
		const owner = await signedIn(people.owner);
		const foreignField = await owner.post(`${county}?/createFieldBody`, {
			...meeting,
			name: 'Fremd 1',
			fieldOfActionId: String(ids.strangerField)
		});
		expect(foreignField.status).toBe(404);
		const foreignPhase = await owner.post(`${county}?/createFieldBody`, {
			...meeting,
			name: 'Fremd 2',
			fieldOfActionId: String(ids.field),
			phaseId: String(ids.strangerPhase)
		});
		expect(foreignPhase.status).toBe(404);
		for (const fields of [
			{ kind: 'council' },
			{ kind: 'steering_group' },
			{ fieldOfActionId: '' },
			{ fieldOfActionId: '-3' },
			{ fieldOfActionId: 'abc' },
			{ endsAt: '2027-04-01T16:00' },
			{ startsAt: '2027-02-30T10:00' },
			{ name: 'x'.repeat(161) }
		]) {
			const reply = await owner.post(`${county}?/createFieldBody`, {
				...meeting,
				fieldOfActionId: String(ids.field),
				name: 'Kaputt',
				...fields
			});
			expect(reply.status, JSON.stringify(fields)).toBe(400);
		}
		expect(bodiesNamed('Fremd 1')).toEqual([]);
		expect(bodiesNamed('Fremd 2')).toEqual([]);
		expect(bodiesNamed('Kaputt')).toEqual([]);
	});

	it('is for process owners: a moderator is refused, another organisation sees nothing', async () => {
		const moderator = await signedIn(people.moderator);
		const refused = await moderator.post(`${county}?/createFieldBody`, {
			...meeting,
			name: 'Moderiert',
			fieldOfActionId: String(ids.field)
		});
		expect(refused.status).toBe(403);
		const stranger = await signedIn(people.stranger);
		const hidden = await stranger.post(`${county}?/createFieldBody`, {
			...meeting,
			name: 'Fremd 3',
			fieldOfActionId: String(ids.strangerField)
		});
		expect(hidden.status).toBe(404);
		expect(bodiesNamed('Moderiert')).toEqual([]);
		expect(bodiesNamed('Fremd 3')).toEqual([]);
	});
});
