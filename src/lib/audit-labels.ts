import type { AuditActorKind, AuditOperation } from './domain';
import { m } from './paraglide/messages';

/** What the audit log calls each table it records, in the reader's words. */
const tableLabels: Record<string, () => string> = {
	organisation: m.audit_table_organisation,
	membership: m.audit_table_membership,
	invitation: m.audit_table_invitation,
	process: m.audit_table_process,
	phase: m.audit_table_phase,
	field_of_action: m.audit_table_field_of_action,
	guideline: m.audit_table_guideline,
	body: m.audit_table_body,
	body_seat: m.audit_table_body_seat,
	body_member: m.audit_table_body_member,
	event: m.audit_table_event,
	agenda_item: m.audit_table_agenda_item,
	event_attendee: m.audit_table_event_attendee,
	activity: m.audit_table_activity,
	cluster: m.audit_table_cluster,
	idea: m.audit_table_idea,
	goal: m.audit_table_goal,
	measure: m.audit_table_measure,
	measure_source: m.audit_table_measure_source,
	measure_idea: m.audit_table_measure_idea,
	minutes: m.audit_table_minutes,
	minutes_item: m.audit_table_minutes_item,
	concept_version: m.audit_table_concept_version,
	concept_comment: m.audit_table_concept_comment,
	measure_update: m.audit_table_measure_update,
	topic: m.audit_table_topic,
	topic_item: m.audit_table_topic_item
};

export const auditTableNames = Object.keys(tableLabels);

/** A table's label; a table without one (a test catches that) shows its own name. */
export const auditTableLabel = (name: string) => tableLabels[name]?.() ?? name;

export const auditTableOptions = () =>
	auditTableNames
		.map((value) => ({ value, label: auditTableLabel(value) }))
		.sort((a, b) => a.label.localeCompare(b.label));

const operationLabels: Record<AuditOperation, () => string> = {
	insert: m.audit_operation_insert,
	update: m.audit_operation_update,
	delete: m.audit_operation_delete
};

export const auditOperationLabel = (operation: AuditOperation) => operationLabels[operation]();
export const auditOperationOptions = () =>
	(Object.keys(operationLabels) as AuditOperation[]).map((value) => ({
		value,
		label: auditOperationLabel(value)
	}));

const actorKindLabels: Record<AuditActorKind, () => string> = {
	user: m.audit_actor_user,
	moderator_socket: m.audit_actor_moderator_socket,
	cli: m.audit_actor_cli,
	system: m.audit_actor_system
};

export const auditActorKindLabel = (kind: AuditActorKind) => actorKindLabels[kind]();
