import * as v from 'valibot';
import {
	costKind,
	measureFunding,
	measurePriority,
	measureStatus,
	measureTimeframe
} from '../../labels';
import {
	formatEuro,
	parseEuro,
	parseOwnNumber,
	parsePartyList,
	parsePeriod,
	partyLabel,
	timeframeText,
	type Period
} from '../../measure-values';
import { m } from '../../paraglide/messages';
import type { CostYear, MeasureLists } from '../concept/measures';
import type * as table from '../db/schema';
import {
	costKinds,
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
	ownNumber: string | null;
	title: string;
	description: string;
	lead: string;
	addressees: string[];
	partners: string[];
	timeframe: { timeframe: table.Measure['timeframe']; period: Period | null };
	costCents: number | null;
	costKind: table.Measure['costKind'];
	costYears: CostYear[];
	costEstimate: string;
	funding: table.Measure['funding'];
	fundingName: string;
	budgetReservation: boolean;
	priority: table.Measure['priority'];
	status: table.Measure['status'];
	plannedYear: number | null;
	/** Named as the export writes them ("3 Wohnen", or a title or code alone); resolved in the plan. */
	furtherFields: string[];
	guidelines: string[];
	project: string;
}
export type ImportKey = keyof ImportedRow;

/** What an export row knows of a measure. */
export interface ExportRow {
	measure: table.Measure & { number: string };
	field: table.FieldOfAction;
	goal: table.Goal | null;
	/** The goal's first indicator, written in the goal's "Indikator" and "Zielwert" columns. */
	goalIndicator: table.Indicator | null;
	lists: MeasureLists;
	/** The name of the leading body, if one leads. */
	leadBody: string | null;
	/** The further fields ("3 Wohnen"), guidelines and project by name. */
	furtherFields: string[];
	guidelines: string[];
	project: string;
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

/** A rule of `$lib/measure-values`, its refusal worded as the import words it. */
function shared<T>(
	parse: (value: string) => { ok: true; value: T } | { ok: false; message: string }
) {
	return (value: string): Parsed<T> => {
		const result = parse(value);
		return result.ok ? result : { ok: false, problem: result.message };
	};
}

const parties = shared(parsePartyList);

/** Names separated by semicolons or lines, each one line of text; empty entries dropped. */
function nameList(value: string): Parsed<string[]> {
	const names: string[] = [];
	for (const entry of value.split(/[;\n\r]+/)) {
		const parsed = text(field.optionalLine(300))(entry);
		if (!parsed.ok) return parsed;
		if (parsed.value !== '' && !names.includes(parsed.value)) names.push(parsed.value);
	}
	return { ok: true, value: names };
}
const nameCell = (names: string[]) => names.join('; ');
const partyCell = (labels: string[]) => labels.map((label) => partyLabel(label)).join('; ');

/** "2018/19" or "2025–2027" is a period of years; else one of the timeframes, not `period`. */
const timeframeChoice = choice(
	measureTimeframes,
	measureTimeframe,
	{ kurz: 'short', mittel: 'medium', lang: 'long', dauerhaft: 'long', fortlaufend: 'long' },
	'medium'
);
function timeframe(value: string): Parsed<ImportedRow['timeframe']> {
	if (/^\s*\d/.test(value)) {
		const period = shared(parsePeriod)(value);
		return period.ok ? { ok: true, value: { timeframe: 'period', period: period.value } } : period;
	}
	const chosen = timeframeChoice(value);
	if (!chosen.ok) return chosen;
	if (chosen.value === 'period') return { ok: false, problem: m.error_period_required() };
	return { ok: true, value: { timeframe: chosen.value, period: null } };
}

/** Amounts per year in one cell: "2026: 12.500 €; 2027: 10.000 €" (or one per line). */
function costYears(value: string): Parsed<CostYear[]> {
	const years: CostYear[] = [];
	for (const entry of value.split(/[;\n\r]+/)) {
		if (entry.trim() === '') continue;
		const match = /^\s*(\d{4})\s*[:=]\s*(.+)$/.exec(entry);
		const amount = match ? parseEuro(match[2]!) : null;
		const year = Number(match?.[1]);
		if (!amount?.ok || amount.value === null || years.some((y) => y.year === year)) {
			return { ok: false, problem: m.import_problem_cost_years({ entry: entry.trim() }) };
		}
		years.push({ year, cents: amount.value });
	}
	return { ok: true, value: years.sort((a, b) => a.year - b.year) };
}
const costYearsCell = (years: CostYear[]) =>
	years.map(({ year, cents }) => `${year}: ${formatEuro(cents)}`).join('; ');

const yesWords = new Set(['ja', 'j', 'x', '×', 'yes', 'y', 'true', 'wahr', '1']);
const noWords = new Set(['', 'nein', 'n', 'no', 'false', 'falsch', '0', '-', '–']);
function yesNo(value: string): Parsed<boolean> {
	const word = value.trim().toLowerCase();
	if (yesWords.has(word)) return { ok: true, value: true };
	if (noWords.has(word)) return { ok: true, value: false };
	return { ok: false, problem: m.import_problem_yes_no({ value }) };
}

/** The lead as one cell: the leading body's name, then any further words after a semicolon. */
export function leadCell(leadBody: string | null, lead: string): string {
	if (leadBody === null) return lead;
	return lead === '' ? leadBody : `${leadBody}; ${lead}`;
}

export const importColumns: { [K in ImportKey]: ColumnSpec<ImportedRow[K]> } = {
	id: {
		header: m.catalogue_column_id,
		aliases: ['ID', 'Kennung', 'Maßnahmen-ID'],
		parse: measureId,
		export: ({ measure }) => measure.id
	},
	ownNumber: {
		header: m.catalogue_column_number,
		aliases: ['Nummer', 'Eigene Nummer', 'Maßnahmen-Nr.', 'Maßnahmennummer', 'Number', 'No'],
		parse: shared(parseOwnNumber),
		// The number the measure shows: its own, or the computed one (the import tells them apart).
		export: ({ measure }) => measure.number
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
		export: ({ goalIndicator }) => goalIndicator?.name ?? ''
	},
	goalTarget: {
		header: m.catalogue_column_goal_target,
		aliases: ['Zielgröße', 'Target'],
		parse: optionalLine(200),
		// As typed when it came as text; else the number, read back as the same target value.
		export: ({ goalIndicator }) =>
			goalIndicator === null
				? ''
				: goalIndicator.note ||
					(goalIndicator.targetValue === null
						? ''
						: String(goalIndicator.targetValue).replace('.', ','))
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
		export: ({ measure, leadBody }) => leadCell(leadBody, partyLabel(measure.lead))
	},
	addressees: {
		header: m.catalogue_column_addressees,
		aliases: ['Adressaten', 'Zielgruppe', 'Zielgruppen', 'Addressees', 'Target groups'],
		parse: parties,
		export: ({ lists }) => partyCell(lists.addressees)
	},
	partners: {
		header: m.catalogue_column_partners,
		aliases: ['Partner', 'Beteiligte', 'Beteiligte Partner', 'Kooperation'],
		parse: parties,
		export: ({ lists }) => partyCell(lists.partners)
	},
	timeframe: {
		header: m.catalogue_column_timeframe,
		aliases: ['Zeitrahmen', 'Umsetzungszeitraum', 'Zeitplan', 'Umsetzung bis'],
		parse: timeframe,
		export: ({ measure }) => timeframeText(measure)
	},
	costCents: {
		header: m.catalogue_column_cost,
		aliases: [
			'Kosten in Euro',
			'Kosten (€)',
			'Kosten in €',
			'Kostenschätzung',
			'Betrag',
			'Cost estimate'
		],
		parse: shared(parseEuro),
		export: ({ measure }) => (measure.costCents === null ? '' : formatEuro(measure.costCents))
	},
	costKind: {
		header: m.catalogue_column_cost_kind,
		aliases: ['Art der Kosten', 'Kosten fallen an'],
		parse: choice(
			costKinds,
			costKind,
			{
				einmal: 'one_off',
				once: 'one_off',
				jährlich: 'per_year',
				jaehrlich: 'per_year',
				pa: 'per_year',
				laufend: 'per_year',
				annual: 'per_year',
				yearly: 'per_year'
			},
			'one_off'
		),
		// Left empty while there is no amount and the kind is the default one.
		export: ({ measure }) =>
			measure.costCents === null && measure.costKind === 'one_off'
				? ''
				: costKind.label(measure.costKind)
	},
	costYears: {
		header: m.catalogue_column_cost_years,
		aliases: ['Kosten pro Jahr', 'Jahresbeträge', 'Kosten nach Jahren'],
		parse: costYears,
		export: ({ lists }) => costYearsCell(lists.costYears)
	},
	costEstimate: {
		header: m.catalogue_column_cost_note,
		aliases: ['Kostenanmerkung', 'Anmerkung Kosten', 'Hinweis zu den Kosten', 'Ressourcen'],
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
				haushaltsmittel: 'own_budget',
				förderung: 'application',
				fördermittel: 'application',
				förderantrag: 'application',
				drittmittel: 'third_party',
				dritte: 'third_party',
				offen: 'open'
			},
			'open'
		),
		export: ({ measure }) => measureFunding.label(measure.funding)
	},
	fundingName: {
		header: m.catalogue_column_funding_name,
		aliases: ['Förderprogramm', 'Programm', 'Fördergeber', 'Mittelgeber', 'Funding programme'],
		parse: optionalLine(200),
		export: ({ measure }) => measure.fundingName
	},
	budgetReservation: {
		header: m.catalogue_column_budget_reservation,
		aliases: ['Unter Haushaltsvorbehalt', 'Vorbehalt'],
		parse: yesNo,
		export: ({ measure }) => (measure.budgetReservation ? '×' : '')
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
				offen: 'proposed',
				ressourcenvorbehalt: 'resource_reservation',
				gremienbeschluss: 'council_decision_needed',
				'Beschluss nötig': 'council_decision_needed'
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
	},
	furtherFields: {
		header: m.catalogue_column_further_fields,
		aliases: ['Weitere Handlungsfelder', 'Auch Handlungsfeld', 'Dient auch', 'Further fields'],
		parse: nameList,
		export: ({ furtherFields }) => nameCell(furtherFields)
	},
	guidelines: {
		header: m.catalogue_column_guidelines,
		aliases: ['Leitlinie', 'Guideline'],
		parse: nameList,
		export: ({ guidelines }) => nameCell(guidelines)
	},
	project: {
		header: m.catalogue_column_project,
		aliases: ['Starterprojekt', 'Projektbündel', 'Project'],
		parse: optionalLine(200),
		export: ({ project }) => project
	}
};

/** Columns the export adds for reading, which an import skips: they follow from other data. */
const exportOnlyColumns = {
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
	'ownNumber',
	'fieldCode',
	'field',
	'goal',
	'goalIndicator',
	'goalTarget',
	'title',
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
	'project',
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
