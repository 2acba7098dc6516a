import { getDb } from '$lib/server/db';
import { auditFilterNames, parseAuditFilters } from '$lib/server/audit/filters';
import {
	auditActors,
	existingRecords,
	fieldChanges,
	listAuditEntries
} from '$lib/server/audit/log';
import { requireOrganisation } from '$lib/server/guard';
import { listProcesses } from '$lib/server/process/processes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { organisation } = requireOrganisation(event, 'readAudit');
	const db = getDb();
	const processes = listProcesses(db, organisation.id);
	const parsed = parseAuditFilters(event.url.searchParams, processes);
	const page = listAuditEntries(db, organisation.id, parsed.filters, parsed.before);
	const existing = existingRecords(db, page.entries);
	const slugOf = new Map(processes.map((p) => [p.id, p.slug]));

	// The same filters, without the page, for the export and the "newest" link.
	const query = new URLSearchParams();
	for (const name of auditFilterNames) {
		if (parsed.values[name] && Object.keys(parsed.errors).length === 0) {
			query.set(name, parsed.values[name]);
		}
	}
	return {
		values: parsed.values,
		errors: parsed.errors,
		filterQuery: query.toString(),
		isLaterPage: parsed.before !== null,
		olderQuery:
			page.next === null
				? null
				: new URLSearchParams([...query, ['before', String(page.next)]]).toString(),
		processes: processes.map((p) => ({ id: p.id, slug: p.slug, title: p.title })),
		people: auditActors(db, organisation.id),
		entries: page.entries.map((entry) => ({
			id: entry.id,
			at: entry.at.toISOString(),
			actorName: entry.actorName,
			actorKind: entry.actorKind,
			processId: entry.processId,
			tableName: entry.tableName,
			rowId: entry.rowId,
			operation: entry.operation,
			changes: fieldChanges(entry),
			/** The record's page, when it still exists and has one. */
			link: recordLink(entry, existing, slugOf)
		}))
	};
};

function recordLink(
	entry: { tableName: string; rowId: string; processId: number | null },
	existing: Set<string>,
	slugOf: Map<number, string>
): { kind: 'process' | 'measure' | 'event' | 'body'; process: string; id: string } | null {
	const process = entry.processId === null ? undefined : slugOf.get(entry.processId);
	if (!process) return null;
	if (entry.tableName === 'process') return { kind: 'process', process, id: entry.rowId };
	const kind = entry.tableName as 'measure' | 'event' | 'body';
	return existing.has(`${entry.tableName}:${entry.rowId}`)
		? { kind, process, id: entry.rowId }
		: null;
}
