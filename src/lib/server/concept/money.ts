/**
 * The money of a concept version summed per field of action and per year, as the council
 * asks for it. An amount "per year" counts in every year of its period, unless a year has its
 * own amount; a one-off amount counts in its years as given, else in the first year of its
 * period or its planned year. What has no year (an amount per year without a period, a one-off without any year)
 * is summed apart. The part under Haushaltsvorbehalt is summed alongside.
 */
import type * as table from '../db/schema';

type SnapshotMeasure = table.ConceptSnapshot['fields'][number]['measures'][number];

export interface MoneyCell {
	cents: number;
	reservedCents: number;
}

export interface MoneyRow {
	label: string;
	/** One cell per year of `MoneySums.years`, in order. */
	years: MoneyCell[];
	noYear: MoneyCell;
	total: MoneyCell;
}

export interface MoneySums {
	years: number[];
	rows: MoneyRow[];
	total: MoneyRow;
}

/**
 * Where a measure's money falls: amounts by year, null for "no year". An amount given for a
 * year of the period stands for that year instead of the amount per year or once.
 */
export function moneyByYear(
	measure: Pick<SnapshotMeasure, 'money' | 'periodYears' | 'plannedYear'>
): { year: number | null; cents: number }[] {
	const money = measure.money;
	if (!money) return [];
	const period = measure.periodYears ?? null;
	const given = new Map(money.years.map(({ year, cents }) => [year, cents]));
	if (money.kind === 'per_year' && period) {
		const years = Array.from({ length: period.end - period.start + 1 }, (_, i) => period.start + i);
		return years.flatMap((year) => {
			const cents = given.get(year) ?? money.cents;
			return cents === null ? [] : [{ year, cents }];
		});
	}
	if (money.years.length > 0) return money.years;
	if (money.cents === null) return [];
	if (money.kind === 'per_year') return [{ year: null, cents: money.cents }];
	return [{ year: period?.start ?? measure.plannedYear ?? null, cents: money.cents }];
}

const empty = (): MoneyCell => ({ cents: 0, reservedCents: 0 });

function add(cell: MoneyCell, cents: number, reserved: boolean) {
	cell.cents += cents;
	if (reserved) cell.reservedCents += cents;
}

export function moneySums(
	concept: Pick<table.ConceptSnapshot, 'fields'>,
	allLabel: string
): MoneySums {
	const entries = concept.fields.map((field) => ({
		label: `${field.code} ${field.title}`,
		amounts: field.measures.flatMap((measure) =>
			moneyByYear(measure).map((amount) => ({
				...amount,
				reserved: measure.money?.reservation ?? false
			}))
		)
	}));
	const years = [
		...new Set(entries.flatMap((e) => e.amounts.flatMap((a) => (a.year === null ? [] : [a.year]))))
	].sort((a, b) => a - b);
	const row = (label: string, amounts: (typeof entries)[number]['amounts']): MoneyRow => {
		const result: MoneyRow = {
			label,
			years: years.map(empty),
			noYear: empty(),
			total: empty()
		};
		for (const { year, cents, reserved } of amounts) {
			add(year === null ? result.noYear : result.years[years.indexOf(year)]!, cents, reserved);
			add(result.total, cents, reserved);
		}
		return result;
	};
	return {
		years,
		rows: entries.map((entry) => row(entry.label, entry.amounts)),
		total: row(
			allLabel,
			entries.flatMap((e) => e.amounts)
		)
	};
}
