import { describe, expect, it } from 'vitest';
import {
	councilStep,
	createTestDb,
	createTestEvent,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import { countStatements } from '../../../../tests/query-count';
import { seedVotedWorkshop } from '../../../../tests/workshop-factory';
import type { Db } from '../db';
import { createBody } from '../bodies/bodies';
import { adoptResult } from '../concept/adopt';
import { listCataloguePage, readCatalogueQuery } from '../concept/catalogue';
import { addGoal, type MeasureInput } from '../concept/measures';
import { createProject, listProjects } from '../concept/projects';
import { conceptSnapshot, participation, saveVersion } from '../concept/versions';
import { addStep } from '../council/steps';
import { createEvent } from '../events/events';
import { catalogueCsv, catalogueXlsx } from '../export/catalogue-csv';
import { addField, addGuideline, listFields, listGuidelines } from '../process/fields';
import { setCommentPeriod } from '../public/comments';
import { publicProcessPage } from '../public/page';
import { reviewResults } from '../review/dashboard';
import { participationByGroup } from '../review/participation';
import { addIndicator, recordIndicatorValue } from './indicators';
import { recordUpdate, statusReport, yearlyPlan } from './monitoring';

/** Adds `count` measures to each field, each adopted from a workshop result, with two entries. */
function addMeasures(
	db: Db,
	processId: number,
	adopter: number,
	result: { activityId: number; ideaId: number },
	count: number
) {
	for (const field of listFields(db, processId)) {
		for (let n = 0; n < count; n++) {
			const create: MeasureInput = {
				fieldOfActionId: field.id,
				goalId: null,
				title: `Maßnahme ${field.code}.${n}`,
				description: '',
				lead: 'Landratsamt',
				timeframe: 'medium',
				costEstimate: '',
				funding: 'open',
				priority: 'medium',
				status: 'adopted',
				plannedYear: 2026 + (n % 2)
			};
			const measure = adoptResult(
				db,
				processId,
				adopter,
				{ activityId: result.activityId, target: { kind: 'idea', id: result.ideaId } },
				{ create }
			)!;
			for (const [recordedOn, status] of [
				['2026-02-01', 'in_implementation'],
				['2026-08-01', 'done']
			] as const) {
				const entry = { recordedOn, status, note: 'Sachstand', percentDone: null };
				const by = { name: 'Integrationsbeauftragte' };
				if (!recordUpdate(db, processId, measure.id, entry, by, '2026-12-31').ok) {
					throw new Error('entry not recorded');
				}
			}
		}
	}
}

function addEvent(db: Db, processId: number, title: string) {
	return createEvent(db, processId, {
		title,
		description: '',
		place: '',
		startsAt: '2026-04-01T17:00',
		endsAt: '2026-04-01T20:00',
		isPublic: true,
		status: 'live',
		bodyId: null,
		phaseId: null
	});
}

describe('a fixed number of statements', () => {
	it('for the yearly plan, the status report and the concept, however many measures and events', async () => {
		const db = createTestDb();
		const { process, event } = createTestEvent(db, createTestOrganisation(db).id);
		const adopter = (await createTestUser(db)).id;
		const { activity, ideas } = seedVotedWorkshop(db, event.id, ['politics', 'administration']);
		const result = { activityId: activity.id, ideaId: ideas[0]!.id };
		for (const code of ['1', '2', '3']) {
			addField(db, process.id, { code, title: `Feld ${code}`, description: '' });
		}
		const measure = () => {
			const snapshot = conceptSnapshot(db, process, 'Landkreis', '');
			return {
				plan: countStatements(db, () => yearlyPlan(db, process.id, '2026-12-31')).statements,
				report: countStatements(db, () => statusReport(db, process.id, '2026-01-01', '2026-12-31'))
					.statements,
				concept: countStatements(db, () => conceptSnapshot(db, process, 'Landkreis', ''))
					.statements,
				participation: countStatements(db, () => participation(db, process.id)).statements,
				measures: snapshot.fields.flatMap((f) => f.measures).length,
				events: snapshot.participation.events.length
			};
		};

		addMeasures(db, process.id, adopter, result, 2);
		const few = measure();
		addMeasures(db, process.id, adopter, result, 20);
		for (const title of ['Fachkonferenz Wohnen', 'Fachkonferenz Bildung', 'Zukunftskonferenz']) {
			seedVotedWorkshop(db, addEvent(db, process.id, title).id, ['civil_society']);
		}
		const many = measure();

		expect([few.measures, many.measures]).toEqual([6, 66]);
		expect([few.events, many.events]).toEqual([1, 4]);
		expect(many.plan).toBe(few.plan);
		expect(many.report).toBe(few.report);
		expect(many.concept).toBe(few.concept);
		expect(many.participation).toBe(few.participation);
		// The snapshot still carries each measure's source.
		const snapshot = conceptSnapshot(db, process, 'Landkreis', '');
		expect(snapshot.fields[2]!.measures[21]!.sources).toEqual([
			expect.objectContaining({ label: 'Sprachcafé', voters: 2 })
		]);
	});
});

/**
 * Adds `count` measures over the process's fields, each adopted from a workshop result, with
 * everything a measure can carry: a lead body, lists, money per year, a further field, a
 * guideline, a project, and two entries with the money spent.
 */
function addRichMeasures(
	db: Db,
	processId: number,
	adopter: number,
	result: { activityId: number; ideaId: number },
	links: { leadBodyId: number; projectId: number; guidelineId: number },
	count: number
) {
	const fields = listFields(db, processId);
	for (let n = 0; n < count; n++) {
		const field = fields[n % fields.length]!;
		const further = fields[(n + 1) % fields.length]!;
		const create: MeasureInput = {
			fieldOfActionId: field.id,
			goalId: null,
			title: `Maßnahme ${field.code}.${n} ${Math.random()}`,
			description: 'Beschreibung',
			lead: n % 2 ? 'Caritas' : '',
			leadBodyId: n % 2 ? null : links.leadBodyId,
			timeframe: 'medium',
			costEstimate: '',
			funding: 'application',
			fundingName: 'KOMM-AN',
			budgetReservation: n % 3 === 0,
			costCents: 120_000,
			costKind: 'per_year',
			periodStart: 2026,
			periodEnd: 2027,
			costYears: [{ year: 2026, cents: 150_000 }],
			priority: 'medium',
			status: 'adopted',
			projectId: links.projectId,
			parties: { addressees: ['Geflüchtete', `Gruppe ${n}`], partners: ['Kommunen', 'Jobcenter'] },
			furtherFieldIds: [further.id],
			guidelineIds: [links.guidelineId]
		};
		const measure = adoptResult(
			db,
			processId,
			adopter,
			{ activityId: result.activityId, target: { kind: 'idea', id: result.ideaId } },
			{ create }
		)!;
		for (const [recordedOn, status, spentCents] of [
			['2026-02-01', 'in_implementation', 40_000],
			['2026-08-01', 'done', 90_000]
		] as const) {
			const entry = { recordedOn, status, note: 'Sachstand', percentDone: null, spentCents };
			const by = { name: 'Integrationsbeauftragte' };
			if (!recordUpdate(db, processId, measure.id, entry, by, '2026-12-31').ok) {
				throw new Error('entry not recorded');
			}
		}
	}
}

describe('a fixed number of statements at county scale', () => {
	it('for the exports, the catalogue, the review, the public page, the report and the projects, at 5 and at 50 measures', async () => {
		const db = createTestDb();
		const { process, event } = createTestEvent(db, createTestOrganisation(db).id);
		const adopter = await createTestUser(db);
		const { activity, ideas } = seedVotedWorkshop(db, event.id, ['politics', 'administration']);
		const result = { activityId: activity.id, ideaId: ideas[0]!.id };
		for (const code of ['1', '2', '3']) {
			addField(db, process.id, { code, title: `Feld ${code}`, description: '' });
		}
		for (const field of listFields(db, process.id)) {
			const goal = addGoal(db, process.id, field.id, { title: `Ziel ${field.code}` })!;
			const indicator = addIndicator(db, process.id, goal.id, {
				name: `Indikator ${field.code}`,
				unit: 'Personen',
				baselineValue: 10,
				baselineOn: '2025-01-01',
				targetValue: 60,
				targetOn: '2028-12-31'
			})!;
			for (const [measuredOn, value] of [
				['2026-03-01', 20],
				['2026-09-01', 35]
			] as const) {
				const entry = { measuredOn, value, note: '' };
				recordIndicatorValue(db, process.id, indicator.id, entry, adopter, '2026-12-31');
			}
		}
		addGuideline(db, process.id, { title: 'Teilhabe', description: '' });
		const links = {
			leadBodyId: createBody(db, process.id, {
				kind: 'working_group',
				name: 'AG Wohnen',
				description: '',
				fieldOfActionId: null,
				isPublic: true
			}).id,
			projectId: (() => {
				const created = createProject(
					db,
					process.id,
					{ title: 'Starterprojekt', description: '', lead: '' },
					[]
				);
				if (!created.ok) throw new Error('no project');
				return created.project.id;
			})(),
			guidelineId: listGuidelines(db, process.id)[0]!.id
		};
		setCommentPeriod(db, process.id, { opensOn: '2026-01-01', closesOn: '2099-12-31' });
		const filters = { fieldId: null, eventId: null, phaseId: null };
		const statementsOf = (work: () => unknown) => countStatements(db, work).statements;
		const measure = async () => {
			// The public page shows an adopted version beside the draft.
			const version = saveVersion(
				db,
				process,
				'Landkreis',
				{ introduction: '', note: '' },
				adopter
			);
			addStep(db, process.id, version.id, councilStep(), adopter, '2026-12-31');
			const params = new URLSearchParams('sort=title&per=100');
			const xlsx = countStatements(db, () =>
				catalogueXlsx(db, process.id, '2026-12-31', 'Maßnahmen')
			);
			await xlsx.result;
			return {
				csv: statementsOf(() => catalogueCsv(db, process.id, '2026-12-31')),
				xlsx: xlsx.statements,
				catalogue: statementsOf(() =>
					listCataloguePage(db, process.id, readCatalogueQuery(db, process.id, params))
				),
				review: statementsOf(() => {
					reviewResults(db, process.id, filters);
					participationByGroup(db, process.id);
				}),
				public: statementsOf(() => publicProcessPage(db, process, '2026-12-31')),
				report: statementsOf(() => statusReport(db, process.id, '2026-01-01', '2026-12-31')),
				projects: statementsOf(() => listProjects(db, process.id)),
				shown: {
					csvLines: catalogueCsv(db, process.id, '2026-12-31').trim().split('\n').length,
					report: statusReport(db, process.id, '2026-01-01', '2026-12-31'),
					projects: listProjects(db, process.id),
					public: publicProcessPage(db, process, '2026-12-31')
				}
			};
		};

		addRichMeasures(db, process.id, adopter.id, result, links, 5);
		const few = await measure();
		addRichMeasures(db, process.id, adopter.id, result, links, 45);
		const many = await measure();

		// The data is there, or the counts would prove nothing.
		expect([few.shown.csvLines, many.shown.csvLines]).toEqual([6, 51]);
		expect(many.shown.projects[0]!.measures).toHaveLength(50);
		expect(many.shown.report.fields.flatMap((f) => f.measures)).toHaveLength(50);
		expect(many.shown.report.fields[0]!.indicators).toHaveLength(1);
		expect(many.shown.report.fields[0]!.money).toBeTruthy();
		expect(many.shown.public.draft?.flatMap((f) => f.measures)).toHaveLength(50);
		// The adopted version is the first one, with its five measures, each with its status today.
		expect(many.shown.public.adopted?.fields.flatMap((f) => f.measures)).toHaveLength(5);

		const { shown: _few, ...fewCounts } = few;
		const { shown: _many, ...manyCounts } = many;
		expect(manyCounts).toEqual(fewCounts);
	});
});
