/**
 * How a measure's structured values are written and read: money in euro, a period of years,
 * an own number, lists of addressees and partners. The forms and the catalogue import parse
 * with the same rules; pages and exports print with the same formatters.
 */
import { m } from '$lib/paraglide/messages';
import {
	partyVocabulary,
	type CostKind,
	type PartyKey,
	type PartyRole,
	type measureTimeframes
} from '$lib/domain';
import { costKind, measureTimeframe } from '$lib/labels';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const refused = (message: string): Parsed<never> => ({ ok: false, message });

/** Ten billion euro: more than any county spends on integration, and exact in a double. */
export const maxCents = 1_000_000_000_000;

/**
 * An amount in euro as people type it, in cents: "12.500,00 €", "12500", "12.500", "12,5",
 * "1.234,56 EUR", and "12500.50" or "12,500.50" (a point before one or two digits is a decimal
 * point). "12,345" is refused: it is 12 euro in German and twelve thousand in English.
 * Empty is null (not estimated). Negative amounts and anything else are refused.
 */
export function parseEuro(input: string): Parsed<number | null> {
	const text = input
		.replace(/[\s\u00a0\u202f]/g, '')
		.replace(/€|EUR|Euro/gi, '')
		.trim();
	if (text === '') return ok(null);
	if (/^[-−–]/.test(text)) return refused(m.error_money_negative());
	let parts: [string, string?];
	if (/^\d{1,3}(\.\d{3})*(,\d{1,2})?$/.test(text) || /^\d+(,\d{1,2})?$/.test(text)) {
		parts = text.replaceAll('.', '').split(',') as [string, string?];
	} else if (/^\d+\.\d{1,2}$/.test(text)) {
		parts = text.split('.') as [string, string];
	} else if (/^\d{1,3}(,\d{3})+\.\d{1,2}$/.test(text)) {
		parts = text.replaceAll(',', '').split('.') as [string, string?];
	} else {
		return refused(m.error_money());
	}
	const [euros, cents = ''] = parts;
	const value = Number(euros) * 100 + Number(cents.padEnd(2, '0'));
	if (value > maxCents) return refused(m.error_money_too_large());
	return ok(value);
}

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });

/** "12.500,00 €", as the council papers print amounts (also in the English interface). */
export function formatEuro(cents: number): string {
	return euro.format(cents / 100);
}

/** A year of a timeframe: councils plan this century. */
export const minYear = 2000;
export const maxYear = 2100;

export interface Period {
	start: number;
	end: number;
}

/**
 * A period as the papers write it: "2025", "2018/19", "2018/2019", "2025–2027", "2025-2027",
 * "2025 bis 2027". Empty is null. The end lies not before the start.
 */
export function parsePeriod(input: string): Parsed<Period | null> {
	const text = input.trim();
	if (text === '') return ok(null);
	const match = /^(\d{4})(?:\s*(?:\/|-|–|—|bis|to)\s*(\d{2}|\d{4}))?$/i.exec(text);
	if (!match) return refused(m.error_period());
	const start = Number(match[1]);
	const written = match[2];
	let end = start;
	if (written?.length === 2) end = Math.floor(start / 100) * 100 + Number(written);
	else if (written) end = Number(written);
	if (start < minYear || end > maxYear) return refused(m.error_period());
	if (end < start) return refused(m.error_period_order());
	return ok({ start, end });
}

/** "2025", "2018/19" for two years in a row, else "2025–2027". */
export function formatPeriod({ start, end }: Period): string {
	if (start === end) return String(start);
	if (end === start + 1 && Math.floor(start / 100) === Math.floor(end / 100)) {
		return `${start}/${String(end).slice(2)}`;
	}
	return `${start}–${end}`;
}

/** The years of a period, in order. */
export function yearsOf({ start, end }: Period): number[] {
	return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

export const maxOwnNumberLength = 20;

/**
 * A measure's own number as the council printed it: "IP 1.5", "2.6", "A-3". Spaces are
 * collapsed; empty means "use the computed number".
 */
export function parseOwnNumber(input: string): Parsed<string | null> {
	const text = input.replace(/\s+/g, ' ').trim();
	if (text === '') return ok(null);
	if (text.length > maxOwnNumberLength) {
		return refused(m.error_too_long({ max: maxOwnNumberLength }));
	}
	if (!/^[\p{L}\p{N}][\p{L}\p{N} .\-/()]*$/u.test(text)) return refused(m.error_own_number());
	return ok(text);
}

const partyMessages: Record<
	PartyKey,
	(inputs?: object, options?: { locale?: 'de' | 'en' }) => string
> = {
	landkreis: m.party_landkreis,
	kommunen: m.party_kommunen,
	freie_traeger: m.party_freie_traeger,
	wohlfahrtsverbaende: m.party_wohlfahrtsverbaende,
	migrantenorganisationen: m.party_migrantenorganisationen,
	jobcenter: m.party_jobcenter,
	agentur_fuer_arbeit: m.party_agentur_fuer_arbeit,
	kammern: m.party_kammern,
	unternehmen: m.party_unternehmen,
	schulen: m.party_schulen,
	kitas: m.party_kitas,
	volkshochschulen: m.party_volkshochschulen,
	bildungstraeger: m.party_bildungstraeger,
	ehrenamt: m.party_ehrenamt,
	bamf: m.party_bamf,
	zugewanderte: m.party_zugewanderte,
	gefluechtete: m.party_gefluechtete,
	kinder_jugendliche: m.party_kinder_jugendliche,
	eltern: m.party_eltern,
	frauen: m.party_frauen
};

export function isPartyKey(label: string): label is PartyKey {
	return (partyVocabulary as readonly string[]).includes(label);
}

/** A stored entry as people read it: a vocabulary key translated, a free entry as typed. */
export function partyLabel(label: string, locale?: 'de' | 'en'): string {
	return isPartyKey(label) ? partyMessages[label]({}, locale ? { locale } : undefined) : label;
}

export const maxPartyLength = 200;
export const maxParties = 40;

const folded = (text: string) => text.normalize('NFC').toLocaleLowerCase('de-DE');

/** The key a typed entry spells, in German or English, if it is one of the vocabulary. */
function vocabularyKey(entry: string): PartyKey | undefined {
	const wanted = folded(entry);
	return partyVocabulary.find(
		(key) =>
			key === wanted ||
			folded(partyMessages[key]({}, { locale: 'de' })) === wanted ||
			folded(partyMessages[key]({}, { locale: 'en' })) === wanted
	);
}

/**
 * Entries as stored: known ones as their key, the rest as typed (spaces collapsed); each once,
 * in the order given. Too many or too long entries are refused.
 */
export function normaliseParties(entries: readonly string[]): Parsed<string[]> {
	const seen = new Set<string>();
	for (const raw of entries) {
		const entry = raw.replace(/\s+/g, ' ').trim();
		if (entry === '') continue;
		if (entry.length > maxPartyLength) return refused(m.error_too_long({ max: maxPartyLength }));
		seen.add(vocabularyKey(entry) ?? entry);
	}
	if (seen.size > maxParties) return refused(m.error_too_many_parties({ max: maxParties }));
	return ok([...seen]);
}

export const maxLeadLength = 200;

/** Who leads a measure as people read it: „AG Wohnen – Jobcenter“; empty for nobody. */
export function leadText(
	leadBody: string | null | undefined,
	lead: string,
	locale?: 'de' | 'en'
): string {
	return [leadBody, lead && partyLabel(lead, locale)].filter(Boolean).join(' – ');
}

/**
 * A lead organisation as stored: one of the vocabulary as its key (typed in German or English),
 * any other as typed with its spaces collapsed; empty for none.
 */
export function normaliseLead(input: string): Parsed<string> {
	const entry = input.replace(/\s+/g, ' ').trim();
	if (entry.length > maxLeadLength) return refused(m.error_too_long({ max: maxLeadLength }));
	return ok(entry === '' ? '' : (vocabularyKey(entry) ?? entry));
}

/** A list typed in one line or cell: "Landkreis; Kommunen, VHS Landau" (also line breaks). */
export function parsePartyList(input: string): Parsed<string[]> {
	return normaliseParties(input.split(/[;,\n\r]+/));
}

type Locale = 'de' | 'en';

/** The measure form's names for a role's checkboxes, its "other" line, and a year's cost. */
export const partyFieldName = (role: PartyRole) =>
	role === 'addressee' ? 'addressees' : 'partners';
export const otherPartyFieldName = (role: PartyRole) => `${partyFieldName(role)}Other`;
export const costYearFieldName = (year: number) => `costYear-${year}`;

/** "2018/19" for a period, else the timeframe's label ("Kurzfristig (bis 2 Jahre)"). */
export function timeframeText(
	measure: {
		timeframe: (typeof measureTimeframes)[number];
		periodStart: number | null;
		periodEnd: number | null;
	},
	locale?: Locale
): string {
	if (measure.timeframe === 'period' && measure.periodStart !== null) {
		return formatPeriod({
			start: measure.periodStart,
			end: measure.periodEnd ?? measure.periodStart
		});
	}
	return measureTimeframe.label(measure.timeframe, locale);
}

/** "12.500,00 € pro Jahr", with the reservation marked; empty when there is no amount. */
export function costText(
	money: { cents: number | null; kind: CostKind; reservation: boolean },
	locale?: Locale
): string {
	if (money.cents === null) return '';
	const amount = `${formatEuro(money.cents)} ${costKind.label(money.kind, locale)}`;
	return money.reservation
		? `${amount} (${m.measure_budget_reservation_short({}, locale ? { locale } : undefined)})`
		: amount;
}

/** A stored measure as the measure form shows it. */
export function formValuesOf(
	measure: {
		fieldOfActionId: number;
		goalId: number | null;
		ownNumber: string | null;
		title: string;
		description: string;
		leadBodyId: number | null;
		lead: string;
		timeframe: (typeof measureTimeframes)[number];
		periodStart: number | null;
		periodEnd: number | null;
		costCents: number | null;
		costKind: CostKind;
		costEstimate: string;
		funding: string;
		fundingName: string;
		budgetReservation: boolean;
		priority: string;
		status: string;
		plannedYear: number | null;
		projectId?: number | null;
	},
	lists: {
		addressees: string[];
		partners: string[];
		costYears: { year: number; cents: number }[];
		furtherFieldIds?: number[];
		guidelineIds?: number[];
	}
): Record<string, string> {
	const ticked = (list: string[]) => list.filter(isPartyKey).join('\n');
	const other = (list: string[]) => list.filter((label) => !isPartyKey(label)).join('; ');
	return {
		fieldOfActionId: String(measure.fieldOfActionId),
		goalId: measure.goalId ? String(measure.goalId) : '',
		ownNumber: measure.ownNumber ?? '',
		title: measure.title,
		description: measure.description,
		leadBodyId: measure.leadBodyId ? String(measure.leadBodyId) : '',
		// A known organisation is picked from the list, any other typed.
		lead: isPartyKey(measure.lead) ? measure.lead : '',
		leadOther: isPartyKey(measure.lead) ? '' : measure.lead,
		addressees: ticked(lists.addressees),
		addresseesOther: other(lists.addressees),
		partners: ticked(lists.partners),
		partnersOther: other(lists.partners),
		timeframe: measure.timeframe,
		period:
			measure.periodStart === null
				? ''
				: formatPeriod({
						start: measure.periodStart,
						end: measure.periodEnd ?? measure.periodStart
					}),
		costCents: measure.costCents === null ? '' : formatEuro(measure.costCents),
		costKind: measure.costKind,
		costEstimate: measure.costEstimate,
		funding: measure.funding,
		fundingName: measure.fundingName,
		budgetReservation: measure.budgetReservation ? 'on' : '',
		priority: measure.priority,
		status: measure.status,
		plannedYear: measure.plannedYear ? String(measure.plannedYear) : '',
		projectId: measure.projectId ? String(measure.projectId) : '',
		furtherFieldIds: (lists.furtherFieldIds ?? []).join('\n'),
		guidelineIds: (lists.guidelineIds ?? []).join('\n'),
		...Object.fromEntries(
			lists.costYears.map(({ year, cents }) => [costYearFieldName(year), formatEuro(cents)])
		)
	};
}

/** A sum as the concept prints it: "20.000,00 € (davon 5.000,00 € unter Haushaltsvorbehalt)". */
export function sumText(cell: { cents: number; reservedCents: number }, locale?: Locale): string {
	if (cell.cents === 0) return '–';
	const sum = formatEuro(cell.cents);
	if (cell.reservedCents === 0) return sum;
	const reserved = m.concept_money_reserved(
		{ amount: formatEuro(cell.reservedCents) },
		locale ? { locale } : undefined
	);
	return `${sum} (${reserved})`;
}
