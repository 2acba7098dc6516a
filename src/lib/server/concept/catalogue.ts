import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { measureFunding, measureStatus, measureTimeframe } from '../../labels';
import { m } from '../../paraglide/messages';
import { measureStatuses } from '../../domain';
import { partyLabel } from '../../measure-values';
import type { Db } from '../db';
import * as table from '../db/schema';
import { listFields, listGuidelines } from '../process/fields';
import { pageWindow, readListing, type Listing } from '../search/listing';
import { ftsQuery } from '../search/terms';

interface Option {
	value: string;
	label: string;
}

/**
 * What the filters offer, read once per request: the process's fields, goals, leads,
 * guidelines, projects and the addressees its measures name.
 */
interface Choices {
	fields: { id: number; code: string; title: string }[];
	goals: { id: number; title: string; fieldCode: string }[];
	/** The organisations that lead a measure, as stored, and the bodies that lead one. */
	leads: string[];
	leadBodies: { id: number; name: string }[];
	guidelines: { id: number; title: string }[];
	projects: { id: number; title: string }[];
	addressees: string[];
}

/**
 * The catalogue's filters, one entry each: the URL parameter, its label, what it offers, and
 * the condition a chosen value puts on the measures. A value in the URL that is not offered is
 * ignored. To add a filter, add an entry.
 */
export const catalogueFilters: {
	key: string;
	label: () => string;
	options: (choices: Choices) => Option[];
	where: (value: string) => SQL;
}[] = [
	{
		key: 'field',
		label: () => m.measure_field(),
		options: ({ fields }) =>
			fields.map((field) => ({ value: String(field.id), label: `${field.code} ${field.title}` })),
		// Its main field, or a further field it serves (the list says "auch in HF …").
		where: (value) =>
			or(
				eq(table.measure.fieldOfActionId, Number(value)),
				inArray(
					table.measure.id,
					sql`(SELECT ${table.measureField.measureId} FROM ${table.measureField} WHERE ${table.measureField.fieldOfActionId} = ${Number(value)})`
				)
			)!
	},
	{
		key: 'goal',
		label: () => m.measure_goal(),
		options: ({ goals }) =>
			goals.map((goal) => ({ value: String(goal.id), label: `${goal.fieldCode}: ${goal.title}` })),
		where: (value) => eq(table.measure.goalId, Number(value))
	},
	{
		key: 'status',
		label: () => m.measure_status(),
		options: () => measureStatus.options(),
		where: (value) => sql`${table.measure.status} = ${value}`
	},
	{
		key: 'lead',
		label: () => m.measure_lead(),
		// A body as `body:12`, an organisation as stored (a vocabulary key or the words typed).
		options: ({ leads, leadBodies }) => [
			...leadBodies.map((body) => ({ value: `body:${body.id}`, label: body.name })),
			...leads
				.map((lead) => ({ value: lead, label: partyLabel(lead) }))
				.sort((a, b) => a.label.localeCompare(b.label))
		],
		where: (value) =>
			value.startsWith('body:')
				? eq(table.measure.leadBodyId, Number(value.slice('body:'.length)))
				: eq(table.measure.lead, value)
	},
	{
		key: 'addressee',
		label: () => m.measure_addressee(),
		options: ({ addressees }) =>
			addressees
				.map((label) => ({ value: label, label: partyLabel(label) }))
				.sort((a, b) => a.label.localeCompare(b.label)),
		where: (value) =>
			inArray(
				table.measure.id,
				sql`(SELECT ${table.measureParty.measureId} FROM ${table.measureParty} WHERE ${table.measureParty.role} = 'addressee' AND ${table.measureParty.label} = ${value})`
			)
	},
	{
		key: 'guideline',
		label: () => m.measure_guideline(),
		options: ({ guidelines }) =>
			guidelines.map((guideline) => ({ value: String(guideline.id), label: guideline.title })),
		where: (value) =>
			inArray(
				table.measure.id,
				sql`(SELECT ${table.measureGuideline.measureId} FROM ${table.measureGuideline} WHERE ${table.measureGuideline.guidelineId} = ${Number(value)})`
			)
	},
	{
		key: 'project',
		label: () => m.measure_project(),
		options: ({ projects }) =>
			projects.map((project) => ({ value: String(project.id), label: project.title })),
		where: (value) => eq(table.measure.projectId, Number(value))
	},
	{
		key: 'timeframe',
		label: () => m.measure_timeframe(),
		options: () => measureTimeframe.options(),
		where: (value) => sql`${table.measure.timeframe} = ${value}`
	},
	{
		key: 'funding',
		label: () => m.measure_funding(),
		options: () => measureFunding.options(),
		where: (value) => sql`${table.measure.funding} = ${value}`
	}
];

export const catalogueSorts = ['number', 'title', 'status', 'updated'] as const;
export type CatalogueSort = (typeof catalogueSorts)[number];

function readChoices(db: Db, processId: number): Choices {
	const fields = listFields(db, processId);
	const goals = db
		.select({ id: table.goal.id, title: table.goal.title, fieldCode: table.fieldOfAction.code })
		.from(table.goal)
		.innerJoin(table.fieldOfAction, eq(table.goal.fieldOfActionId, table.fieldOfAction.id))
		.where(eq(table.fieldOfAction.processId, processId))
		.orderBy(asc(table.fieldOfAction.position), asc(table.goal.position), asc(table.goal.id))
		.all();
	const leads = db
		.selectDistinct({ lead: table.measure.lead })
		.from(table.measure)
		.where(
			and(
				eq(table.measure.processId, processId),
				isNull(table.measure.archivedAt),
				sql`${table.measure.lead} <> ''`
			)
		)
		.orderBy(asc(table.measure.lead))
		.all()
		.map((row) => row.lead);
	const leadBodies = db
		.selectDistinct({ id: table.body.id, name: table.body.name })
		.from(table.body)
		.innerJoin(table.measure, eq(table.measure.leadBodyId, table.body.id))
		.where(and(eq(table.measure.processId, processId), isNull(table.measure.archivedAt)))
		.orderBy(asc(table.body.name), asc(table.body.id))
		.all();
	const addressees = db
		.selectDistinct({ label: table.measureParty.label })
		.from(table.measureParty)
		.innerJoin(table.measure, eq(table.measureParty.measureId, table.measure.id))
		.where(
			and(
				eq(table.measure.processId, processId),
				isNull(table.measure.archivedAt),
				eq(table.measureParty.role, 'addressee')
			)
		)
		.all()
		.map((row) => row.label);
	const projects = db
		.select({ id: table.project.id, title: table.project.title })
		.from(table.project)
		.where(eq(table.project.processId, processId))
		.orderBy(asc(table.project.title), asc(table.project.id))
		.all();
	const guidelines = listGuidelines(db, processId).map(({ id, title }) => ({ id, title }));
	return { fields, goals, leads, leadBodies, guidelines, projects, addressees };
}

/** The catalogue's filters as the page shows them, each with the value chosen in the URL. */
export type CatalogueFilterState = {
	key: string;
	label: string;
	options: Option[];
	value: string;
}[];

/** What the URL asks of the catalogue: filters (only offered values), search, sort, page. */
export function readCatalogueQuery(db: Db, processId: number, params: URLSearchParams) {
	const choices = readChoices(db, processId);
	const filters: CatalogueFilterState = catalogueFilters.map((filter) => {
		const options = filter.options(choices);
		const asked = params.get(filter.key) ?? '';
		const value = options.some((option) => option.value === asked) ? asked : '';
		return { key: filter.key, label: filter.label(), options, value };
	});
	return { filters, listing: readListing(params, catalogueSorts), fields: choices.fields };
}

const statusOrder = sql`CASE ${table.measure.status} ${sql.join(
	measureStatuses.map((status, index) => sql`WHEN ${status} THEN ${index}`),
	sql` `
)} END`;

const orderings: Record<CatalogueSort, SQL[]> = {
	number: [],
	title: [sql`${table.measure.title} COLLATE NOCASE`],
	status: [statusOrder],
	updated: [desc(table.measure.updatedAt)]
};

/**
 * One page of the catalogue: the measures that pass the filters and the search, in the chosen
 * order, with their numbers ("2.5") and their place among their field's measures. Two
 * queries, however many measures there are.
 */
export function listCataloguePage(
	db: Db,
	processId: number,
	query: { filters: CatalogueFilterState; listing: Listing<CatalogueSort> }
) {
	const conditions: SQL[] = [];
	for (const { key, value } of query.filters) {
		const filter = catalogueFilters.find((candidate) => candidate.key === key);
		if (filter && value) conditions.push(filter.where(value));
	}
	const match = ftsQuery(query.listing.terms);
	if (match) {
		conditions.push(
			inArray(
				table.measure.id,
				sql`(SELECT rowid FROM measure_search WHERE measure_search MATCH ${match})`
			)
		);
	}
	// Numbers count every active measure of the field, whatever the filters leave out.
	const numbered = db
		.select({
			id: table.measure.id,
			place:
				sql<number>`row_number() OVER (PARTITION BY ${table.measure.fieldOfActionId} ORDER BY ${table.measure.position}, ${table.measure.id})`.as(
					'place'
				),
			places: sql<number>`count(*) OVER (PARTITION BY ${table.measure.fieldOfActionId})`.as(
				'places'
			)
		})
		.from(table.measure)
		.where(and(eq(table.measure.processId, processId), isNull(table.measure.archivedAt)))
		.as('numbered');
	const where = and(...conditions);
	const total =
		db
			.select({ total: count() })
			.from(table.measure)
			.innerJoin(numbered, eq(numbered.id, table.measure.id))
			.where(where)
			.get()?.total ?? 0;
	const window = pageWindow(total, query.listing.per, query.listing.page);
	const rows = db
		.select({
			id: table.measure.id,
			title: table.measure.title,
			lead: table.measure.lead,
			leadBody: table.body.name,
			timeframe: table.measure.timeframe,
			funding: table.measure.funding,
			priority: table.measure.priority,
			status: table.measure.status,
			updatedAt: table.measure.updatedAt,
			fieldId: table.fieldOfAction.id,
			fieldCode: table.fieldOfAction.code,
			fieldTitle: table.fieldOfAction.title,
			goalTitle: table.goal.title,
			place: numbered.place,
			places: numbered.places
		})
		.from(table.measure)
		.innerJoin(numbered, eq(numbered.id, table.measure.id))
		.innerJoin(table.fieldOfAction, eq(table.measure.fieldOfActionId, table.fieldOfAction.id))
		.leftJoin(table.goal, eq(table.measure.goalId, table.goal.id))
		.leftJoin(table.body, eq(table.measure.leadBodyId, table.body.id))
		.where(where)
		.orderBy(
			...orderings[query.listing.sort],
			asc(table.fieldOfAction.position),
			asc(table.fieldOfAction.id),
			asc(numbered.place)
		)
		.limit(window.per)
		.offset(window.offset)
		.all();
	// A measure found through a further field says so: "auch in HF 3".
	const fieldValue = query.filters.find((filter) => filter.key === 'field')?.value;
	const alsoIn = fieldValue
		? (db
				.select({ code: table.fieldOfAction.code })
				.from(table.fieldOfAction)
				.where(eq(table.fieldOfAction.id, Number(fieldValue)))
				.get()?.code ?? null)
		: null;
	return {
		window,
		measures: rows.map((row) => ({
			...row,
			number: `${row.fieldCode}.${row.place}`,
			alsoIn: alsoIn !== null && String(row.fieldId) !== fieldValue ? alsoIn : null
		}))
	};
}

/** The process's fields with their goals, for the goals section: two queries. */
export function fieldsWithGoals(db: Db, processId: number) {
	const goals = db
		.select({ goal: table.goal })
		.from(table.goal)
		.innerJoin(table.fieldOfAction, eq(table.goal.fieldOfActionId, table.fieldOfAction.id))
		.where(eq(table.fieldOfAction.processId, processId))
		.orderBy(asc(table.goal.position), asc(table.goal.id))
		.all()
		.map(({ goal }) => goal);
	return listFields(db, processId).map((field) => ({
		field,
		goals: goals.filter((goal) => goal.fieldOfActionId === field.id)
	}));
}
