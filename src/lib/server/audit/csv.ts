import {
	auditActorKindLabel,
	auditChoiceLabel,
	auditFieldLabel,
	auditOperationLabel,
	auditTableLabel
} from '../../audit-labels';
import { m } from '../../paraglide/messages';
import type { AuditLogEntry } from '../db/schema';
import { toCsv } from '../export/csv';
import { timeZone } from '../time';
import { fieldChanges, type AuditValue } from './log';

const berlinTime = new Intl.DateTimeFormat('sv-SE', {
	timeZone,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

/** `YYYY-MM-DD HH:MM:SS` in German time, which spreadsheets read as a date and sort right. */
export const auditTimestamp = (at: Date) => berlinTime.format(at);

function shown(tableName: string, field: string, value: AuditValue | undefined): string {
	if (value === undefined || value === null || value === '') return m.audit_empty_value();
	const choice = auditChoiceLabel(tableName, field, value);
	if (choice !== null) return choice;
	if (typeof value === 'boolean') return value ? m.audit_value_true() : m.audit_value_false();
	if (typeof value === 'number' && field.endsWith('_at') && Math.abs(value) < 8.64e15)
		return auditTimestamp(new Date(value));
	return String(value);
}

/**
 * The entries as CSV for German spreadsheets (semicolons, UTF-8 with BOM; cells that look like
 * formulas are defused by `toCsv`): one row per entry, the changes readable and as JSON.
 */
export function auditCsv(entries: AuditLogEntry[], processTitles: Map<number, string>): string {
	const header = [
		m.audit_when(),
		m.audit_who(),
		m.audit_source(),
		m.audit_filter_process(),
		m.audit_filter_table(),
		m.audit_record(),
		m.audit_what(),
		m.audit_changes(),
		m.audit_before(),
		m.audit_after(),
		m.audit_route()
	];
	const rows = entries.map((entry) => [
		auditTimestamp(entry.at),
		entry.actorName,
		auditActorKindLabel(entry.actorKind),
		entry.processId === null ? '' : (processTitles.get(entry.processId) ?? String(entry.processId)),
		auditTableLabel(entry.tableName),
		entry.rowId,
		auditOperationLabel(entry.operation),
		fieldChanges(entry)
			.map(
				(change) =>
					`${auditFieldLabel(change.field) ?? change.field}: ${shown(entry.tableName, change.field, change.before)} → ${shown(entry.tableName, change.field, change.after)}`
			)
			.join('\n'),
		entry.before,
		entry.after,
		entry.path
	]);
	return toCsv([header, ...rows]);
}
