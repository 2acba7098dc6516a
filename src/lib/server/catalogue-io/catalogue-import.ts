import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { m } from '../../paraglide/messages';
import type { MeasureInput } from '../concept/measures';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { nextPosition } from '../process/ordering';
import {
	columnLabel,
	columnOfHeader,
	importColumns,
	importKeys,
	normalise,
	type ImportedRow,
	type ImportKey
} from './columns';
import type { TableRow } from './read-table';

/** For each column of the file, the catalogue column it fills, or null to leave it out. */
export type Mapping = (ImportKey | null)[];

/**
 * The header row: the one among the first ten naming most known columns (a title may sit
 * above it). `known` tells a column's name, the catalogue's by default.
 */
export function locateHeader(
	rows: TableRow[],
	known: (cell: string) => unknown = columnOfHeader
): number {
	let best = 0;
	let bestCount = 0;
	rows.slice(0, 10).forEach((row, index) => {
		const count = row.cells.filter((cell) => known(cell) !== null).length;
		if (count > bestCount) [best, bestCount] = [index, count];
	});
	return best;
}

/** The mapping the headers suggest; a column named twice is filled from its first match. */
export function suggestMapping(header: string[]): Mapping {
	const taken = new Set<ImportKey>();
	return header.map((cell) => {
		const key = columnOfHeader(cell);
		if (!key || taken.has(key)) return null;
		taken.add(key);
		return key;
	});
}

/** A mapping's problems: the measure's title and field must be named, no column twice. */
export function mappingProblems(mapping: Mapping): string[] {
	const problems: string[] = [];
	for (const key of ['field', 'title'] as const) {
		if (!mapping.includes(key))
			problems.push(m.import_problem_unmapped({ column: columnLabel(key) }));
	}
	for (const key of importKeys) {
		if (mapping.filter((mapped) => mapped === key).length > 1) {
			problems.push(m.import_problem_mapped_twice({ column: columnLabel(key) }));
		}
	}
	return problems;
}

export type RowAction = 'create' | 'update' | 'unchanged' | 'refused';

export interface PlannedRow {
	line: number;
	action: RowAction;
	title: string;
	/** The measure updated, or left unchanged. */
	measureId: number | null;
	/** Why the row is refused, or (for updates) which columns change. */
	details: string[];
	input: MeasureInput | null;
	/** The field and goal, by their keys in `newFields`/`newGoals` when the import creates them. */
	fieldKey: string;
	goalKey: string | null;
}

export interface CataloguePlan {
	rows: PlannedRow[];
	newFields: { key: string; code: string; title: string }[];
	newGoals: {
		key: string;
		fieldKey: string;
		title: string;
		indicator: string;
		targetValue: string;
	}[];
	counts: Record<RowAction, number>;
	/** Changes when anything the import would do changes: the import checks it against the dry run's. */
	fingerprint: string;
}

const compared = [
	'fieldOfActionId',
	'goalId',
	'title',
	'description',
	'lead',
	'partners',
	'timeframe',
	'costEstimate',
	'funding',
	'priority',
	'status',
	'plannedYear'
] as const satisfies (keyof MeasureInput)[];

const columnOfInput: Record<(typeof compared)[number], ImportKey> = {
	fieldOfActionId: 'field',
	goalId: 'goal',
	title: 'title',
	description: 'description',
	lead: 'lead',
	partners: 'partners',
	timeframe: 'timeframe',
	costEstimate: 'costEstimate',
	funding: 'funding',
	priority: 'priority',
	status: 'status',
	plannedYear: 'plannedYear'
};

function loadCatalogue(db: DbOrTx, processId: number) {
	const fields = db
		.select()
		.from(table.fieldOfAction)
		.where(eq(table.fieldOfAction.processId, processId))
		.all();
	const goals =
		fields.length === 0
			? []
			: db
					.select()
					.from(table.goal)
					.where(
						inArray(
							table.goal.fieldOfActionId,
							fields.map((f) => f.id)
						)
					)
					.all();
	return { fields, goals };
}

/** The measure with this id anywhere, to tell "another process" from "no such measure". */
function measuresById(db: DbOrTx, ids: number[]) {
	if (ids.length === 0) return new Map<number, table.Measure>();
	return new Map(
		db
			.select()
			.from(table.measure)
			.where(inArray(table.measure.id, ids))
			.all()
			.map((measure) => [measure.id, measure])
	);
}

/**
 * What importing these rows would do, row by row, without writing: the dry run. Fields of
 * action and goals are matched by title (case, accents and spaces ignored) and created when
 * missing; a row with an id updates that measure of the process, or is refused.
 */
export function planImport(
	db: DbOrTx,
	processId: number,
	rows: TableRow[],
	mapping: Mapping,
	fileHash: string
): CataloguePlan {
	const { fields, goals } = loadCatalogue(db, processId);
	const fieldByTitle = new Map(fields.map((f) => [normalise(f.title), f]));
	const codes = new Set(fields.map((f) => f.code));
	const goalByKey = new Map(goals.map((g) => [`${g.fieldOfActionId}|${normalise(g.title)}`, g]));
	const newFields = new Map<string, CataloguePlan['newFields'][number]>();
	const newGoals = new Map<string, CataloguePlan['newGoals'][number]>();

	const parsed = rows.map((row) => {
		const values: Partial<ImportedRow> = {};
		const problems: string[] = [];
		mapping.forEach((key, index) => {
			if (!key) return;
			const result = importColumns[key].parse(row.cells[index] ?? '');
			if (result.ok) (values as Record<string, unknown>)[key] = result.value;
			else problems.push(`${columnLabel(key)}: ${result.problem}`);
		});
		return { row, values, problems };
	});
	const existing = measuresById(
		db,
		parsed.flatMap(({ values }) => (values.id ? [values.id] : []))
	);
	const seenIds = new Set<number>();

	const planned = parsed.map(({ row, values, problems }): PlannedRow => {
		const title = values.title ?? row.cells[mapping.indexOf('title')] ?? '';
		const refuse = (details: string[]): PlannedRow => ({
			line: row.line,
			action: 'refused',
			title,
			measureId: null,
			details,
			input: null,
			fieldKey: '',
			goalKey: null
		});
		if (problems.length > 0) return refuse(problems);
		let current: table.Measure | undefined;
		if (values.id) {
			current = existing.get(values.id);
			if (!current || current.processId !== processId) {
				return refuse([m.import_problem_foreign_id({ id: values.id })]);
			}
			if (current.archivedAt) return refuse([m.import_problem_archived({ id: values.id })]);
			if (seenIds.has(values.id)) return refuse([m.import_problem_id_twice({ id: values.id })]);
			seenIds.add(values.id);
		}

		const fieldTitle = values.field!;
		const knownField = fieldByTitle.get(normalise(fieldTitle));
		const fieldKey = knownField ? `id:${knownField.id}` : `new:${normalise(fieldTitle)}`;
		if (!knownField && !newFields.has(fieldKey)) {
			let code = values.fieldCode ?? '';
			if (code === '' || codes.has(code)) {
				let n = 1;
				while (codes.has(String(n))) n += 1;
				code = String(n);
			}
			codes.add(code);
			newFields.set(fieldKey, { key: fieldKey, code, title: fieldTitle });
		}
		let goalKey: string | null = null;
		if (values.goal) {
			const known = knownField && goalByKey.get(`${knownField.id}|${normalise(values.goal)}`);
			goalKey = known ? `id:${known.id}` : `new:${fieldKey}|${normalise(values.goal)}`;
			if (!known && !newGoals.has(goalKey)) {
				newGoals.set(goalKey, {
					key: goalKey,
					fieldKey,
					title: values.goal,
					indicator: values.goalIndicator ?? '',
					targetValue: values.goalTarget ?? ''
				});
			}
		} else if (current && !mapping.includes('goal') && current.fieldOfActionId === knownField?.id) {
			goalKey = current.goalId === null ? null : `id:${current.goalId}`;
		}

		const idOf = (key: string | null) => (key?.startsWith('id:') ? Number(key.slice(3)) : null);
		// Columns the mapping leaves out keep what the measure has (or the defaults, for a new one).
		const base: MeasureInput = current ?? {
			fieldOfActionId: 0,
			goalId: null,
			title: '',
			description: '',
			lead: '',
			partners: '',
			timeframe: 'medium',
			costEstimate: '',
			funding: 'open',
			priority: 'medium',
			status: 'proposed',
			plannedYear: null
		};
		const input: MeasureInput = {
			fieldOfActionId: idOf(fieldKey) ?? 0,
			goalId: idOf(goalKey),
			title: values.title!,
			description: values.description ?? base.description,
			lead: values.lead ?? base.lead,
			partners: values.partners ?? base.partners,
			timeframe: values.timeframe ?? base.timeframe,
			costEstimate: values.costEstimate ?? base.costEstimate,
			funding: values.funding ?? base.funding,
			priority: values.priority ?? base.priority,
			status: values.status ?? base.status,
			plannedYear:
				values.plannedYear !== undefined ? values.plannedYear : (base.plannedYear ?? null)
		};
		const common = { line: row.line, title, input, fieldKey, goalKey };
		if (!current) return { ...common, action: 'create', measureId: null, details: [] };
		const changed = compared.filter((key) => {
			if (key === 'fieldOfActionId')
				return !knownField || knownField.id !== current.fieldOfActionId;
			if (key === 'goalId') return goalKey?.startsWith('new:') || input.goalId !== current.goalId;
			return input[key] !== current[key];
		});
		return {
			...common,
			action: changed.length === 0 ? 'unchanged' : 'update',
			measureId: current.id,
			details: changed.map((key) => columnLabel(columnOfInput[key]))
		};
	});

	const counts: Record<RowAction, number> = { create: 0, update: 0, unchanged: 0, refused: 0 };
	for (const row of planned) counts[row.action] += 1;
	const updatedAt = new Map([...existing.values()].map((e) => [e.id, e.updatedAt.getTime()]));
	const fingerprint = createHash('sha256')
		.update(
			JSON.stringify({
				fileHash,
				mapping,
				rows: planned.map((row) => [row, row.measureId && updatedAt.get(row.measureId)]),
				newFields: [...newFields.values()],
				newGoals: [...newGoals.values()]
			})
		)
		.digest('hex');
	return {
		rows: planned,
		newFields: [...newFields.values()],
		newGoals: [...newGoals.values()],
		counts,
		fingerprint
	};
}

export type ImportOutcome =
	| { ok: true; counts: Record<RowAction, number>; fields: number; goals: number }
	| { ok: false; reason: 'changed' | 'refused_rows' | 'nothing' };

/**
 * Imports what the dry run showed, in one transaction: if the catalogue changed since (the
 * fingerprint differs), or any row is refused, nothing is written.
 */
export function runImport(
	db: Db,
	processId: number,
	rows: TableRow[],
	mapping: Mapping,
	fileHash: string,
	fingerprint: string
): ImportOutcome {
	return db.transaction((tx) => {
		const plan = planImport(tx, processId, rows, mapping, fileHash);
		if (plan.fingerprint !== fingerprint) return { ok: false, reason: 'changed' } as const;
		if (plan.counts.refused > 0) return { ok: false, reason: 'refused_rows' } as const;
		if (plan.counts.create + plan.counts.update === 0)
			return { ok: false, reason: 'nothing' } as const;
		const fieldIds = new Map<string, number>();
		for (const field of plan.newFields) {
			const created = tx
				.insert(table.fieldOfAction)
				.values({
					processId,
					code: field.code,
					title: field.title,
					position: nextPosition(tx, {
						rows: table.fieldOfAction,
						parent: table.fieldOfAction.processId,
						parentId: processId
					})
				})
				.returning()
				.get();
			fieldIds.set(field.key, created.id);
		}
		const fieldId = (key: string) => fieldIds.get(key) ?? Number(key.slice(3));
		const goalIds = new Map<string, number>();
		for (const goal of plan.newGoals) {
			const parent = fieldId(goal.fieldKey);
			const position = tx
				.select({ id: table.goal.id })
				.from(table.goal)
				.where(eq(table.goal.fieldOfActionId, parent))
				.all().length;
			const created = tx
				.insert(table.goal)
				.values({
					fieldOfActionId: parent,
					title: goal.title,
					indicator: goal.indicator,
					targetValue: goal.targetValue,
					position
				})
				.returning()
				.get();
			goalIds.set(goal.key, created.id);
		}
		// New measures go to the end of their field, as one made by hand does; counted once per
		// field rather than per row, so 5,000 rows stay one quick transaction.
		const nextPositions = new Map<number, number>();
		const nextPositionIn = (fieldId: number) => {
			const next =
				nextPositions.get(fieldId) ??
				Math.max(
					-1,
					...tx
						.select({ position: table.measure.position })
						.from(table.measure)
						.where(eq(table.measure.fieldOfActionId, fieldId))
						.all()
						.map((other) => other.position)
				) + 1;
			nextPositions.set(fieldId, next + 1);
			return next;
		};
		for (const row of plan.rows) {
			if (row.action !== 'create' && row.action !== 'update') continue;
			const input: MeasureInput = {
				...row.input!,
				fieldOfActionId: fieldId(row.fieldKey),
				goalId:
					row.goalKey === null ? null : (goalIds.get(row.goalKey) ?? Number(row.goalKey.slice(3)))
			};
			if (row.action === 'create') {
				const position = nextPositionIn(input.fieldOfActionId);
				tx.insert(table.measure)
					.values({ ...input, processId, position })
					.run();
				continue;
			}
			const current = tx
				.select()
				.from(table.measure)
				.where(and(eq(table.measure.id, row.measureId!), eq(table.measure.processId, processId)))
				.get()!;
			// A measure moved to another field goes to its end; the numbers follow the order.
			const position =
				current.fieldOfActionId === input.fieldOfActionId
					? current.position
					: nextPositionIn(input.fieldOfActionId);
			tx.update(table.measure)
				.set({ ...input, position, updatedAt: new Date() })
				.where(eq(table.measure.id, current.id))
				.run();
		}
		return {
			ok: true,
			counts: plan.counts,
			fields: plan.newFields.length,
			goals: plan.newGoals.length
		} as const;
	});
}
