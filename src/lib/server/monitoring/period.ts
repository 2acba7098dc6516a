import * as v from 'valibot';
import { isoDate } from '../forms/process-fields';
import { todayIn } from '../time';

/** The report period from `?from=&to=`; by default this year up to today. */
export function reportPeriod(query: URLSearchParams) {
	const today = todayIn();
	const parsed = v.safeParse(v.object({ from: isoDate, to: isoDate }), {
		from: query.get('from') ?? `${today.slice(0, 4)}-01-01`,
		to: query.get('to') ?? today
	});
	if (!parsed.success || parsed.output.from > parsed.output.to) {
		return { from: `${today.slice(0, 4)}-01-01`, to: today, valid: false };
	}
	return { ...parsed.output, valid: true };
}
