/** How indicator values read on the page and in the status report (isomorphic). */
import { m } from '$lib/paraglide/messages';

/** A value with its unit in the reader's language: „1.250,5 Personen“. */
export function formatIndicatorValue(value: number | null, unit: string, locale: string): string {
	if (value === null) return '–';
	const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
	return unit ? `${number} ${unit}` : number;
}

const barWidth = 20;

/**
 * A value as a bar of block characters against the largest of the values shown (baseline,
 * target and measurements), so a table of them reads as a small chart; the number stays beside
 * it for anyone who cannot see the bar. Negative values draw no bar.
 */
export function indicatorBar(value: number | null, scale: number): string {
	if (value === null || scale <= 0) return '';
	const filled = Math.round((Math.max(0, value) / scale) * barWidth);
	return '█'.repeat(Math.min(barWidth, filled)) + '░'.repeat(barWidth - Math.min(barWidth, filled));
}

/** The scale for `indicatorBar`: the largest value shown. */
export const barScale = (values: (number | null)[]) =>
	Math.max(0, ...values.filter((value): value is number => value !== null));

/** What a goal's indicator is to reach, as the catalogue and the concept list it. */
export type IndicatorAim = {
	name: string;
	unit: string;
	baselineValue: number | null;
	targetValue: number | null;
	targetOn: string | null;
};

/**
 * „Vermittelte Wohnungen: 0 Wohnungen → 60 Wohnungen bis 31.12.2028“: the indicator from its
 * baseline to its target, numbers in `numberLocale`, the words in `options`' language.
 */
export function indicatorFromTo(
	indicator: IndicatorAim,
	numberLocale: string,
	formatDay: (isoDate: string) => string,
	options?: { locale: 'de' | 'en' }
): string {
	const baseline = formatIndicatorValue(indicator.baselineValue, indicator.unit, numberLocale);
	const value = formatIndicatorValue(indicator.targetValue, indicator.unit, numberLocale);
	const target = indicator.targetOn
		? m.indicator_target_by({ target: value, date: formatDay(indicator.targetOn) }, options)
		: value;
	return m.indicator_from_to({ name: indicator.name, baseline, target }, options);
}
