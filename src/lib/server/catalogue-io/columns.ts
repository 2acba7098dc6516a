import * as v from 'valibot';
import { measureFunding, measurePriority, measureStatus, measureTimeframe } from '../../labels';
import { m } from '../../paraglide/messages';
import type * as table from '../db/schema';
import {
	measureFundings,
	measurePriorities,
	measureStatuses,
	measureTimeframes
} from '../db/schema';
import * as field from '../forms/fields';

/**
 * The one list of catalogue columns: the import reads them, the CSV and XLSX exports write
 * them, in this order, so an export imported again changes nothing.
 */

type Locale = 'de' | 'en';
type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A header or value as people write it: case, accents, ß, spaces and punctuation ignored. */
export function normalise(text: string): string {
	return text
		.toLowerCase()
		.replaceAll('ß', 'ss')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The values one catalogue row sets, as the import reads them. */
export interface ImportedRow {
	id: number | null;
	fieldCode: string;
	field: string;
	goal: string;
	goalIndicator: string;
	goalTarget: string;
	title: string;
	description: string;
	lead: string;
	partners: string;
	timeframe: table.Measure['timeframe'];
	costEstimate: string;
	funding: table.Measure['funding'];
	priority: table.Measure['priority'];
	status: table.Measure['status'];
	plannedYear: number | null;
}
export type ImportKey = keyof ImportedRow;

/** What an export row knows of a measure. */
export interface ExportRow {
	measure: table.Measure & { number: string };
	field: table.FieldOfAction;
	goal: table.Goal | null;
	latest: table.MeasureUpdate | null;
	overdue: boolean;
	stalled: boolean;
}
export type Cell = string | number | null;

interface ColumnSpec<T> {
	header: Message;
	/** Further headers councils use for it, besides the header in every language. */
	aliases: string[];
	parse: (text: string) => Parsed<T>;
	export: (row: ExportRow) => Cell;
}

export function text<T>(schema: v.GenericSchema<string | undefined, T>) {
	return (value: string): Parsed<T> => {
		const result = v.safeParse(schema, value);
		return result.success
			? { ok: true, value: result.output }
			: { ok: false, problem: result.issues[0].message };
	};
}

/** A fixed value, given as its label in either language, the label's first words, or its key. */
export function choice<const T extends readonly string[]>(
	values: T,
	labelled: { label: (value: T[number], locale?: Locale) => string },
	synonyms: Record<string, T[number]>,
	fallback: T[number]
) {
	const known = new Map<string, T[number]>();
	for (const value of values) {
		known.set(normalise(value), value);
		for (const locale of ['de', 'en'] as const) {
			const label = labelled.label(value, locale);
			known.set(normalise(label), value);
			known.set(normalise(label.replace(/\(.*\)/, '')), value);
		}
	}
	for (const [synonym, value] of Object.entries(synonyms)) known.set(normalise(synonym), value);
	return (value: string): Parsed<T[number]> => {
		if (value.trim() === '') return { ok: true, value: fallback };
		const found = known.get(normalise(value));
		if (found !== undefined) return { ok: true, value: found };
		const allowed = values.map((option) => labelled.label(option)).join(' · ');
		return { ok: false, problem: m.import_problem_choice({ value, allowed }) };
	};
}

const year = (value: string): Parsed<number | null> => {
	if (value.trim() === '') return { ok: true, value: null };
	const number = Number(value.trim());
	return Number.isInteger(number) && number >= 2000 && number <= 2100
		? { ok: true, value: number }
		: { ok: false, problem: m.error_year() };
};

const measureId = (value: string): Parsed<number | null> => {
	if (value.trim() === '') return { ok: true, value: null };
	const number = Number(value.trim());
	return Number.isSafeInteger(number) && number > 0
		? { ok: true, value: number }
		: { ok: false, problem: m.import_problem_id({ value }) };
};

const optionalLine = (max: number) => text(field.optionalLine(max));

export const importColumns: { [K in ImportKey]: ColumnSpec<ImportedRow[K]> } = {
	id: {
		header: m.catalogue_column_id,
		aliases: ['ID', 'Kennung', 'Maßnahmen-ID'],
		parse: measureId,
		export: ({ measure }) => measure.id
	},
	fieldCode: {
		header: m.catalogue_column_field_code,
		aliases: ['HF-Nr.', 'Nr. Handlungsfeld', 'Handlungsfeldnummer'],
		parse: optionalLine(20),
		export: ({ field }) => field.code
	},
	field: {
		header: m.catalogue_column_field,
		aliases: ['HF', 'Themenfeld', 'Bereich', 'Field'],
		parse: text(field.requiredLine(200)),
		export: ({ field }) => field.title
	},
	goal: {
		header: m.catalogue_column_goal,
		aliases: ['Ziele', 'Zielsetzung', 'Handlungsziel', 'Objective'],
		parse: optionalLine(300),
		export: ({ goal }) => goal?.title ?? ''
	},
	goalIndicator: {
		header: m.catalogue_column_goal_indicator,
		aliases: ['Indikatoren', 'Kennzahl'],
		parse: optionalLine(300),
		export: ({ goal }) => goal?.indicator ?? ''
	},
	goalTarget: {
		header: m.catalogue_column_goal_target,
		aliases: ['Zielgröße', 'Target'],
		parse: optionalLine(200),
		export: ({ goal }) => goal?.targetValue ?? ''
	},
	title: {
		header: m.catalogue_column_title,
		aliases: ['Maßnahmen', 'Titel', 'Bezeichnung', 'Handlungsempfehlung', 'Title'],
		parse: text(field.requiredLine(200)),
		export: ({ measure }) => measure.title
	},
	description: {
		header: m.catalogue_column_description,
		aliases: ['Erläuterung', 'Inhalt', 'Kurzbeschreibung'],
		parse: text(field.optionalText(4000)),
		export: ({ measure }) => measure.description
	},
	lead: {
		header: m.catalogue_column_lead,
		aliases: ['Federführend', 'Verantwortlich', 'Zuständig', 'Zuständigkeit', 'Träger'],
		parse: optionalLine(200),
		export: ({ measure }) => measure.lead
	},
	partners: {
		header: m.catalogue_column_partners,
		aliases: ['Partner', 'Beteiligte', 'Beteiligte Partner', 'Kooperation'],
		parse: optionalLine(1000),
		export: ({ measure }) => measure.partners
	},
	timeframe: {
		header: m.catalogue_column_timeframe,
		aliases: ['Zeitrahmen', 'Umsetzungszeitraum', 'Zeitplan', 'Umsetzung bis'],
		parse: choice(
			measureTimeframes,
			measureTimeframe,
			{ kurz: 'short', mittel: 'medium', lang: 'long', dauerhaft: 'long', fortlaufend: 'long' },
			'medium'
		),
		export: ({ measure }) => measureTimeframe.label(measure.timeframe)
	},
	costEstimate: {
		header: m.catalogue_column_cost,
		aliases: ['Kostenschätzung', 'Kosten (€)', 'Kosten in Euro', 'Ressourcen', 'Cost estimate'],
		parse: optionalLine(200),
		export: ({ measure }) => measure.costEstimate
	},
	funding: {
		header: m.catalogue_column_funding,
		aliases: ['Finanzierungsquelle', 'Förderung', 'Mittel'],
		parse: choice(
			measureFundings,
			measureFunding,
			{
				haushalt: 'own_budget',
				eigenmittel: 'own_budget',
				foerderung: 'application',
				offen: 'open'
			},
			'open'
		),
		export: ({ measure }) => measureFunding.label(measure.funding)
	},
	priority: {
		header: m.catalogue_column_priority,
		aliases: ['Prio', 'Dringlichkeit'],
		parse: choice(measurePriorities, measurePriority, {}, 'medium'),
		export: ({ measure }) => measurePriority.label(measure.priority)
	},
	status: {
		header: m.catalogue_column_status,
		aliases: ['Status', 'Sachstand', 'Umsetzungsstand'],
		parse: choice(
			measureStatuses,
			measureStatus,
			{
				abgeschlossen: 'done',
				erledigt: 'done',
				laufend: 'in_implementation',
				begonnen: 'in_implementation',
				geplant: 'proposed',
				offen: 'proposed'
			},
			'proposed'
		),
		export: ({ measure }) => measureStatus.label(measure.status)
	},
	plannedYear: {
		header: m.catalogue_column_planned_year,
		aliases: ['Jahr', 'Planjahr', 'Umsetzungsjahr'],
		parse: year,
		export: ({ measure }) => measure.plannedYear
	}
};

/** Columns the export adds for reading, which an import skips: they follow from other data. */
const exportOnlyColumns = {
	number: { header: m.catalogue_column_number, export: ({ measure }: ExportRow) => measure.number },
	updateDate: {
		header: m.update_date,
		export: ({ latest }: ExportRow) => latest?.recordedOn ?? ''
	},
	updatePercent: {
		header: m.update_percent,
		export: ({ latest }: ExportRow) => latest?.percentDone ?? ''
	},
	updateNote: { header: m.update_note, export: ({ latest }: ExportRow) => latest?.note ?? '' },
	overdue: {
		header: m.monitoring_overdue,
		export: ({ overdue }: ExportRow) => (overdue ? '×' : '')
	},
	stalled: {
		header: m.monitoring_stalled,
		export: ({ stalled }: ExportRow) => (stalled ? '×' : '')
	}
} satisfies Record<string, Pick<ColumnSpec<unknown>, 'header' | 'export'>>;

type ColumnKey = ImportKey | keyof typeof exportOnlyColumns;

/** The order of the exported file. */
const exportOrder: ColumnKey[] = [
	'id',
	'number',
	'fieldCode',
	'field',
	'goal',
	'goalIndicator',
	'goalTarget',
	'title',
	'description',
	'lead',
	'partners',
	'timeframe',
	'costEstimate',
	'funding',
	'priority',
	'status',
	'plannedYear',
	'updateDate',
	'updatePercent',
	'updateNote',
	'overdue',
	'stalled'
];

export const importKeys = exportOrder.filter((key): key is ImportKey => key in importColumns);

const specOf = (key: ColumnKey) =>
	key in importColumns
		? importColumns[key as ImportKey]
		: exportOnlyColumns[key as keyof typeof exportOnlyColumns];

export function exportHeader(): string[] {
	return exportOrder.map((key) => specOf(key).header());
}

export function exportCells(row: ExportRow): Cell[] {
	return exportOrder.map((key) => specOf(key).export(row));
}

/** Every header that names a column to import, normalised; the export-only ones name nothing. */
const headerIndex = new Map<string, ImportKey>(
	importKeys.flatMap((key) => {
		const spec = importColumns[key];
		const names = [
			spec.header({}, { locale: 'de' }),
			spec.header({}, { locale: 'en' }),
			...spec.aliases
		];
		return names.map((name) => [normalise(name), key] as const);
	})
);

/** The column a header names, if any. */
export function columnOfHeader(header: string): ImportKey | null {
	return headerIndex.get(normalise(header)) ?? null;
}

export const columnLabel = (key: ImportKey) => importColumns[key].header();
