import * as v from 'valibot';
import { auditTableNames } from '../../audit-labels';
import { auditOperations } from '../../domain';
import { m } from '../../paraglide/messages';
import { noAuditFilters, type AuditFilters } from './log';

/** The filter names in the URL, which are also the form's field names. */
export const auditFilterNames = ['process', 'person', 'kind', 'action', 'from', 'to', 'q'] as const;
export type AuditFilterName = (typeof auditFilterNames)[number];

const optionalId = v.pipe(
	v.string(),
	v.trim(),
	v.transform((value) => value || null),
	v.nullable(
		v.pipe(
			v.string(),
			v.regex(/^\d{1,15}$/, () => m.error_choice()),
			v.transform(Number)
		)
	)
);

const optionalChoice = <T extends readonly string[]>(options: T) =>
	v.pipe(
		v.string(),
		v.trim(),
		v.transform((value) => value || null),
		v.nullable(v.picklist(options, () => m.error_choice()))
	);

/** `YYYY-MM-DD` (a date field) or `TT.MM.JJJJ` (typed, German) to `YYYY-MM-DD`, if it is a real day. */
export function parseDay(text: string): string | null {
	const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
	const [year, month, day] = iso
		? [iso[1], iso[2], iso[3]]
		: german
			? [german[3], german[2]!.padStart(2, '0'), german[1]!.padStart(2, '0')]
			: [];
	if (!year) return null;
	const value = `${year}-${month}-${day}`;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

const optionalDay = v.pipe(
	v.string(),
	v.trim(),
	v.maxLength(10, () => m.error_date()),
	v.transform((value) => (value === '' ? null : value)),
	v.nullable(
		v.pipe(
			v.string(),
			v.transform(parseDay),
			v.string(() => m.error_date())
		)
	)
);

const filterSchema = (processes: { id: number; slug: string }[]) =>
	v.pipe(
		v.object({
			process: v.pipe(
				v.string(),
				v.trim(),
				v.transform((slug) =>
					slug === '' ? null : (processes.find((p) => p.slug === slug)?.id ?? slug)
				),
				v.nullable(v.number(() => m.error_choice()))
			),
			person: optionalId,
			kind: optionalChoice(auditTableNames as [string, ...string[]]),
			action: optionalChoice(auditOperations),
			from: optionalDay,
			to: optionalDay,
			q: v.pipe(
				v.string(),
				v.trim(),
				v.maxLength(200, () => m.error_too_long({ max: 200 }))
			)
		}),
		v.forward(
			v.check(
				(input) => input.from === null || input.to === null || input.from <= input.to,
				() => m.audit_error_range()
			),
			['to']
		)
	);

export type AuditFilterParse = {
	filters: AuditFilters;
	/** The id of the last entry of the previous page, if this is a later page. */
	before: number | null;
	/** What was typed, to show again in the form. */
	values: Record<AuditFilterName, string>;
	/** One message per field that could not be read; the filters are then left empty. */
	errors: Partial<Record<AuditFilterName, string>>;
};

/**
 * Reads the filters from a URL's query (a process by its slug, among the organisation's);
 * bad input gives messages, never an exception.
 */
export function parseAuditFilters(
	query: URLSearchParams,
	processes: { id: number; slug: string }[]
): AuditFilterParse {
	const values = Object.fromEntries(
		auditFilterNames.map((name) => [name, (query.get(name) ?? '').slice(0, 300)])
	) as Record<AuditFilterName, string>;
	const cursor = query.get('before') ?? '';
	const before = /^\d{1,15}$/.test(cursor) ? Number(cursor) : null;
	const parsed = v.safeParse(filterSchema(processes), values);
	if (!parsed.success) {
		const errors: Partial<Record<AuditFilterName, string>> = {};
		for (const issue of parsed.issues) {
			const field = v.getDotPath(issue) as AuditFilterName | null;
			if (field) errors[field] ??= issue.message;
		}
		return { filters: noAuditFilters, before: null, values, errors };
	}
	const { process, person, kind, action, from, to, q } = parsed.output;
	return {
		filters: {
			processId: process,
			actorUserId: person,
			tableName: kind,
			operation: action,
			from,
			to,
			text: q
		},
		before,
		values,
		errors: {}
	};
}
