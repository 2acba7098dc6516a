import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { listFields } from '../process/fields';
import { moveToIndex } from '../process/ordering';
import { anyOf, countRows, type Dependents, type Removal } from '../records/dependents';

export interface MeasureParties {
	addressees: string[];
	partners: string[];
}

/** A year's amount of a measure's cost, in cents. */
export interface CostYear {
	year: number;
	cents: number;
}

export type MeasureInput = Pick<
	table.Measure,
	| 'fieldOfActionId'
	| 'goalId'
	| 'title'
	| 'description'
	| 'lead'
	| 'timeframe'
	| 'costEstimate'
	| 'funding'
	| 'priority'
	| 'status'
> &
	Partial<
		Pick<
			table.Measure,
			| 'plannedYear'
			| 'ownNumber'
			| 'leadBodyId'
			| 'periodStart'
			| 'periodEnd'
			| 'costCents'
			| 'costKind'
			| 'fundingName'
			| 'budgetReservation'
			| 'projectId'
		>
	> & {
		/** Replaces the lists when given. */
		parties?: MeasureParties;
		/** Replaces the amounts per year when given. */
		costYears?: CostYear[];
		/** Replaces the further fields when given; the main field among them is left out. */
		furtherFieldIds?: number[];
		/** Replaces the guidelines when given. */
		guidelineIds?: number[];
	};

/** A goal is its title; how it is measured are its indicators (monitoring/indicators). */
export type GoalInput = Pick<table.Goal, 'title'>;

export interface NumberedMeasure extends table.Measure {
	/** The field's code and the measure's place in it: "2.5". */
	number: string;
}

/** The field's measures in the catalogue; archived ones keep their place but get no number. */
function measuresOfField(db: DbOrTx, fieldId: number) {
	return db
		.select()
		.from(table.measure)
		.where(and(eq(table.measure.fieldOfActionId, fieldId), isNull(table.measure.archivedAt)))
		.orderBy(asc(table.measure.position), asc(table.measure.id))
		.all();
}

function goalsOfField(db: DbOrTx, fieldId: number) {
	return db
		.select()
		.from(table.goal)
		.where(eq(table.goal.fieldOfActionId, fieldId))
		.orderBy(asc(table.goal.position), asc(table.goal.id))
		.all();
}

/** The council's own number, or the field's code and the place in it. */
function numbered(field: table.FieldOfAction, measures: table.Measure[]): NumberedMeasure[] {
	return measures.map((measure, index) => ({
		...measure,
		number: measure.ownNumber ?? `${field.code}.${index + 1}`
	}));
}

/** Every field of action of the process with its goals and its numbered measures: three queries. */
export function listCatalogue(db: Db, processId: number) {
	const goals = db
		.select({ goal: table.goal })
		.from(table.goal)
		.innerJoin(table.fieldOfAction, eq(table.goal.fieldOfActionId, table.fieldOfAction.id))
		.where(eq(table.fieldOfAction.processId, processId))
		.orderBy(asc(table.goal.position), asc(table.goal.id))
		.all()
		.map(({ goal }) => goal);
	const measures = db
		.select()
		.from(table.measure)
		.where(and(eq(table.measure.processId, processId), isNull(table.measure.archivedAt)))
		.orderBy(asc(table.measure.position), asc(table.measure.id))
		.all();
	return listFields(db, processId).map((field) => ({
		field,
		goals: goals.filter((goal) => goal.fieldOfActionId === field.id),
		measures: numbered(
			field,
			measures.filter((measure) => measure.fieldOfActionId === field.id)
		)
	}));
}

function findField(db: DbOrTx, processId: number, fieldId: number) {
	return db
		.select()
		.from(table.fieldOfAction)
		.where(and(eq(table.fieldOfAction.id, fieldId), eq(table.fieldOfAction.processId, processId)))
		.get();
}

function bodyInProcess(db: DbOrTx, processId: number, bodyId: number) {
	return db
		.select({ id: table.body.id })
		.from(table.body)
		.where(and(eq(table.body.id, bodyId), eq(table.body.processId, processId)))
		.get();
}

/** Whether every id names a row of the process in `rows` (a field of action or a guideline). */
function allInProcess(
	db: DbOrTx,
	rows: typeof table.fieldOfAction | typeof table.guideline,
	processId: number,
	ids: number[] | undefined
) {
	if (!ids || ids.length === 0) return true;
	const unique = [...new Set(ids)];
	const found = db
		.select({ id: rows.id })
		.from(rows)
		.where(and(inArray(rows.id, unique), eq(rows.processId, processId)))
		.all();
	return found.length === unique.length;
}

export function findProjectRow(db: DbOrTx, processId: number, projectId: number) {
	return db
		.select()
		.from(table.project)
		.where(and(eq(table.project.id, projectId), eq(table.project.processId, processId)))
		.get();
}

/**
 * Whether the input names a field, goal, lead body, further field, guideline or project that
 * is not the process's: an id from elsewhere is not found (404), unlike a goal of another of
 * the process's fields (a mistake).
 */
export function refersElsewhere(db: DbOrTx, processId: number, input: MeasureInput): boolean {
	if (!findField(db, processId, input.fieldOfActionId)) return true;
	if (input.goalId !== null) {
		const goal = db
			.select({ id: table.goal.id })
			.from(table.goal)
			.innerJoin(table.fieldOfAction, eq(table.goal.fieldOfActionId, table.fieldOfAction.id))
			.where(and(eq(table.goal.id, input.goalId), eq(table.fieldOfAction.processId, processId)))
			.get();
		if (!goal) return true;
	}
	if (input.leadBodyId != null && !bodyInProcess(db, processId, input.leadBodyId)) return true;
	if (input.projectId != null && !findProjectRow(db, processId, input.projectId)) return true;
	return (
		!allInProcess(db, table.fieldOfAction, processId, input.furtherFieldIds) ||
		!allInProcess(db, table.guideline, processId, input.guidelineIds)
	);
}

/**
 * Everything the input names must belong to the process, the goal to the field, and the own
 * number must be free in the process; else nothing.
 */
function validInput(db: DbOrTx, processId: number, input: MeasureInput, measureId?: number) {
	if (refersElsewhere(db, processId, input)) return undefined;
	const field = findField(db, processId, input.fieldOfActionId)!;
	if (input.goalId !== null) {
		const goal = db.select().from(table.goal).where(eq(table.goal.id, input.goalId)).get();
		if (goal?.fieldOfActionId !== field.id) return undefined;
	}
	if (input.ownNumber && measureNumbered(db, processId, input.ownNumber, measureId)) {
		return undefined;
	}
	return field;
}

/** The other measure of the process that carries this own number, if any. */
export function measureNumbered(
	db: DbOrTx,
	processId: number,
	ownNumber: string,
	exceptMeasureId?: number
) {
	const holder = db
		.select({ id: table.measure.id, title: table.measure.title })
		.from(table.measure)
		.where(and(eq(table.measure.processId, processId), eq(table.measure.ownNumber, ownNumber)))
		.get();
	return holder && holder.id !== exceptMeasureId ? holder : undefined;
}

/** Replaces a measure's addressees and partners by the given lists, in their order. */
function storeParties(db: DbOrTx, measureId: number, parties: MeasureParties) {
	db.delete(table.measureParty).where(eq(table.measureParty.measureId, measureId)).run();
	const rows = [
		...parties.addressees.map((label, position) => ({
			role: 'addressee' as const,
			label,
			position
		})),
		...parties.partners.map((label, position) => ({ role: 'partner' as const, label, position }))
	];
	if (rows.length > 0) {
		db.insert(table.measureParty)
			.values(rows.map((row) => ({ ...row, measureId })))
			.run();
	}
}

function storeCostYears(db: DbOrTx, measureId: number, years: CostYear[]) {
	db.delete(table.measureCost).where(eq(table.measureCost.measureId, measureId)).run();
	if (years.length > 0) {
		db.insert(table.measureCost)
			.values(years.map(({ year, cents }) => ({ measureId, year, amountCents: cents })))
			.run();
	}
}

function storeFurtherFields(db: DbOrTx, measureId: number, mainFieldId: number, ids: number[]) {
	db.delete(table.measureField).where(eq(table.measureField.measureId, measureId)).run();
	const further = [...new Set(ids)].filter((id) => id !== mainFieldId);
	if (further.length > 0) {
		db.insert(table.measureField)
			.values(further.map((fieldOfActionId) => ({ measureId, fieldOfActionId })))
			.run();
	}
}

function storeGuidelines(db: DbOrTx, measureId: number, ids: number[]) {
	db.delete(table.measureGuideline).where(eq(table.measureGuideline.measureId, measureId)).run();
	const unique = [...new Set(ids)];
	if (unique.length > 0) {
		db.insert(table.measureGuideline)
			.values(unique.map((guidelineId) => ({ measureId, guidelineId })))
			.run();
	}
}

function storeLists(db: DbOrTx, measureId: number, input: MeasureInput) {
	if (input.parties) storeParties(db, measureId, input.parties);
	if (input.costYears) storeCostYears(db, measureId, input.costYears);
	if (input.furtherFieldIds) {
		storeFurtherFields(db, measureId, input.fieldOfActionId, input.furtherFieldIds);
	} else {
		// A measure moved to a field it already served no longer lists that field as further.
		db.delete(table.measureField)
			.where(
				and(
					eq(table.measureField.measureId, measureId),
					eq(table.measureField.fieldOfActionId, input.fieldOfActionId)
				)
			)
			.run();
	}
	if (input.guidelineIds) storeGuidelines(db, measureId, input.guidelineIds);
}

/** The columns of the measure row: the input without its lists. */
function columns({
	parties: _parties,
	costYears: _costYears,
	furtherFieldIds: _furtherFieldIds,
	guidelineIds: _guidelineIds,
	...row
}: MeasureInput) {
	return row;
}

export function createMeasure(db: DbOrTx, processId: number, input: MeasureInput) {
	if (!validInput(db, processId, input)) return undefined;
	const position = measuresOfField(db, input.fieldOfActionId).length;
	const created = db
		.insert(table.measure)
		.values({ ...columns(input), processId, position })
		.returning()
		.get();
	storeLists(db, created.id, input);
	return created;
}

export interface MeasureLists {
	addressees: string[];
	partners: string[];
	costYears: CostYear[];
	/** The further fields it serves, in the process's order of fields. */
	furtherFieldIds: number[];
	/** Its guidelines, in the process's order of guidelines. */
	guidelineIds: number[];
}

/**
 * Addressees, partners, amounts per year, further fields and guidelines of the given measures,
 * in one query each.
 */
export function listsOfMeasures(db: DbOrTx, measureIds: number[]): Map<number, MeasureLists> {
	const lists = new Map<number, MeasureLists>(
		measureIds.map((id) => [
			id,
			{ addressees: [], partners: [], costYears: [], furtherFieldIds: [], guidelineIds: [] }
		])
	);
	if (measureIds.length === 0) return lists;
	const parties = db
		.select()
		.from(table.measureParty)
		.where(inArray(table.measureParty.measureId, measureIds))
		.orderBy(asc(table.measureParty.position), asc(table.measureParty.id))
		.all();
	for (const party of parties) {
		const list = lists.get(party.measureId)!;
		(party.role === 'addressee' ? list.addressees : list.partners).push(party.label);
	}
	const costs = db
		.select()
		.from(table.measureCost)
		.where(inArray(table.measureCost.measureId, measureIds))
		.orderBy(asc(table.measureCost.year))
		.all();
	for (const cost of costs) {
		lists.get(cost.measureId)!.costYears.push({ year: cost.year, cents: cost.amountCents });
	}
	const fields = db
		.select({ measureId: table.measureField.measureId, id: table.measureField.fieldOfActionId })
		.from(table.measureField)
		.innerJoin(table.fieldOfAction, eq(table.measureField.fieldOfActionId, table.fieldOfAction.id))
		.where(inArray(table.measureField.measureId, measureIds))
		.orderBy(asc(table.fieldOfAction.position), asc(table.fieldOfAction.id))
		.all();
	for (const field of fields) lists.get(field.measureId)!.furtherFieldIds.push(field.id);
	const guidelines = db
		.select({ measureId: table.measureGuideline.measureId, id: table.measureGuideline.guidelineId })
		.from(table.measureGuideline)
		.innerJoin(table.guideline, eq(table.measureGuideline.guidelineId, table.guideline.id))
		.where(inArray(table.measureGuideline.measureId, measureIds))
		.orderBy(asc(table.guideline.position), asc(table.guideline.id))
		.all();
	for (const guideline of guidelines) {
		lists.get(guideline.measureId)!.guidelineIds.push(guideline.id);
	}
	return lists;
}

export function listsOfMeasure(db: DbOrTx, measureId: number): MeasureLists {
	return listsOfMeasures(db, [measureId]).get(measureId)!;
}

/** The measure with its number; an archived one is numbered "2.–", as it has no place. */
export function findMeasure(db: Db, processId: number, measureId: number) {
	const measure = db
		.select()
		.from(table.measure)
		.where(and(eq(table.measure.id, measureId), eq(table.measure.processId, processId)))
		.get();
	if (!measure) return undefined;
	const field = findField(db, processId, measure.fieldOfActionId)!;
	if (measure.archivedAt) return { ...measure, number: measure.ownNumber ?? `${field.code}.–` };
	return numbered(field, measuresOfField(db, field.id)).find((m) => m.id === measure.id)!;
}

/** The archived measures of the process, for the "show archived" list. */
export function listArchivedMeasures(db: Db, processId: number) {
	return db
		.select({ measure: table.measure, fieldCode: table.fieldOfAction.code })
		.from(table.measure)
		.innerJoin(table.fieldOfAction, eq(table.measure.fieldOfActionId, table.fieldOfAction.id))
		.where(and(eq(table.measure.processId, processId), isNotNull(table.measure.archivedAt)))
		.orderBy(asc(table.fieldOfAction.position), asc(table.measure.position))
		.all()
		.map(({ measure, fieldCode }) => ({
			...measure,
			number: measure.ownNumber ?? `${fieldCode}.–`
		}));
}

export function updateMeasure(db: Db, processId: number, measureId: number, input: MeasureInput) {
	return db.transaction((tx) => {
		const current = tx
			.select()
			.from(table.measure)
			.where(
				and(
					eq(table.measure.id, measureId),
					eq(table.measure.processId, processId),
					isNull(table.measure.archivedAt)
				)
			)
			.get();
		if (!current || !validInput(tx, processId, input, measureId)) return undefined;
		// A measure moved to another field goes to the end of that field's list.
		const position =
			current.fieldOfActionId === input.fieldOfActionId
				? current.position
				: measuresOfField(tx, input.fieldOfActionId).length;
		const updated = tx
			.update(table.measure)
			.set({ ...columns(input), position, updatedAt: new Date() })
			.where(eq(table.measure.id, measureId))
			.returning()
			.get();
		storeLists(tx, measureId, input);
		if (current.fieldOfActionId !== input.fieldOfActionId) {
			renumber(tx, current.fieldOfActionId, ids(measuresOfField(tx, current.fieldOfActionId)));
		}
		return updated;
	});
}

const ids = (rows: { id: number }[]) => rows.map((row) => row.id);

function renumber(db: DbOrTx, fieldId: number, order: number[]) {
	order.forEach((id, position) =>
		db
			.update(table.measure)
			.set({ position })
			.where(and(eq(table.measure.id, id), eq(table.measure.fieldOfActionId, fieldId)))
			.run()
	);
}

export type MeasureMove =
	| { ok: true }
	| { ok: false; reason: 'not_found' }
	| { ok: false; reason: 'out_of_range'; places: number };

/**
 * Moves a measure to its `place` (1-based) in its field in one step; the measures between
 * close up and the field's numbers follow. Positions stay 0…n−1 without gaps or doubles; only
 * the rows whose position changes are written.
 */
export function moveMeasureTo(
	db: Db,
	processId: number,
	measureId: number,
	place: number
): MeasureMove {
	return db.transaction((tx): MeasureMove => {
		const measure = tx
			.select()
			.from(table.measure)
			.where(
				and(
					eq(table.measure.id, measureId),
					eq(table.measure.processId, processId),
					isNull(table.measure.archivedAt)
				)
			)
			.get();
		if (!measure) return { ok: false, reason: 'not_found' };
		const siblings = measuresOfField(tx, measure.fieldOfActionId);
		if (!Number.isInteger(place) || place < 1 || place > siblings.length) {
			return { ok: false, reason: 'out_of_range', places: siblings.length };
		}
		const order = moveToIndex(ids(siblings), measureId, place - 1);
		order.forEach((id, position) => {
			if (siblings.find((row) => row.id === id)!.position === position) return;
			tx.update(table.measure).set({ position }).where(eq(table.measure.id, id)).run();
		});
		return { ok: true };
	});
}

/** The workshop results and status updates that make up a measure's history. */
export function measureDependents(db: DbOrTx, measureId: number): Dependents {
	return {
		sources: countRows(db, table.measureSource, eq(table.measureSource.measureId, measureId)),
		statusUpdates: countRows(db, table.measureUpdate, eq(table.measureUpdate.measureId, measureId))
	};
}

export function measureRemoval(dependents: Dependents): Removal {
	return anyOf(dependents, ['sources', 'statusUpdates']) ? 'archived' : 'deleted';
}

/**
 * Deletes a measure without history; one adopted from workshop results or with status updates
 * is archived, so its trail stays. The field's numbers close up either way. Undefined if the
 * measure is not in the process.
 */
export function removeMeasure(db: Db, processId: number, measureId: number): Removal | undefined {
	return db.transaction((tx) => {
		const match = and(eq(table.measure.id, measureId), eq(table.measure.processId, processId));
		const measure = tx.select().from(table.measure).where(match).get();
		if (!measure) return undefined;
		if (measure.archivedAt) return 'archived';
		const removal = measureRemoval(measureDependents(tx, measureId));
		if (removal === 'archived') {
			tx.update(table.measure).set({ archivedAt: new Date() }).where(match).run();
		} else {
			tx.delete(table.measure).where(match).run();
		}
		renumber(tx, measure.fieldOfActionId, ids(measuresOfField(tx, measure.fieldOfActionId)));
		return removal;
	});
}

/** Brings an archived measure back, at the end of its field. */
export function restoreMeasure(db: Db, processId: number, measureId: number): boolean {
	return db.transaction((tx) => {
		const measure = tx
			.select()
			.from(table.measure)
			.where(
				and(
					eq(table.measure.id, measureId),
					eq(table.measure.processId, processId),
					isNotNull(table.measure.archivedAt)
				)
			)
			.get();
		if (!measure) return false;
		const position = measuresOfField(tx, measure.fieldOfActionId).length;
		tx.update(table.measure)
			.set({ archivedAt: null, position })
			.where(eq(table.measure.id, measureId))
			.run();
		return true;
	});
}

export function addGoal(db: Db, processId: number, fieldId: number, input: GoalInput) {
	return db.transaction((tx) => {
		if (!findField(tx, processId, fieldId)) return undefined;
		const position = goalsOfField(tx, fieldId).length;
		return tx
			.insert(table.goal)
			.values({ ...input, fieldOfActionId: fieldId, position })
			.returning()
			.get();
	});
}

/** The goal, if it belongs to a field of the process. */
function goalInProcess(db: DbOrTx, processId: number, goalId: number) {
	return db
		.select({ id: table.goal.id })
		.from(table.goal)
		.innerJoin(table.fieldOfAction, eq(table.goal.fieldOfActionId, table.fieldOfAction.id))
		.where(and(eq(table.goal.id, goalId), eq(table.fieldOfAction.processId, processId)))
		.get();
}

export function updateGoal(db: Db, processId: number, goalId: number, input: GoalInput) {
	if (!goalInProcess(db, processId, goalId)) return false;
	db.update(table.goal).set(input).where(eq(table.goal.id, goalId)).run();
	return true;
}

export type GoalRemoval =
	| { ok: true }
	| { ok: false; reason: 'not_found' }
	| { ok: false; reason: 'in_use'; measures: number };

/** Deletes a goal no measure pursues; measures would lose what they are measured against. */
export function deleteGoal(db: Db, processId: number, goalId: number): GoalRemoval {
	return db.transaction((tx) => {
		if (!goalInProcess(tx, processId, goalId)) return { ok: false, reason: 'not_found' } as const;
		const measures = countRows(tx, table.measure, eq(table.measure.goalId, goalId));
		if (measures > 0) return { ok: false, reason: 'in_use', measures } as const;
		tx.delete(table.goal).where(eq(table.goal.id, goalId)).run();
		return { ok: true } as const;
	});
}

/** The goal of the process with this id, for naming it in a confirmation. */
export function findGoal(db: Db, processId: number, goalId: number) {
	if (!goalInProcess(db, processId, goalId)) return undefined;
	return db.select().from(table.goal).where(eq(table.goal.id, goalId)).get();
}

/** For each idea id, the numbered measures it became. */
export function measuresOfIdeas(db: Db, processId: number, ideaIds: number[]) {
	const byIdea = new Map<number, { id: number; number: string; title: string }[]>();
	if (ideaIds.length === 0) return byIdea;
	const links = db
		.select({ ideaId: table.measureIdea.ideaId, measureId: table.measureIdea.measureId })
		.from(table.measureIdea)
		.where(inArray(table.measureIdea.ideaId, ideaIds))
		.all();
	const catalogue = new Map(
		listCatalogue(db, processId).flatMap(({ measures }) => measures.map((m) => [m.id, m]))
	);
	for (const { ideaId, measureId } of links) {
		const measure = catalogue.get(measureId);
		if (!measure) continue;
		const list = byIdea.get(ideaId) ?? [];
		list.push({ id: measure.id, number: measure.number, title: measure.title });
		byIdea.set(ideaId, list);
	}
	return byIdea;
}

/** The measures a result became, each once, from `measuresOfIdeas` of its ideas. */
export function measuresOfResult(
	byIdea: ReturnType<typeof measuresOfIdeas>,
	ideaIds: number[]
): { id: number; number: string; title: string }[] {
	return [...new Map(ideaIds.flatMap((id) => byIdea.get(id) ?? []).map((m) => [m.id, m])).values()];
}

export interface MeasureLink {
	id: number;
	number: string;
	title: string;
	processSlug: string;
	processTitle: string;
}

/** A measure of another process of the organisation, numbered, for linking to it. */
function linkTo(db: Db, organisationId: number, measureId: number): MeasureLink | undefined {
	const row = db
		.select({ processId: table.process.id, slug: table.process.slug, title: table.process.title })
		.from(table.measure)
		.innerJoin(table.process, eq(table.measure.processId, table.process.id))
		.where(and(eq(table.measure.id, measureId), eq(table.process.organisationId, organisationId)))
		.get();
	const measure = row && findMeasure(db, row.processId, measureId);
	if (!row || !measure) return undefined;
	return {
		id: measure.id,
		number: measure.number,
		title: measure.title,
		processSlug: row.slug,
		processTitle: row.title
	};
}

/**
 * Where a measure came from in the previous Fortschreibung and what it became in later ones,
 * within the organisation only.
 */
export function revisionLinks(
	db: Db,
	organisationId: number,
	measure: { id: number; originMeasureId: number | null }
) {
	const continuations = db
		.select({ id: table.measure.id })
		.from(table.measure)
		.where(eq(table.measure.originMeasureId, measure.id))
		.orderBy(asc(table.measure.id))
		.all()
		.flatMap(({ id }) => linkTo(db, organisationId, id) ?? []);
	return {
		origin: measure.originMeasureId
			? (linkTo(db, organisationId, measure.originMeasureId) ?? null)
			: null,
		continuations
	};
}

/** The names a measure's relations are written with in files: "3 Wohnen", guideline and project titles. */
export function relationNamesOf(db: DbOrTx, processId: number) {
	const fields = db
		.select()
		.from(table.fieldOfAction)
		.where(eq(table.fieldOfAction.processId, processId))
		.all();
	const guidelines = db
		.select({ id: table.guideline.id, title: table.guideline.title })
		.from(table.guideline)
		.where(eq(table.guideline.processId, processId))
		.all();
	const projects = db
		.select({ id: table.project.id, title: table.project.title })
		.from(table.project)
		.where(eq(table.project.processId, processId))
		.all();
	return {
		fields: new Map(fields.map((field) => [field.id, `${field.code} ${field.title}`])),
		guidelines: new Map(guidelines.map((guideline) => [guideline.id, guideline.title])),
		projects: new Map(projects.map((project) => [project.id, project.title]))
	};
}

export type RelationNames = ReturnType<typeof relationNamesOf>;

/** A measure's further fields, guidelines and project by name, for an export row. */
export function relationsNamed(
	names: RelationNames,
	measure: { projectId: number | null },
	lists: Pick<MeasureLists, 'furtherFieldIds' | 'guidelineIds'>
) {
	return {
		furtherFields: lists.furtherFieldIds.map((id) => names.fields.get(id) ?? ''),
		guidelines: lists.guidelineIds.map((id) => names.guidelines.get(id) ?? ''),
		project: measure.projectId === null ? '' : (names.projects.get(measure.projectId) ?? '')
	};
}
