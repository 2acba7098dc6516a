import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDb, createTestOrganisation } from '../../../../tests/factories';
import {
	addMember,
	createBody,
	findBody,
	getSeatPlan,
	listBodies,
	listMembers,
	setSeatPlan
} from '../bodies/bodies';
import { createMeasure } from '../concept/measures';
import * as table from '../db/schema';
import { createEvent, findEvent } from '../events/events';
import { addField, addGuideline, listFields, listGuidelines } from './fields';
import { addPhase, listPhases } from './phases';
import { createProcess, createRevision, findProcess, listPublicProcesses } from './processes';

function landauProcess() {
	const db = createTestDb();
	const org = createTestOrganisation(db, 'Stadt Landau');
	const process = createProcess(db, {
		organisationId: org.id,
		title: 'Integrationskonzept 2.0',
		description: 'Fortschreibung',
		template: 'landau',
		startsOn: '2017-06-01'
	});
	return { db, org, process };
}

describe('processes', () => {
	it('are created from the Landau template with its eight phases', () => {
		const { db, process } = landauProcess();
		const phases = listPhases(db, process.id);
		expect(phases).toHaveLength(8);
		expect(phases[6]).toMatchObject({ title: 'Integrationskonferenz', startsOn: '2018-01-01' });
		expect(process).toMatchObject({
			slug: 'integrationskonzept-2-0',
			status: 'preparation',
			isPublic: false
		});
	});

	it('are created with the bodies their template names, the council named as the organisation calls it', () => {
		const { db, process } = landauProcess();
		const bodies = listBodies(db, process.id);
		expect(bodies.map((b) => `${b.kind} ${b.name}`).sort()).toEqual([
			'advisory_council Beirat für Migration und Integration',
			'committee Hauptausschuss',
			'committee Sozialausschuss',
			'council Kreistag',
			'executive_board Verwaltungsvorstand',
			'integration_conference Integrationskonferenz',
			'steering_group Prozesssteuerungsgruppe'
		]);
		const steering = bodies.find((b) => b.kind === 'steering_group')!;
		expect(getSeatPlan(db, findBody(db, process.id, steering.id)!)).toEqual({
			maxMembers: 19,
			seats: [
				{ category: 'politics', seats: 6, parentCategory: null },
				{ category: 'administration', seats: 6, parentCategory: null },
				{ category: 'civil_society', seats: 7, parentCategory: null }
			]
		});
		expect(listPhases(db, process.id).at(-1)!.title).toBe('Beschluss im Kreistag');
	});

	it('are only found through their own organisation', () => {
		const { db, org, process } = landauProcess();
		const other = createTestOrganisation(db, 'Landkreis Wittmund');
		expect(findProcess(db, org.id, process.slug)?.id).toBe(process.id);
		expect(findProcess(db, other.id, process.slug)).toBeUndefined();
	});

	it('keep bodies and events inside their process', () => {
		const { db, org, process } = landauProcess();
		const foreign = createProcess(db, {
			organisationId: createTestOrganisation(db, 'Rems-Murr-Kreis').id,
			title: 'Integrationsplan',
			description: '',
			template: 'empty',
			startsOn: '2016-10-01'
		});
		const body = createBody(db, process.id, {
			kind: 'steering_group',
			name: 'Prozesssteuerungsgruppe',
			description: '',
			fieldOfActionId: null,
			isPublic: false
		});
		expect(findBody(db, foreign.id, body.id)).toBeUndefined();
		const event = createEvent(db, foreign.id, {
			title: 'Versuch',
			description: '',
			place: '',
			startsAt: '2026-01-01T10:00',
			endsAt: '2026-01-01T11:00',
			isPublic: true,
			status: 'planned',
			bodyId: body.id,
			phaseId: listPhases(db, process.id)[0]!.id
		});
		expect(event).toMatchObject({ bodyId: null, phaseId: null });
		expect(findEvent(db, process.id, event.id)).toBeUndefined();
		expect(org.id).not.toBe(foreign.organisationId);
	});

	it('can be revised, carrying fields, guidelines and bodies over', () => {
		const { db, process } = landauProcess();
		addField(db, process.id, { code: '1', title: 'Sprache und Bildung', description: '' });
		addField(db, process.id, { code: '2', title: 'Arbeitsmarkt', description: '' });
		addGuideline(db, process.id, { title: 'Beteiligung', description: 'Betroffene einbinden' });
		const labour = listFields(db, process.id)[1]!;
		const group = createBody(db, process.id, {
			kind: 'working_group',
			name: 'AG Arbeitsmarkt',
			description: '',
			fieldOfActionId: labour.id,
			isPublic: true
		});
		setSeatPlan(db, group.id, { maxMembers: 12, seats: { business: 4, administration: 4 } });
		addMember(db, group.id, {
			name: 'Agentur für Arbeit',
			affiliation: 'Agentur für Arbeit',
			function: 'chair',
			category: 'administration',
			userId: null
		});

		const revision = createRevision(db, process, {
			title: 'Integrationskonzept 3.0',
			description: '',
			template: 'fuehrungsakademie',
			startsOn: '2023-01-01'
		});
		expect(revision.previousProcessId).toBe(process.id);
		expect(listPhases(db, revision.id)).toHaveLength(7);
		const fields = listFields(db, revision.id);
		expect(fields.map((f) => `${f.code} ${f.title}`)).toEqual([
			'1 Sprache und Bildung',
			'2 Arbeitsmarkt'
		]);
		expect(listGuidelines(db, revision.id).map((g) => g.title)).toEqual(['Beteiligung']);
		const revisionBodies = listBodies(db, revision.id);
		const copiedGroup = revisionBodies.find((b) => b.name === 'AG Arbeitsmarkt');
		expect(copiedGroup).toMatchObject({
			name: 'AG Arbeitsmarkt',
			fieldOfActionId: fields[1]!.id,
			members: 1
		});
		expect(getSeatPlan(db, copiedGroup!)).toEqual({
			maxMembers: 12,
			seats: [
				{ category: 'administration', seats: 4, parentCategory: null },
				{ category: 'business', seats: 4, parentCategory: null }
			]
		});
		// The Führungsakademie's bodies join the copied Landau ones; none is made twice.
		const names = revisionBodies.map((b) => `${b.kind} ${b.name}`);
		expect(names).toContain('advisory_group Begleitgruppe');
		expect(names).toContain('steering_group Prozesssteuerungsgruppe');
		expect(names.filter((n) => n === 'committee Sozialausschuss')).toHaveLength(1);
		expect(names.filter((n) => n === 'council Kreistag')).toHaveLength(1);
		expect(listMembers(db, copiedGroup!.id)[0]).toMatchObject({
			name: 'Agentur für Arbeit',
			function: 'chair'
		});
		expect(listBodies(db, process.id).find((b) => b.name === 'AG Arbeitsmarkt')!.id).toBe(group.id);
	});

	it('leaves what was archived behind', () => {
		const { db, process } = landauProcess();
		addField(db, process.id, { code: '1', title: 'Sprache und Bildung', description: '' });
		const field = listFields(db, process.id)[0]!;
		const body = (name: string) =>
			createBody(db, process.id, {
				kind: 'working_group',
				name,
				description: '',
				fieldOfActionId: null,
				isPublic: true
			});
		const measure = (title: string) =>
			createMeasure(db, process.id, {
				fieldOfActionId: field.id,
				goalId: null,
				title,
				description: '',
				lead: '',
				timeframe: 'short',
				costEstimate: '',
				funding: 'open',
				priority: 'medium',
				status: 'adopted'
			})!;
		body('AG Sprache');
		const disbanded = body('AG Kita');
		measure('Sprachkurse');
		const abandoned = measure('Sprach-Café');
		for (const [name, id] of [
			['body', disbanded.id],
			['measure', abandoned.id]
		] as const) {
			db.update(table[name]).set({ archivedAt: new Date() }).where(eq(table[name].id, id)).run();
		}

		const revision = createRevision(db, process, {
			title: 'Integrationskonzept 3.0',
			description: '',
			template: 'empty',
			startsOn: '2027-01-01'
		});
		expect(
			listBodies(db, revision.id)
				.filter((b) => b.kind === 'working_group')
				.map((b) => b.name)
		).toEqual(['AG Sprache']);
		expect(listBodies(db, revision.id, { archived: true })).toEqual([]);
		const copies = db
			.select()
			.from(table.measure)
			.where(eq(table.measure.processId, revision.id))
			.all();
		expect(copies.map((m) => [m.title, m.archivedAt])).toEqual([['Sprachkurse', null]]);
	});
});

describe('fields of action', () => {
	it('refuse a code already used in the process', () => {
		const { db, process } = landauProcess();
		expect(addField(db, process.id, { code: '1', title: 'Wohnen', description: '' })).toEqual({
			ok: true
		});
		expect(addField(db, process.id, { code: '1', title: 'Freizeit', description: '' })).toEqual({
			ok: false,
			reason: 'code_taken'
		});
	});
});

describe('the start page', () => {
	it('lists the public processes of every organisation with the phase they are in', () => {
		const { db, process } = landauProcess();
		const other = createTestOrganisation(db, 'Landkreis Wittmund');
		const hidden = createProcess(db, {
			organisationId: other.id,
			title: 'Entwurf',
			description: '',
			template: 'empty',
			startsOn: '2026-01-01'
		});
		const shown = createProcess(db, {
			organisationId: other.id,
			title: 'Integrationskonzept Wittmund',
			description: '',
			template: 'empty',
			startsOn: '2026-02-01'
		});
		for (const id of [process.id, shown.id]) {
			db.update(table.process).set({ isPublic: true }).where(eq(table.process.id, id)).run();
		}
		addPhase(db, shown.id, {
			title: 'Bestandsaufnahme',
			description: '',
			startsOn: '2026-01-01',
			endsOn: '2026-12-31',
			statusOverride: 'automatic'
		});
		const listed = listPublicProcesses(db, '2026-06-01');
		expect(
			listed.map((row) => [row.organisationName, row.process.title, row.currentPhase])
		).toEqual([
			['Landkreis Wittmund', 'Integrationskonzept Wittmund', 'Bestandsaufnahme'],
			['Stadt Landau', 'Integrationskonzept 2.0', null]
		]);
		expect(listed.some((row) => row.process.id === hidden.id)).toBe(false);
	});
});
