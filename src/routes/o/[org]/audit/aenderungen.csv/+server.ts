import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { auditCsv } from '$lib/server/audit/csv';
import { parseAuditFilters } from '$lib/server/audit/filters';
import { exportAuditEntries } from '$lib/server/audit/log';
import { getDb } from '$lib/server/db';
import { requireOrganisation } from '$lib/server/guard';
import { listProcesses } from '$lib/server/process/processes';
import { todayIn } from '$lib/server/time';
import type { RequestHandler } from './$types';

/** The log as the page's filters select it, all pages at once. */
export const GET: RequestHandler = (event) => {
	const { organisation } = requireOrganisation(event, 'readAudit');
	const db = getDb();
	const processes = listProcesses(db, organisation.id);
	const parsed = parseAuditFilters(event.url.searchParams, processes);
	// An export must hold what the filters say, or nothing: never silently everything.
	if (Object.keys(parsed.errors).length > 0) error(400, { message: m.audit_export_invalid() });
	const entries = exportAuditEntries(db, organisation.id, parsed.filters);
	const titles = new Map(processes.map((p) => [p.id, p.title]));
	return new Response(auditCsv(entries, titles), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="aenderungen-${organisation.slug}-${todayIn()}.csv"`
		}
	});
};
