import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import {
	costYearFieldName,
	isPartyKey,
	normaliseLead,
	normaliseParties,
	otherPartyFieldName,
	partyFieldName,
	parseEuro,
	parseOwnNumber,
	parsePeriod,
	yearsOf,
	type Parsed
} from '$lib/measure-values';
import type { MeasureInput } from '../concept/measures';
import {
	costKinds,
	measureFundings,
	measurePriorities,
	measureStatuses,
	measureTimeframes,
	namedFundings,
	partyRoles
} from '../db/schema';
import { cleanLine } from '../../text/clean';
import * as field from './fields';
import type { FormParse } from './parse';
import { parseForm } from './parse';
import { id, isoDate, optionalId } from './process-fields';

/** A text field read with one of the shared parse rules of `$lib/measure-values`. */
function parsedWith<T>(parse: (input: string) => Parsed<T>) {
	return v.pipe(
		v.optional(v.string(), ''),
		v.rawTransform(({ dataset, addIssue, NEVER }) => {
			const parsed = parse(cleanLine(dataset.value));
			if (parsed.ok) return parsed.value;
			addIssue({ message: parsed.message });
			return NEVER;
		})
	);
}

export const measureForm = v.object({
	fieldOfActionId: id,
	goalId: optionalId,
	ownNumber: parsedWith(parseOwnNumber),
	title: field.requiredLine(200),
	description: field.optionalText(4000),
	leadBodyId: optionalId,
	/** A known organisation from the vocabulary, picked; any other comes as `leadOther`. */
	lead: v.pipe(
		v.optional(v.string(), ''),
		v.check(
			(value) => value === '' || isPartyKey(value),
			() => m.error_choice()
		)
	),
	leadOther: parsedWith(normaliseLead),
	projectId: optionalId,
	timeframe: field.choice(measureTimeframes),
	period: parsedWith(parsePeriod),
	costCents: parsedWith(parseEuro),
	costKind: v.optional(field.choice(costKinds), 'one_off'),
	costEstimate: field.optionalLine(200),
	funding: field.choice(measureFundings),
	fundingName: field.optionalLine(200),
	budgetReservation: v.pipe(
		v.optional(v.string(), ''),
		v.transform((value) => value !== '')
	),
	priority: field.choice(measurePriorities),
	status: field.choice(measureStatuses),
	plannedYear: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.transform((value) => (value === '' ? null : Number(value))),
		v.nullable(
			v.pipe(
				v.number(() => m.error_year()),
				v.integer(() => m.error_year()),
				v.minValue(2000, () => m.error_year()),
				v.maxValue(2100, () => m.error_year())
			)
		)
	)
});

export const goalForm = v.object({
	title: field.requiredLine(300)
});

/** A workshop result named in a link or form: `cluster:12` or `idea:7` of an activity. */
export const resultRef = v.object({
	activity: id,
	target: v.pipe(
		v.string(),
		v.regex(/^(idea|cluster):\d+$/),
		v.transform((value) => {
			const [kind, target] = value.split(':') as ['idea' | 'cluster', string];
			return { kind, id: Number(target) };
		})
	)
});

export const updateForm = v.object({
	recordedOn: isoDate,
	status: field.choice(measureStatuses),
	note: field.optionalText(4000),
	percentDone: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.transform((value) => (value === '' ? null : Number(value))),
		v.nullable(
			v.pipe(
				v.number(() => m.error_percent()),
				v.integer(() => m.error_percent()),
				v.minValue(0, () => m.error_percent()),
				v.maxValue(100, () => m.error_percent())
			)
		)
	),
	/** Bisher verausgabt: in all by that day, typed like the cost. */
	spentCents: parsedWith(parseEuro)
});

/** A correction of a status entry: a new entry with the reason, pointing to the wrong one. */
export const correctionForm = v.object({
	...updateForm.entries,
	corrects: id,
	reason: field.requiredText(1000)
});

/** A list of ids ticked in checkboxes of one name: anything that is not an id is refused. */
const tickedIds = v.array(id);

/** The ids ticked under `name`, or undefined if one of them is not an id. */
function ticked(data: FormData, name: string): number[] | undefined {
	const parsed = v.safeParse(
		tickedIds,
		data.getAll(name).filter((value) => typeof value === 'string')
	);
	return parsed.success ? parsed.output : undefined;
}

/**
 * The measure form: its one-value fields through `measureForm`, then the lists (ticked
 * vocabulary entries plus the "other" line, split at semicolons) and the amounts per year of
 * the period. A list's values are echoed one per line.
 */
export function parseMeasureForm(data: FormData): FormParse<MeasureInput> {
	const form = parseForm(measureForm, data);
	const values = { ...form.values };
	const errors: Record<string, string> = form.ok ? {} : { ...form.errors };
	const parties = { addressees: [] as string[], partners: [] as string[] };
	for (const role of partyRoles) {
		const name = partyFieldName(role);
		const ticked = data.getAll(name).filter((value) => typeof value === 'string');
		const other = String(data.get(otherPartyFieldName(role)) ?? '');
		values[name] = ticked.join('\n');
		const parsed = normaliseParties([...ticked, ...other.split(';')].map((e) => cleanLine(e)));
		if (parsed.ok) parties[name] = parsed.value;
		else errors[otherPartyFieldName(role)] = parsed.message;
	}
	const lists = {
		furtherFieldIds: ticked(data, 'furtherFieldIds'),
		guidelineIds: ticked(data, 'guidelineIds')
	};
	for (const [name, ids] of Object.entries(lists)) {
		values[name] = data
			.getAll(name)
			.filter((value) => typeof value === 'string')
			.join('\n');
		if (!ids) errors[name] = m.error_choice();
	}
	if (!form.ok) return { ok: false, errors, values };
	const { period, lead, leadOther, ...rest } = form.data;
	if (rest.timeframe === 'period' && !period) errors.period = m.error_period_required();
	if (lead !== '' && leadOther !== '' && leadOther !== lead) {
		errors.leadOther = m.catalogue2_lead_both();
	}
	const costYears: { year: number; cents: number }[] = [];
	if (rest.timeframe === 'period' && period) {
		for (const year of yearsOf(period)) {
			const parsed = parseEuro(String(data.get(costYearFieldName(year)) ?? ''));
			if (!parsed.ok) errors[costYearFieldName(year)] = parsed.message;
			else if (parsed.value !== null) costYears.push({ year, cents: parsed.value });
		}
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors, values };
	const named = namedFundings.includes(rest.funding);
	return {
		ok: true,
		values,
		data: {
			...rest,
			lead: lead || leadOther,
			fundingName: named ? rest.fundingName : '',
			periodStart: rest.timeframe === 'period' ? (period?.start ?? null) : null,
			periodEnd: rest.timeframe === 'period' ? (period?.end ?? null) : null,
			parties,
			costYears,
			furtherFieldIds: lists.furtherFieldIds ?? [],
			guidelineIds: lists.guidelineIds ?? []
		}
	};
}
