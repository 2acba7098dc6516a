import { createHash } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { m } from '../../paraglide/messages';
import { normaliseLead } from '../../measure-values';
import {
	listsOfMeasures,
	relationNamesOf,
	relationsNamed,
	type CostYear,
	type MeasureInput,
	type MeasureLists,
	type MeasureParties
} from '../concept/measures';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { namedFundings } from '../db/schema';
import { nextPosition } from '../process/ordering';
import {
	columnLabel,
	columnOfHeader,
	importColumns,
	importKeys,
	normalise,
	type ExportRow,
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
	input: FullInput | null;
	/** The field and goal, by their keys in `newFields`/`newGoals` when the import creates them. */
	fieldKey: string;
	goalKey: string | null;
	/** Which lists the import writes anew: only those that change, so the log shows no noise. */
	rewrite: { parties: boolean; costYears: boolean; furtherFields: boolean; guidelines: boolean };
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

/** Every value of a measure an import sets, its lists included. */
type FullInput = Required<Omit<MeasureInput, 'parties' | 'costYears'>> & {
	parties: MeasureParties;
	costYears: CostYear[];
};

const blank: Omit<FullInput, 'fieldOfActionId' | 'goalId' | 'title'> = {
	ownNumber: null,
	description: '',
	leadBodyId: null,
	lead: '',
	parties: { addressees: [], partners: [] },
	timeframe: 'medium',
	periodStart: null,
	periodEnd: null,
	costCents: null,
	costKind: 'one_off',
	costYears: [],
	costEstimate: '',
	funding: 'open',
	fundingName: '',
	budgetReservation: false,
	priority: 'medium',
	status: 'proposed',
	plannedYear: null,
	projectId: null,
	furtherFieldIds: [],
	guidelineIds: []
};

function storedInput(measure: table.Measure, lists: MeasureLists): FullInput {
	return {
		fieldOfActionId: measure.fieldOfActionId,
		goalId: measure.goalId,
		ownNumber: measure.ownNumber,
		title: measure.title,
		description: measure.description,
		leadBodyId: measure.leadBodyId,
		lead: measure.lead,
		parties: { addressees: lists.addressees, partners: lists.partners },
		timeframe: measure.timeframe,
		periodStart: measure.periodStart,
		periodEnd: measure.periodEnd,
		costCents: measure.costCents,
		costKind: measure.costKind,
		costYears: lists.costYears,
		costEstimate: measure.costEstimate,
		funding: measure.funding,
		fundingName: measure.fundingName,
		budgetReservation: measure.budgetReservation,
		priority: measure.priority,
		status: measure.status,
		plannedYear: measure.plannedYear,
		projectId: measure.projectId,
		furtherFieldIds: lists.furtherFieldIds,
		guidelineIds: lists.guidelineIds
	};
}

/** The column a changed value is shown under in the dry run. */
const columnOfInput: Record<Exclude<keyof FullInput, 'parties'>, ImportKey> = {
	fieldOfActionId: 'field',
	goalId: 'goal',
	ownNumber: 'ownNumber',
	title: 'title',
	description: 'description',
	leadBodyId: 'lead',
	lead: 'lead',
	timeframe: 'timeframe',
	periodStart: 'timeframe',
	periodEnd: 'timeframe',
	costCents: 'costCents',
	costKind: 'costKind',
	costYears: 'costYears',
	costEstimate: 'costEstimate',
	funding: 'funding',
	fundingName: 'fundingName',
	budgetReservation: 'budgetReservation',
	priority: 'priority',
	status: 'status',
	plannedYear: 'plannedYear',
	projectId: 'project',
	furtherFieldIds: 'furtherFields',
	guidelineIds: 'guidelines'
};

/**
 * Columns of a measure's own values. For a measure named by its id, a cell that reads exactly
 * as the export writes it keeps what the measure has, as if the column were not mapped: so an
 * export imported again changes nothing, even where text alone cannot tell values apart (a free
 * partner entry with a comma, a lead text that is also a body's name, an own number equal to
 * the computed one).
 */
const keptAsExported = new Set<ImportKey>([
	'ownNumber',
	'description',
	'lead',
	'addressees',
	'partners',
	'timeframe',
	'costCents',
	'costKind',
	'costYears',
	'costEstimate',
	'funding',
	'fundingName',
	'budgetReservation',
	'priority',
	'status',
	'plannedYear',
	'furtherFields',
	'guidelines',
	'project'
]);

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
	const bodies = db
		.select({ id: table.body.id, name: table.body.name, archivedAt: table.body.archivedAt })
		.from(table.body)
		.where(eq(table.body.processId, processId))
		.all();
	const measures = db
		.select({
			id: table.measure.id,
			title: table.measure.title,
			fieldOfActionId: table.measure.fieldOfActionId,
			ownNumber: table.measure.ownNumber,
			archivedAt: table.measure.archivedAt
		})
		.from(table.measure)
		.where(eq(table.measure.processId, processId))
		.orderBy(asc(table.measure.position), asc(table.measure.id))
		.all();
	return { fields, goals, bodies, measures };
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

const sameList = <T>(a: T[], b: T[]) => JSON.stringify(a) === JSON.stringify(b);
const sortedIds = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

/**
 * What importing these rows would do, row by row, without writing: the dry run. Fields of
 * action and goals are matched by title (case, accents and spaces ignored) and created when
 * missing; a row with an id updates that measure of the process, or is refused. A lead that
 * is the name of one of the process's bodies (alone, or before a semicolon and further words)
 * makes that body lead. The "Nr." cell sets the own number only where it differs from the
 * number the measure gets anyway from its field's code and place; empty means that number.
 */
export function planImport(
	db: DbOrTx,
	processId: number,
	rows: TableRow[],
	mapping: Mapping,
	fileHash: string
): CataloguePlan {
	const catalogue = loadCatalogue(db, processId);
	const { fields, goals } = catalogue;
	const fieldById = new Map(fields.map((f) => [f.id, f]));
	const fieldByTitle = new Map(fields.map((f) => [normalise(f.title), f]));
	const codes = new Set(fields.map((f) => f.code));
	const goalById = new Map(goals.map((g) => [g.id, g]));
	const goalByKey = new Map(goals.map((g) => [`${g.fieldOfActionId}|${normalise(g.title)}`, g]));
	const newFields = new Map<string, CataloguePlan['newFields'][number]>();
	const newGoals = new Map<string, CataloguePlan['newGoals'][number]>();
	// A body still working wins over an archived one of the same name.
	const bodyByName = new Map(
		[...catalogue.bodies]
			.sort((a, b) => Number(a.archivedAt === null) - Number(b.archivedAt === null))
			.map((body) => [normalise(body.name), body])
	);
	const bodyName = new Map(catalogue.bodies.map((body) => [body.id, body.name]));
	const names = relationNamesOf(db, processId);
	// Further fields by "code title", title or code; guidelines and projects by title.
	const fieldByName = new Map<string, number>();
	for (const f of fields) {
		for (const name of [f.code, f.title, `${f.code} ${f.title}`]) {
			if (!fieldByName.has(normalise(name))) fieldByName.set(normalise(name), f.id);
		}
	}
	const idsByName = (named: Map<number, string>) =>
		new Map([...named].map(([id, name]) => [normalise(name), id]));
	const guidelineByName = idsByName(names.guidelines);
	const projectByName = idsByName(names.projects);
	const computedNumber = new Map<number, string>();
	const placed = new Map<number, number>();
	for (const measure of catalogue.measures) {
		if (measure.archivedAt) continue;
		const place = (placed.get(measure.fieldOfActionId) ?? 0) + 1;
		placed.set(measure.fieldOfActionId, place);
		computedNumber.set(measure.id, `${fieldById.get(measure.fieldOfActionId)!.code}.${place}`);
	}
	const numberHolder = new Map(
		catalogue.measures.flatMap((measure) =>
			measure.ownNumber === null ? [] : [[measure.ownNumber, measure] as const]
		)
	);

	const idColumn = mapping.indexOf('id');
	const ids = rows.map((row) => {
		if (idColumn < 0) return null;
		const parsed = importColumns.id.parse(row.cells[idColumn] ?? '');
		return parsed.ok ? parsed.value : null;
	});
	const existing = measuresById(
		db,
		ids.filter((id) => id !== null)
	);
	const ours = [...existing.values()].filter(
		(measure) => measure.processId === processId && !measure.archivedAt
	);
	const lists = listsOfMeasures(
		db,
		ours.map((measure) => measure.id)
	);
	const exportRowOf = (measure: table.Measure): ExportRow => ({
		measure: {
			...measure,
			number: measure.ownNumber ?? computedNumber.get(measure.id) ?? ''
		},
		field: fieldById.get(measure.fieldOfActionId)!,
		goal: measure.goalId === null ? null : (goalById.get(measure.goalId) ?? null),
		// The goal's columns are read only for goals the import creates.
		goalIndicator: null,
		lists: lists.get(measure.id)!,
		leadBody: measure.leadBodyId === null ? null : (bodyName.get(measure.leadBodyId) ?? null),
		...relationsNamed(names, measure, lists.get(measure.id)!),
		latest: null,
		overdue: false,
		stalled: false
	});

	const parsed = rows.map((row, index) => {
		const known = existing.get(ids[index] ?? 0);
		const current = known && lists.has(known.id) ? exportRowOf(known) : null;
		const values: Partial<ImportedRow> = {};
		const problems: string[] = [];
		mapping.forEach((key, column) => {
			if (!key) return;
			const cell = row.cells[column] ?? '';
			const spec = importColumns[key];
			if (current && keptAsExported.has(key)) {
				if (cell.trim() === String(spec.export(current) ?? '').trim()) return;
			}
			const result = spec.parse(cell);
			if (result.ok) (values as Record<string, unknown>)[key] = result.value;
			else problems.push(`${columnLabel(key)}: ${result.problem}`);
		});
		return { row, values, problems };
	});
	const seenIds = new Set<number>();
	const claimedNumbers = new Set<string>();
	const arriving = new Map<string, number>();

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
			goalKey: null,
			rewrite: { parties: false, costYears: false, furtherFields: false, guidelines: false }
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
		const base: Omit<FullInput, 'fieldOfActionId' | 'goalId' | 'title'> = current
			? storedInput(current, lists.get(current.id)!)
			: blank;
		const rowProblems: string[] = [];

		const staying = current !== undefined && current.fieldOfActionId === knownField?.id;
		let computed: string;
		if (staying) computed = computedNumber.get(current!.id)!;
		else {
			const code = knownField?.code ?? newFields.get(fieldKey)!.code;
			const place =
				(knownField ? (placed.get(knownField.id) ?? 0) : 0) + (arriving.get(fieldKey) ?? 0);
			arriving.set(fieldKey, (arriving.get(fieldKey) ?? 0) + 1);
			computed = `${code}.${place + 1}`;
		}
		let ownNumber = base.ownNumber;
		if (values.ownNumber !== undefined) {
			ownNumber = values.ownNumber === computed ? null : values.ownNumber;
		}
		if (ownNumber !== null) {
			const holder = numberHolder.get(ownNumber);
			if (claimedNumbers.has(ownNumber)) {
				rowProblems.push(m.import_problem_own_number_twice({ number: ownNumber }));
			} else if (holder && holder.id !== current?.id) {
				rowProblems.push(m.error_own_number_taken({ number: ownNumber, title: holder.title }));
			}
			claimedNumbers.add(ownNumber);
		}

		let lead = { leadBodyId: base.leadBodyId, lead: base.lead };
		if (values.lead !== undefined) {
			const whole = bodyByName.get(normalise(values.lead));
			const cut = values.lead.indexOf(';');
			const head = cut > 0 ? bodyByName.get(normalise(values.lead.slice(0, cut))) : undefined;
			// An organisation of the vocabulary is stored by its key, as the form stores it.
			const organisation = (text: string) => {
				const parsed = normaliseLead(text);
				return parsed.ok ? parsed.value : text;
			};
			if (whole) lead = { leadBodyId: whole.id, lead: '' };
			else if (head) {
				lead = { leadBodyId: head.id, lead: organisation(values.lead.slice(cut + 1)) };
			} else lead = { leadBodyId: null, lead: organisation(values.lead) };
		}

		const when = values.timeframe ?? {
			timeframe: base.timeframe,
			period:
				base.timeframe === 'period' && base.periodStart !== null
					? { start: base.periodStart, end: base.periodEnd ?? base.periodStart }
					: null
		};
		const inPeriod = (year: number) =>
			when.period !== null && year >= when.period.start && year <= when.period.end;
		let costYears = base.costYears.filter(({ year }) => inPeriod(year));
		if (values.costYears !== undefined) {
			costYears = values.costYears;
			for (const { year } of costYears.filter(({ year }) => !inPeriod(year))) {
				rowProblems.push(m.import_problem_cost_year_outside({ year }));
			}
		}

		const funding = values.funding ?? base.funding;
		const named = namedFundings.includes(funding);
		let fundingName = named ? base.fundingName : '';
		if (values.fundingName !== undefined) {
			fundingName = values.fundingName;
			if (!named && fundingName !== '') rowProblems.push(m.import_problem_funding_name());
		}
		const resolve = (
			given: string[] | undefined,
			byName: Map<string, number>,
			problem: (name: string) => string
		) =>
			given?.flatMap((name) => {
				const found = byName.get(normalise(name));
				if (found === undefined) rowProblems.push(problem(name));
				return found ?? [];
			});
		const further = resolve(values.furtherFields, fieldByName, (name) =>
			m.import_problem_unknown_field({ name })
		);
		const guidelineIds = resolve(values.guidelines, guidelineByName, (name) =>
			m.import_problem_unknown_guideline({ name })
		);
		let projectId = base.projectId;
		if (values.project !== undefined) {
			projectId =
				values.project === '' ? null : (projectByName.get(normalise(values.project)) ?? null);
			if (values.project !== '' && projectId === null) {
				rowProblems.push(m.import_problem_unknown_project({ name: values.project }));
			}
		}
		if (rowProblems.length > 0) return refuse(rowProblems);
		const mainFieldId = idOf(fieldKey);
		const furtherFieldIds = sortedIds(
			(further ?? base.furtherFieldIds).filter((id) => id !== mainFieldId)
		);

		const input: FullInput = {
			fieldOfActionId: idOf(fieldKey) ?? 0,
			goalId: idOf(goalKey),
			ownNumber,
			title: values.title!,
			description: values.description ?? base.description,
			...lead,
			parties: {
				addressees: values.addressees ?? base.parties.addressees,
				partners: values.partners ?? base.parties.partners
			},
			timeframe: when.timeframe,
			periodStart: when.period?.start ?? null,
			periodEnd: when.period?.end ?? null,
			costCents: values.costCents !== undefined ? values.costCents : base.costCents,
			costKind: values.costKind ?? base.costKind,
			costYears,
			costEstimate: values.costEstimate ?? base.costEstimate,
			funding,
			fundingName,
			budgetReservation: values.budgetReservation ?? base.budgetReservation,
			priority: values.priority ?? base.priority,
			status: values.status ?? base.status,
			plannedYear: values.plannedYear !== undefined ? values.plannedYear : base.plannedYear,
			projectId,
			furtherFieldIds,
			guidelineIds: sortedIds(guidelineIds ?? base.guidelineIds)
		};
		const common = { line: row.line, title, input, fieldKey, goalKey };
		if (!current) {
			return {
				...common,
				action: 'create',
				measureId: null,
				details: [],
				rewrite: {
					parties: input.parties.addressees.length + input.parties.partners.length > 0,
					costYears: input.costYears.length > 0,
					furtherFields: input.furtherFieldIds.length > 0,
					guidelines: input.guidelineIds.length > 0
				}
			};
		}
		const stored = storedInput(current, lists.get(current.id)!);
		const rewrite = {
			parties:
				!sameList(input.parties.addressees, stored.parties.addressees) ||
				!sameList(input.parties.partners, stored.parties.partners),
			costYears: !sameList(input.costYears, stored.costYears),
			furtherFields: !sameList(input.furtherFieldIds, sortedIds(stored.furtherFieldIds)),
			guidelines: !sameList(input.guidelineIds, sortedIds(stored.guidelineIds))
		};
		const changed = new Set<ImportKey>();
		for (const key of Object.keys(columnOfInput) as (keyof typeof columnOfInput)[]) {
			const differs =
				key === 'fieldOfActionId'
					? !knownField || knownField.id !== current.fieldOfActionId
					: key === 'goalId'
						? goalKey?.startsWith('new:') || input.goalId !== current.goalId
						: key === 'costYears'
							? rewrite.costYears
							: key === 'furtherFieldIds'
								? rewrite.furtherFields
								: key === 'guidelineIds'
									? rewrite.guidelines
									: input[key] !== stored[key];
			if (differs) changed.add(columnOfInput[key]);
		}
		if (!sameList(input.parties.addressees, stored.parties.addressees)) changed.add('addressees');
		if (!sameList(input.parties.partners, stored.parties.partners)) changed.add('partners');
		return {
			...common,
			action: changed.size === 0 ? 'unchanged' : 'update',
			measureId: current.id,
			details: importKeys.filter((key) => changed.has(key)).map(columnLabel),
			rewrite
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

/**
 * A new goal's "Indikator" and "Zielwert" cells as its first indicator: the target's text kept
 * in the note, and its value when it is a plain number ("120", "12,5"); none when both are empty.
 */
function indicatorOfGoalText(name: string, target: string) {
	if (name === '' && target === '') return null;
	return {
		name: name || target,
		targetValue: /^\d+(,\d+)?$/.test(target) ? Number(target.replace(',', '.')) : null,
		note: target
	};
}

/** Rows per statement when lists are written in bulk, well under SQLite's variable limit. */
const chunk = 500;

function inChunks<T>(items: T[], write: (part: T[]) => void) {
	for (let at = 0; at < items.length; at += chunk) write(items.slice(at, at + chunk));
}

/**
 * Writes the addressees, partners and amounts per year that the import changes, in a few
 * statements for all rows, not a few per row.
 */
function storeLists(tx: DbOrTx, rows: Map<number, PlannedRow>) {
	const partiesOf: number[] = [];
	const costsOf: number[] = [];
	for (const [measureId, row] of rows) {
		if (row.rewrite.parties) partiesOf.push(measureId);
		if (row.rewrite.costYears) costsOf.push(measureId);
	}
	inChunks(partiesOf, (ids) =>
		tx.delete(table.measureParty).where(inArray(table.measureParty.measureId, ids)).run()
	);
	inChunks(costsOf, (ids) =>
		tx.delete(table.measureCost).where(inArray(table.measureCost.measureId, ids)).run()
	);
	const parties = partiesOf.flatMap((measureId) => {
		const { addressees, partners } = rows.get(measureId)!.input!.parties;
		return [
			...addressees.map((label, position) => ({
				measureId,
				role: 'addressee' as const,
				label,
				position
			})),
			...partners.map((label, position) => ({
				measureId,
				role: 'partner' as const,
				label,
				position
			}))
		];
	});
	inChunks(parties, (part) => tx.insert(table.measureParty).values(part).run());
	const costs = costsOf.flatMap((measureId) =>
		rows.get(measureId)!.input!.costYears.map(({ year, cents }) => ({
			measureId,
			year,
			amountCents: cents
		}))
	);
	inChunks(costs, (part) => tx.insert(table.measureCost).values(part).run());
	const fieldsOf = [...rows].filter(([, row]) => row.rewrite.furtherFields).map(([id]) => id);
	const guidelinesOf = [...rows].filter(([, row]) => row.rewrite.guidelines).map(([id]) => id);
	inChunks(fieldsOf, (ids) =>
		tx.delete(table.measureField).where(inArray(table.measureField.measureId, ids)).run()
	);
	inChunks(guidelinesOf, (ids) =>
		tx.delete(table.measureGuideline).where(inArray(table.measureGuideline.measureId, ids)).run()
	);
	const fieldLinks = fieldsOf.flatMap((measureId) =>
		rows.get(measureId)!.input!.furtherFieldIds.map((fieldOfActionId) => ({
			measureId,
			fieldOfActionId
		}))
	);
	inChunks(fieldLinks, (part) => tx.insert(table.measureField).values(part).run());
	const guidelineLinks = guidelinesOf.flatMap((measureId) =>
		rows.get(measureId)!.input!.guidelineIds.map((guidelineId) => ({ measureId, guidelineId }))
	);
	inChunks(guidelineLinks, (part) => tx.insert(table.measureGuideline).values(part).run());
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
				.values({ fieldOfActionId: parent, title: goal.title, position })
				.returning()
				.get();
			goalIds.set(goal.key, created.id);
			const indicator = indicatorOfGoalText(goal.indicator, goal.targetValue);
			if (indicator) {
				tx.insert(table.indicator)
					.values({ ...indicator, goalId: created.id, position: 0 })
					.run();
			}
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
		const written = new Map<number, PlannedRow>();
		for (const row of plan.rows) {
			if (row.action !== 'create' && row.action !== 'update') continue;
			const {
				parties: _parties,
				costYears: _costYears,
				furtherFieldIds: _furtherFieldIds,
				guidelineIds: _guidelineIds,
				...values
			} = row.input!;
			const input = {
				...values,
				fieldOfActionId: fieldId(row.fieldKey),
				goalId:
					row.goalKey === null ? null : (goalIds.get(row.goalKey) ?? Number(row.goalKey.slice(3)))
			};
			let measureId: number;
			if (row.action === 'create') {
				const position = nextPositionIn(input.fieldOfActionId);
				measureId = tx
					.insert(table.measure)
					.values({ ...input, processId, position })
					.returning({ id: table.measure.id })
					.get().id;
			} else {
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
				measureId = current.id;
			}
			written.set(measureId, row);
		}
		storeLists(tx, written);
		return {
			ok: true,
			counts: plan.counts,
			fields: plan.newFields.length,
			goals: plan.newGoals.length
		} as const;
	});
}
