import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, createTestEvent, createTestOrganisation } from '../../../../tests/factories';
import { createBody } from '../bodies/bodies';
import type { Db } from '../db';
import * as table from '../db/schema';
import { addField, addGuideline, listGuidelines } from '../process/fields';
import { createRevision } from '../process/processes';
import { listCataloguePage, readCatalogueQuery } from './catalogue';
import { measureChoices } from './choices';
import {
	createMeasure,
	findMeasure,
	listCatalogue,
	listsOfMeasure,
	refersElsewhere,
	removeMeasure,
	revisionLinks,
	updateMeasure,
	type MeasureInput
} from './measures';
import { moneySums } from './money';
import { createProject, deleteProject, listProjects, updateProject } from './projects';
import { conceptSnapshot } from './versions';

let db: Db;
let organisationId: number;
let process: table.Process;
let language: number;
let work: number;
let housing: number;

const input = (fieldOfActionId: number, title: string, more: Partial<MeasureInput> = {}) =>
	({
		fieldOfActionId,
		goalId: null,
		title,
		description: '',
		lead: '',
		timeframe: 'short',
		costEstimate: '',
		funding: 'own_budget',
		priority: 'high',
		status: 'proposed',
		...more
	}) satisfies MeasureInput;

const measure = (fieldOfActionId: number, title: string, more: Partial<MeasureInput> = {}) =>
	createMeasure(db, process.id, input(fieldOfActionId, title, more))!;

function page(search: string) {
	const query = readCatalogueQuery(db, process.id, new URLSearchParams(search));
	return listCataloguePage(db, process.id, query).measures;
}

/** Another process of another organisation, with a field, a guideline and a project. */
function elsewhere() {
	const other = createTestEvent(db, createTestOrganisation(db, 'Stadt Landau').id).process;
	addField(db, other.id, { code: '1', title: 'Sprache', description: '' });
	addGuideline(db, other.id, { title: 'Beteiligung', description: '' });
	const project = createProject(db, other.id, { title: 'Fremd', description: '', lead: '' }, []);
	if (!project.ok) throw new Error('refused');
	return {
		field: listCatalogue(db, other.id)[0]!.field.id,
		guideline: listGuidelines(db, other.id)[0]!.id,
		project: project.project.id
	};
}

beforeEach(() => {
	db = createTestDb();
	organisationId = createTestOrganisation(db, 'Rems-Murr-Kreis').id;
	process = createTestEvent(db, organisationId).process;
	addField(db, process.id, { code: '1', title: 'Sprache und Bildung', description: '' });
	addField(db, process.id, { code: '2', title: 'Arbeitsmarkt', description: '' });
	addField(db, process.id, { code: '3', title: 'Wohnen', description: '' });
	[language, work, housing] = listCatalogue(db, process.id).map((c) => c.field.id) as [
		number,
		number,
		number
	];
});

describe('a measure serving several fields', () => {
	it('is numbered and counted in its main field, found and referenced in the others', () => {
		const cafe = measure(language, 'Sprachcafé', {
			furtherFieldIds: [housing, language],
			costCents: 100_000,
			plannedYear: 2026
		});
		measure(housing, 'Wohnungslotsen');
		// The main field is never a further field of its own measure.
		expect(listsOfMeasure(db, cafe.id).furtherFieldIds).toEqual([housing]);
		expect(page(`field=${housing}`).map((row) => [row.number, row.title, row.alsoIn])).toEqual([
			['1.1', 'Sprachcafé', '3'],
			['3.1', 'Wohnungslotsen', null]
		]);
		expect(page(`field=${language}`).map((row) => row.alsoIn)).toEqual([null]);

		const snapshot = conceptSnapshot(db, process, 'Rems-Murr-Kreis', '');
		const [first, , third] = snapshot.fields;
		expect(first!.measures[0]).toMatchObject({ alsoServes: ['3 Wohnen'] });
		expect(third!.measures.map((m) => m.title)).toEqual(['Wohnungslotsen']);
		expect(third!.references).toEqual([{ number: '1.1', title: 'Sprachcafé' }]);
		// The money counts once, in the main field.
		expect(moneySums(snapshot, 'Alle').total.total.cents).toBe(100_000);

		// Moving the measure into a field it served drops that field from the further ones.
		updateMeasure(db, process.id, cafe.id, input(housing, 'Sprachcafé'));
		expect(listsOfMeasure(db, cafe.id).furtherFieldIds).toEqual([]);
	});

	it('refuses fields, guidelines and projects of another process as not found', () => {
		const foreign = elsewhere();
		for (const more of [
			{ furtherFieldIds: [foreign.field] },
			{ guidelineIds: [foreign.guideline] },
			{ projectId: foreign.project }
		]) {
			expect(refersElsewhere(db, process.id, input(language, 'X', more))).toBe(true);
			expect(createMeasure(db, process.id, input(language, 'X', more))).toBeUndefined();
		}
		expect(listCatalogue(db, process.id).flatMap((c) => c.measures)).toEqual([]);
	});
});

describe('guidelines of a measure', () => {
	it('are stored in their order, filtered by and printed in the concept', () => {
		addGuideline(db, process.id, { title: 'Information und Kommunikation', description: '' });
		addGuideline(db, process.id, { title: 'Ehrenamt', description: '' });
		const [information, volunteering] = listGuidelines(db, process.id).map((g) => g.id) as [
			number,
			number
		];
		const guides = measure(language, 'Sprachhelfer', {
			guidelineIds: [volunteering, information]
		});
		measure(language, 'Kursübersicht', { guidelineIds: [information] });
		expect(listsOfMeasure(db, guides.id).guidelineIds).toEqual([information, volunteering]);
		expect(page(`guideline=${volunteering}`).map((row) => row.title)).toEqual(['Sprachhelfer']);
		expect(page(`guideline=${information}`)).toHaveLength(2);
		const snapshot = conceptSnapshot(db, process, 'Rems-Murr-Kreis', '');
		expect(snapshot.fields[0]!.measures[0]!.guidelines).toEqual([
			'Information und Kommunikation',
			'Ehrenamt'
		]);
	});
});

describe('projects', () => {
	it('bundle measures by number, at most one project each, and sum their money', () => {
		const [a, b, c] = [
			measure(language, 'Bildungsstand erfassen', { ownNumber: 'IP 1.1', costCents: 50_000 }),
			measure(language, 'Vermittlung', {
				ownNumber: 'IP 1.2',
				costCents: 20_000,
				budgetReservation: true
			}),
			measure(work, 'Standardprozess', { ownNumber: 'IP 2.5' })
		];
		const office = createProject(
			db,
			process.id,
			{ title: 'Koordinierungsstelle', description: '', lead: 'Amt für Schulen' },
			['ip 1.1', 'IP 1.2']
		);
		expect(office.ok).toBe(true);
		if (!office.ok) return;
		expect(
			createProject(db, process.id, { title: 'AG', description: '', lead: '' }, ['IP 9.9'])
		).toEqual({ ok: false, reason: 'unknown_numbers', numbers: ['IP 9.9'] });

		const [listed] = listProjects(db, process.id);
		expect(listed).toMatchObject({
			title: 'Koordinierungsstelle',
			measures: [
				{ id: a.id, number: 'IP 1.1' },
				{ id: b.id, number: 'IP 1.2' }
			],
			money: { cents: 70_000, reservedCents: 20_000 }
		});
		expect(page(`project=${office.project.id}`).map((row) => row.id)).toEqual([a.id, b.id]);

		// A measure named by another project moves there.
		const group = createProject(db, process.id, { title: 'AG Arbeit', description: '', lead: '' }, [
			'IP 2.5',
			'IP 1.2'
		]);
		if (!group.ok) throw new Error('refused');
		expect(findMeasure(db, process.id, b.id)!.projectId).toBe(group.project.id);
		updateProject(db, process.id, group.project.id, group.project, ['IP 2.5']);
		expect(findMeasure(db, process.id, b.id)!.projectId).toBeNull();
		expect(
			conceptSnapshot(db, process, 'Rems-Murr-Kreis', '').projects?.map((p) => p.measures)
		).toEqual([['IP 2.5'], ['IP 1.1']]);

		// Deleting a project keeps its measures.
		expect(deleteProject(db, process.id, office.project.id)).toBe(true);
		expect(findMeasure(db, process.id, a.id)).toMatchObject({ title: a.title, projectId: null });
		expect(findMeasure(db, process.id, c.id)!.projectId).toBe(group.project.id);
		expect(deleteProject(db, process.id, elsewhere().project)).toBe(false);
		expect(updateProject(db, process.id, elsewhere().project, group.project, [])).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});
});

describe('a Fortschreibung', () => {
	it('links each copied measure to its original, both ways, and keeps its relations', () => {
		addGuideline(db, process.id, { title: 'Beteiligung', description: '' });
		const guideline = listGuidelines(db, process.id)[0]!.id;
		const office = createBody(db, process.id, {
			kind: 'working_group',
			name: 'AG Sprache',
			description: '',
			fieldOfActionId: null,
			isPublic: false
		});
		const original = measure(language, 'Sprachcafé', {
			furtherFieldIds: [housing],
			guidelineIds: [guideline],
			leadBodyId: office.id,
			parties: { addressees: ['gefluechtete'], partners: ['VHS'] }
		});
		const revision = createRevision(db, process, {
			title: 'Integrationsplan 2.0',
			description: '',
			template: 'empty',
			startsOn: '2027-01-01'
		});
		const copy = listCatalogue(db, revision.id)[0]!.measures[0]!;
		expect(copy.originMeasureId).toBe(original.id);
		const lists = listsOfMeasure(db, copy.id);
		const newFields = listCatalogue(db, revision.id).map((c) => c.field.id);
		expect(lists.furtherFieldIds).toEqual([newFields[2]]);
		expect(lists.guidelineIds).toEqual([listGuidelines(db, revision.id)[0]!.id]);
		expect(lists.addressees).toEqual(['gefluechtete']);
		expect(measureChoices(db, revision.id).bodies.map((b) => b.id)).toContain(copy.leadBodyId);

		expect(revisionLinks(db, organisationId, copy).origin).toMatchObject({
			id: original.id,
			number: '1.1',
			processSlug: process.slug
		});
		expect(revisionLinks(db, organisationId, original).continuations).toMatchObject([
			{ id: copy.id, processSlug: revision.slug }
		]);
		// Another organisation sees no link.
		expect(revisionLinks(db, organisationId + 999, copy).origin).toBeNull();

		expect(removeMeasure(db, process.id, original.id)).toBe('deleted');
		expect(findMeasure(db, revision.id, copy.id)!.originMeasureId).toBeNull();
	});
});

describe('addressees', () => {
	it('filter the catalogue, and the search finds addressees and partners as they change', () => {
		const cafe = measure(language, 'Sprachcafé', {
			parties: { addressees: ['gefluechtete', 'Mütter mit Kleinkindern'], partners: [] }
		});
		measure(work, 'Jobmesse', { parties: { addressees: ['unternehmen'], partners: ['Caritas'] } });
		const filter = readCatalogueQuery(db, process.id, new URLSearchParams()).filters.find(
			(f) => f.key === 'addressee'
		)!;
		expect(filter.options.map((o) => o.value).sort()).toEqual([
			'Mütter mit Kleinkindern',
			'gefluechtete',
			'unternehmen'
		]);
		expect(page('addressee=gefluechtete').map((row) => row.title)).toEqual(['Sprachcafé']);
		expect(page('q=Muetter').map((row) => row.title)).toEqual(['Sprachcafé']);
		expect(page('q=caritas').map((row) => row.title)).toEqual(['Jobmesse']);
		expect(page('q=Geflüchtete').map((row) => row.title)).toEqual(['Sprachcafé']);

		updateMeasure(
			db,
			process.id,
			cafe.id,
			input(language, 'Sprachcafé', { parties: { addressees: [], partners: ['Caritas'] } })
		);
		expect(page('q=Muetter')).toEqual([]);
		expect(page('q=caritas').map((row) => row.title)).toEqual(['Sprachcafé', 'Jobmesse']);
		db.update(table.measureParty)
			.set({ label: 'Diakonie' })
			.where(eq(table.measureParty.measureId, cafe.id))
			.run();
		expect(page('q=diakonie').map((row) => row.title)).toEqual(['Sprachcafé']);
	});
});

describe('an archived lead body', () => {
	it('stays offered to the measure it leads, and a save keeps it', () => {
		const group = createBody(db, process.id, {
			kind: 'working_group',
			name: 'AG Wohnen',
			description: '',
			fieldOfActionId: null,
			isPublic: false
		});
		const led = measure(housing, 'Wohnungslotsen', { leadBodyId: group.id });
		db.update(table.body).set({ archivedAt: new Date() }).where(eq(table.body.id, group.id)).run();
		expect(measureChoices(db, process.id).bodies).toEqual([]);
		expect(measureChoices(db, process.id, led.leadBodyId).bodies).toEqual([
			{ id: group.id, name: 'AG Wohnen', archived: true }
		]);
		updateMeasure(
			db,
			process.id,
			led.id,
			input(housing, 'Wohnungslotsen', { leadBodyId: group.id })
		);
		expect(findMeasure(db, process.id, led.id)!.leadBodyId).toBe(group.id);
	});
});
