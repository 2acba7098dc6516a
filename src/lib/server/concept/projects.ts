import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { findProjectRow, listCatalogue, listsOfMeasures, type NumberedMeasure } from './measures';
import { moneyByYear, type MoneyCell } from './money';

export type ProjectInput = Pick<table.Project, 'title' | 'description' | 'lead'>;

/** A measure's money over all its years, as the concept sums it (moneyByYear). */
export function measureMoney(
	measure: NumberedMeasure,
	costYears: { year: number; cents: number }[]
): MoneyCell {
	const cents = moneyByYear({
		money: {
			cents: measure.costCents,
			kind: measure.costKind,
			years: costYears,
			reservation: measure.budgetReservation
		},
		periodYears:
			measure.periodStart === null
				? null
				: { start: measure.periodStart, end: measure.periodEnd ?? measure.periodStart },
		plannedYear: measure.plannedYear
	}).reduce((sum, amount) => sum + amount.cents, 0);
	return { cents, reservedCents: measure.budgetReservation ? cents : 0 };
}

/**
 * The process's projects with their measures (numbered, in the catalogue's order) and the sum
 * of their money; a fixed number of queries however many projects there are.
 */
export function listProjects(db: Db, processId: number) {
	const projects = db
		.select()
		.from(table.project)
		.where(eq(table.project.processId, processId))
		.orderBy(asc(table.project.title), asc(table.project.id))
		.all();
	const measures = listCatalogue(db, processId)
		.flatMap(({ measures }) => measures)
		.filter((measure) => measure.projectId !== null);
	const costs = listsOfMeasures(
		db,
		measures.map((measure) => measure.id)
	);
	return projects.map((project) => {
		const own = measures.filter((measure) => measure.projectId === project.id);
		const money = { cents: 0, reservedCents: 0 };
		for (const measure of own) {
			const cell = measureMoney(measure, costs.get(measure.id)!.costYears);
			money.cents += cell.cents;
			money.reservedCents += cell.reservedCents;
		}
		return {
			...project,
			measures: own.map(({ id, number, title }) => ({ id, number, title })),
			money
		};
	});
}

/** How people write a measure's number: case and spaces do not matter ("ip 1.5" is "IP 1.5"). */
const numberKey = (number: string) => number.toLowerCase().replace(/\s+/g, '');

/** Measure numbers as typed in one line: "IP 1.1, IP 1.2; 1.6". */
export function splitNumbers(text: string): string[] {
	return [
		...new Set(
			text
				.split(/[,;\n]+/)
				.map((entry) => entry.trim())
				.filter(Boolean)
		)
	];
}

export type ProjectWrite =
	| { ok: true; project: table.Project }
	| { ok: false; reason: 'not_found' }
	| { ok: false; reason: 'unknown_numbers'; numbers: string[] };

/**
 * The measures a project bundles, named by their numbers; each leaves any other project (a
 * measure belongs to one project at most). Measures of the project not named any more leave it.
 */
function assignMeasures(db: Db, processId: number, projectId: number, ids: number[]) {
	db.update(table.measure)
		.set({ projectId: null })
		.where(and(eq(table.measure.projectId, projectId), eq(table.measure.processId, processId)))
		.run();
	if (ids.length > 0) {
		db.update(table.measure)
			.set({ projectId })
			.where(and(inArray(table.measure.id, ids), eq(table.measure.processId, processId)))
			.run();
	}
}

/** The ids of the active measures with these numbers, or the numbers no measure has. */
function measuresNumbered(db: Db, processId: number, numbers: string[]) {
	const byNumber = new Map(
		listCatalogue(db, processId).flatMap(({ measures }) =>
			measures.map((measure) => [numberKey(measure.number), measure.id] as const)
		)
	);
	const unknown = numbers.filter((number) => !byNumber.has(numberKey(number)));
	return { ids: numbers.flatMap((number) => byNumber.get(numberKey(number)) ?? []), unknown };
}

export function createProject(
	db: Db,
	processId: number,
	input: ProjectInput,
	numbers: string[]
): ProjectWrite {
	// One connection: reads and writes through `db` inside the callback are in the transaction.
	return db.transaction((tx) => {
		const { ids, unknown } = measuresNumbered(db, processId, numbers);
		if (unknown.length > 0) return { ok: false, reason: 'unknown_numbers', numbers: unknown };
		const project = tx
			.insert(table.project)
			.values({ ...input, processId })
			.returning()
			.get();
		assignMeasures(db, processId, project.id, ids);
		return { ok: true, project };
	});
}

export function updateProject(
	db: Db,
	processId: number,
	projectId: number,
	input: ProjectInput,
	numbers: string[]
): ProjectWrite {
	return db.transaction((tx) => {
		if (!findProjectRow(tx, processId, projectId)) return { ok: false, reason: 'not_found' };
		const { ids, unknown } = measuresNumbered(db, processId, numbers);
		if (unknown.length > 0) return { ok: false, reason: 'unknown_numbers', numbers: unknown };
		const project = tx
			.update(table.project)
			.set(input)
			.where(eq(table.project.id, projectId))
			.returning()
			.get();
		assignMeasures(db, processId, projectId, ids);
		return { ok: true, project };
	});
}

/** Deletes a project of the process; its measures stay, in no project. False if not found. */
export function deleteProject(db: Db, processId: number, projectId: number): boolean {
	const deleted = db
		.delete(table.project)
		.where(and(eq(table.project.id, projectId), eq(table.project.processId, processId)))
		.run();
	return deleted.changes > 0;
}

export function findProject(db: Db, processId: number, projectId: number) {
	return findProjectRow(db, processId, projectId);
}
