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

export interface ChartColumn {
	label: string;
	value: number;
	x: number;
	y: number;
	width: number;
	height: number;
}

/**
 * The columns of a small chart of an indicator's values (null values left out) and the height
 * of its target line, in a box of `width` × `height` with room for value labels above and
 * axis labels below. The scale starts at zero and reaches the largest value or the target;
 * negative values stand on the axis with no height.
 */
export function chartColumns(
	points: { label: string; value: number | null }[],
	target: number | null,
	box: { width: number; height: number; top: number; bottom: number }
): { columns: ChartColumn[]; baseline: number; target: number | null } {
	const shown = points.filter(
		(point): point is { label: string; value: number } => point.value !== null
	);
	const scale = barScale([...shown.map((point) => point.value), target]);
	const baseline = box.height - box.bottom;
	const room = baseline - box.top;
	const heightOf = (value: number) => (scale > 0 ? (Math.max(0, value) / scale) * room : 0);
	const slot = shown.length > 0 ? box.width / shown.length : 0;
	const gap = Math.min(8, slot / 4);
	const columns = shown.map(({ label, value }, index) => {
		const height = heightOf(value);
		return {
			// Labels overlap where columns are narrow: then only the numbers stay.
			label: slot >= 28 ? label : '',
			value,
			x: index * slot + gap / 2,
			y: baseline - height,
			width: slot - gap,
			height
		};
	});
	return {
		columns,
		baseline,
		target: target === null || scale <= 0 ? null : baseline - heightOf(target)
	};
}
