import type { AuditActorKind, AuditOperation } from './domain';
import {
	activityStage,
	adoptionResult,
	bodyKind,
	costKind,
	eventStatus,
	measureFunding,
	measurePriority,
	measureStatus,
	measureTimeframe,
	memberFunction,
	organisationKindOptions,
	phaseOverride,
	processStatus,
	processTemplate,
	publicCommentStatus,
	publicCommentVerdict,
	roleOptions,
	stakeholderCategory
} from './labels';
import { isPartyKey, partyLabel } from './measure-values';
import { languageNames } from './i18n/names';
import { kindLabel, sourceLabel, statusLabel } from './needs/labels';
import { questionKinds, questionnaireStatuses, responseSources } from './needs/rules';
import { participantLocales } from './domain';
import { m } from './paraglide/messages';

/** What the audit log calls each table it records, in the reader's words. */
const tableLabels: Record<string, () => string> = {
	organisation: m.audit_table_organisation,
	membership: m.audit_table_membership,
	process_membership: m.govern_table_process_membership,
	invitation: m.audit_table_invitation,
	password_reset: m.audit_table_password_reset,
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
	measure_party: m.audit_table_measure_party,
	measure_cost: m.audit_table_measure_cost,
	measure_field: m.audit_table_measure_field,
	measure_guideline: m.audit_table_measure_guideline,
	project: m.audit_table_project,
	minutes: m.audit_table_minutes,
	minutes_item: m.audit_table_minutes_item,
	minutes_approval: m.govern_table_minutes_approval,
	concept_version: m.audit_table_concept_version,
	adoption_step: m.audit_table_adoption_step,
	adoption_step_correction: m.audit_table_adoption_step_correction,
	starter_measure: m.audit_table_starter_measure,
	concept_comment: m.audit_table_concept_comment,
	measure_update: m.audit_table_measure_update,
	indicator: m.audit_table_indicator,
	indicator_value: m.audit_table_indicator_value,
	report_narrative: m.audit_table_report_narrative,
	topic: m.audit_table_topic,
	topic_item: m.audit_table_topic_item,
	user: m.audit_table_user,
	import_upload: m.audit_table_import_upload,
	attachment: m.audit_table_attachment,
	sign_video: m.audit_table_sign_video,
	public_comment_period: m.audit_table_public_comment_period,
	public_comment: m.audit_table_public_comment,
	notification_sender: m.notify_audit_table_notification_sender,
	questionnaire: m.audit_table_questionnaire,
	questionnaire_question: m.audit_table_questionnaire_question,
	questionnaire_option: m.audit_table_questionnaire_option,
	questionnaire_response: m.audit_table_questionnaire_response
};

export const auditTableNames = Object.keys(tableLabels);

/** A table's label; a table without one (a test catches that) shows its own name. */
export const auditTableLabel = (name: string) =>
	Object.hasOwn(tableLabels, name) ? tableLabels[name]!() : name;

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

/** The columns people recognise, in their words; technical ones (ids) keep their own name. */
const fieldLabels: Record<string, () => string> = {
	title: m.audit_field_title,
	description: m.audit_field_description,
	position: m.audit_field_position,
	status: m.audit_field_status,
	name: m.audit_field_name,
	kind: m.audit_field_kind,
	category: m.audit_field_category,
	parent_category: m.templates_audit_parent_category,
	deputy: m.templates_audit_deputy,
	contact: m.templates_audit_contact,
	note: m.audit_field_note,
	is_public: m.audit_field_is_public,
	slug: m.audit_field_slug,
	role: m.audit_field_role,
	question: m.audit_field_question,
	created_at: m.audit_field_created_at,
	updated_at: m.audit_field_updated_at,
	affiliation: m.audit_field_affiliation,
	voters: m.audit_field_voters,
	dots: m.audit_field_dots,
	timeframe: m.audit_field_timeframe,
	text: m.audit_field_text,
	template: m.audit_field_template,
	target_value: m.audit_field_target_value,
	target: m.audit_field_target,
	summary: m.audit_field_summary,
	submitted_at: m.audit_field_submitted_at,
	starts_on: m.audit_field_starts_on,
	ends_on: m.audit_field_ends_on,
	starts_at: m.audit_field_starts_at,
	ends_at: m.audit_field_ends_at,
	stage: m.audit_field_stage,
	snapshot: m.audit_field_snapshot,
	seats: m.audit_field_seats,
	revision: m.audit_field_revision,
	results: m.audit_field_results,
	resolved_by_name: m.audit_field_resolved_by_name,
	resolved_at: m.audit_field_resolved_at,
	recorded_on: m.audit_field_recorded_on,
	recorded_by: m.audit_field_recorded_by,
	priority: m.audit_field_priority,
	planned_year: m.audit_field_planned_year,
	place: m.audit_field_place,
	percent_done: m.audit_field_percent_done,
	spent_cents: m.audit_field_spent_cents,
	period_from: m.audit_field_period_from,
	period_to: m.audit_field_period_to,
	written_by: m.audit_field_written_by,
	partners: m.audit_field_partners,
	own_number: m.audit_field_own_number,
	period_start: m.audit_field_period_start,
	period_end: m.audit_field_period_end,
	cost_cents: m.audit_field_cost_cents,
	amount_cents: m.audit_field_amount_cents,
	cost_kind: m.audit_field_cost_kind,
	funding_name: m.audit_field_funding_name,
	budget_reservation: m.audit_field_budget_reservation,
	stand_on: m.audit_field_stand_on,
	year: m.audit_field_year,
	owner: m.audit_field_owner,
	number: m.audit_field_number,
	notes: m.audit_field_notes,
	named_ideas: m.audit_field_named_ideas,
	max_members: m.audit_field_max_members,
	max_dots_per_target: m.audit_field_max_dots_per_target,
	live_results: m.audit_field_live_results,
	question_translations: m.audit_field_question_translations,
	title_translations: m.audit_field_title_translations,
	lead: m.audit_field_lead,
	language: m.audit_field_language,
	label: m.audit_field_label,
	join_code: m.audit_field_join_code,
	join_closed: m.audit_field_join_closed,
	indicator: m.audit_field_indicator,
	hidden: m.audit_field_hidden,
	funding: m.audit_field_funding,
	function: m.audit_field_function,
	expires_at: m.audit_field_expires_at,
	event_title: m.audit_field_event_title,
	due_on: m.audit_field_due_on,
	dots_per_participant: m.audit_field_dots_per_participant,
	created_by_name: m.audit_field_created_by_name,
	cost_estimate: m.audit_field_cost_estimate,
	code: m.audit_field_code,
	breakdown: m.audit_field_breakdown,
	body: m.audit_field_body,
	author_name: m.audit_field_author_name,
	attendees: m.audit_field_attendees,
	registered: m.audit_field_registered,
	present: m.audit_field_present,
	checked_in_at: m.audit_field_checked_in_at,
	approved_by_name: m.audit_field_approved_by_name,
	approved_at: m.audit_field_approved_at,
	adopted_on: m.audit_field_adopted_on,
	accepted_at: m.audit_field_accepted_at,
	email: m.field_email,
	is_system_admin: m.audit_field_system_admin,
	credentials_changed: m.audit_field_credentials_changed,
	decision: m.govern_field_decision,
	round: m.govern_field_round,
	on_paper: m.govern_field_on_paper,
	approval_rule: m.govern_field_approval_rule,
	approval_round: m.govern_field_approval_round
};

export const auditFieldLabel = (field: string): string | null =>
	Object.hasOwn(fieldLabels, field) ? fieldLabels[field]!() : null;

const minutesStatus = {
	options: () => [
		{ value: 'draft', label: m.minutes_status_draft() },
		{ value: 'submitted', label: m.minutes_status_submitted() },
		{ value: 'approved', label: m.minutes_status_approved() }
	]
};

const minutesItemKind = {
	options: () => [
		{ value: 'agenda', label: m.audit_choice_agenda() },
		{ value: 'decision', label: m.audit_choice_decision() },
		{ value: 'task', label: m.minutes_task() }
	]
};

const approvalDecision = {
	options: () => [
		{ value: 'approved', label: m.govern_decision_approved() },
		{ value: 'refused', label: m.govern_decision_refused() }
	]
};

const approvalRule = {
	options: () => [
		{ value: 'any_member', label: m.govern_rule_option_any_member() },
		{ value: 'chair', label: m.govern_rule_option_chair() },
		{ value: 'majority', label: m.govern_rule_option_majority() }
	]
};

const partyRole = {
	options: () => [
		{ value: 'addressee', label: m.measure_addressees() },
		{ value: 'partner', label: m.measure_partners() }
	]
};

const datePrecision = {
	options: () => [
		{ value: 'day', label: m.audit_choice_exact_day() },
		{ value: 'month', label: m.audit_choice_months() }
	]
};

const targetKind = {
	options: () => [
		{ value: 'idea', label: m.audit_choice_idea() },
		{ value: 'cluster', label: m.audit_choice_cluster() }
	]
};

/** The columns that hold a choice, by `table.column`, with the words the forms show for it. */
const choiceColumns: Record<string, { options: () => { value: string; label: string }[] }> = {
	'organisation.kind': { options: organisationKindOptions },
	'membership.role': { options: roleOptions },
	'invitation.role': { options: roleOptions },
	'process_membership.role': { options: roleOptions },
	'minutes_approval.decision': approvalDecision,
	'body.approval_rule': approvalRule,
	'process.status': processStatus,
	'process.template': processTemplate,
	'phase.status_override': phaseOverride,
	'body.kind': bodyKind,
	'body_seat.category': stakeholderCategory,
	'body_seat.parent_category': stakeholderCategory,
	'body_member.function': memberFunction,
	'body_member.category': stakeholderCategory,
	'event.status': eventStatus,
	'event.date_precision': datePrecision,
	'event_attendee.category': stakeholderCategory,
	'activity.stage': activityStage,
	'measure.status': measureStatus,
	'measure.timeframe': measureTimeframe,
	'measure.funding': measureFunding,
	'measure.priority': measurePriority,
	'measure.cost_kind': costKind,
	'measure_party.role': partyRole,
	'measure_update.status': measureStatus,
	'adoption_step.result': adoptionResult,
	'measure_source.target_kind': targetKind,
	'minutes.status': minutesStatus,
	'public_comment.status': publicCommentStatus,
	'public_comment.verdict': publicCommentVerdict,
	'minutes_item.kind': minutesItemKind,
	'topic_item.target_kind': targetKind,
	'questionnaire.status': {
		options: () => questionnaireStatuses.map((value) => ({ value, label: statusLabel(value) }))
	},
	'questionnaire_question.kind': {
		options: () => questionKinds.map((value) => ({ value, label: kindLabel(value) }))
	},
	'questionnaire_response.category': stakeholderCategory,
	'questionnaire_response.source': {
		options: () => responseSources.map((value) => ({ value, label: sourceLabel(value) }))
	},
	'questionnaire_response.locale': {
		options: () => participantLocales.map((value) => ({ value, label: languageNames[value] }))
	}
};

/** A stored choice ("in_implementation") in the reader's words; null for any other value. */
export function auditChoiceLabel(tableName: string, field: string, value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const column = `${tableName}.${field}`;
	// Addressees and partners are stored by their vocabulary key, or as typed.
	if (column === 'measure_party.label') return partyLabel(value);
	// So is the lead organisation; a free entry has no other words.
	if (column === 'measure.lead') return isPartyKey(value) ? partyLabel(value) : null;
	if (!Object.hasOwn(choiceColumns, column)) return null;
	return choiceColumns[column]!.options().find((option) => option.value === value)?.label ?? null;
}
