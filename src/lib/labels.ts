import { categoryLabel, categoryOptions } from '$lib/live/labels';
import { m } from '$lib/paraglide/messages';
import type { Role } from '$lib/domain';
import type {
	activityStages,
	adoptionResults,
	bodyKinds,
	costKinds,
	measureFundings,
	measurePriorities,
	measureStatuses,
	measureTimeframes,
	eventStatuses,
	memberFunctions,
	organisationKinds,
	phaseOverrides,
	phaseStatuses,
	processStatuses,
	processTemplates,
	publicCommentStatuses,
	publicCommentVerdicts
} from '$lib/domain';

const roleLabels: Record<Role, () => string> = {
	admin: m.role_admin,
	process_owner: m.role_process_owner,
	moderator: m.role_moderator,
	steering_member: m.role_steering_member
};

const kindLabels: Record<(typeof organisationKinds)[number], () => string> = {
	landkreis: m.organisation_kind_landkreis,
	stadt: m.organisation_kind_stadt,
	gemeinde: m.organisation_kind_gemeinde,
	other: m.organisation_kind_other
};

const processStatusLabels: Record<(typeof processStatuses)[number], () => string> = {
	preparation: m.process_status_preparation,
	running: m.process_status_running,
	adopted: m.process_status_adopted,
	implementation: m.process_status_implementation,
	archived: m.process_status_archived
};

export const roleLabel = (role: Role) => roleLabels[role]();
export const organisationKindLabel = (kind: keyof typeof kindLabels) => kindLabels[kind]();
export const processStatusLabel = (status: keyof typeof processStatusLabels) =>
	processStatusLabels[status]();

export const roleOptions = () =>
	(Object.keys(roleLabels) as Role[]).map((value) => ({
		value,
		label: roleLabel(value)
	}));
export const organisationKindOptions = () =>
	(Object.keys(kindLabels) as (keyof typeof kindLabels)[]).map((value) => ({
		value,
		label: organisationKindLabel(value)
	}));

type Locale = 'de' | 'en';
type LabelMap<T extends readonly string[]> = Record<
	T[number],
	(inputs?: Record<string, never>, options?: { locale?: Locale }) => string
>;

/** Labels in the reader's language, or in a given one (exports for the council are German). */
function labelled<T extends readonly string[]>(labels: LabelMap<T>) {
	const label = (value: T[number], locale?: Locale) =>
		labels[value]({}, locale ? { locale } : undefined);
	const options = () =>
		(Object.keys(labels) as T[number][]).map((value) => ({ value, label: label(value) }));
	return { label, options };
}

export const phaseStatus = labelled<typeof phaseStatuses>({
	planned: m.phase_status_planned,
	active: m.phase_status_active,
	done: m.phase_status_done
});

export const phaseOverride = labelled<typeof phaseOverrides>({
	automatic: m.phase_override_automatic,
	planned: m.phase_status_planned,
	active: m.phase_status_active,
	done: m.phase_status_done
});

export const processStatus = labelled<typeof processStatuses>(processStatusLabels);

export const processTemplate = labelled<typeof processTemplates>({
	landau: m.template_landau,
	fuehrungsakademie: m.template_fuehrungsakademie,
	rems_murr: m.templates_rems_murr,
	konstanz: m.templates_konstanz,
	wittmund: m.templates_wittmund,
	empty: m.template_empty
});

const templateAbouts: Record<(typeof processTemplates)[number], () => string> = {
	landau: m.templates_about_landau,
	fuehrungsakademie: m.templates_about_fuehrungsakademie,
	rems_murr: m.templates_about_rems_murr,
	konstanz: m.templates_about_konstanz,
	wittmund: m.templates_about_wittmund,
	empty: m.templates_about_empty
};

/** What a process template creates, in a sentence for the new-process page. */
export const processTemplateAbout = (template: (typeof processTemplates)[number]) =>
	templateAbouts[template]();

export const bodyKind = labelled<typeof bodyKinds>({
	steering_group: m.body_kind_steering_group,
	advisory_group: m.body_kind_advisory_group,
	working_group: m.body_kind_working_group,
	expert_conference: m.body_kind_expert_conference,
	integration_conference: m.body_kind_integration_conference,
	committee: m.body_kind_committee,
	council: m.body_kind_council,
	advisory_council: m.body_kind_advisory_council,
	executive_board: m.body_kind_executive_board
});

const councilLabels: Record<(typeof organisationKinds)[number], () => string> = {
	landkreis: m.council_landkreis,
	stadt: m.council_stadt,
	gemeinde: m.council_gemeinde,
	other: m.council_other
};

/** A body's kind as its organisation calls it: a county's council is the Kreistag. */
export function bodyKindOf(
	kind: (typeof bodyKinds)[number],
	organisationKind: (typeof organisationKinds)[number]
): string {
	return kind === 'council' ? councilLabels[organisationKind]() : bodyKind.label(kind);
}

export const stakeholderCategory = { label: categoryLabel, options: categoryOptions };

export const memberFunction = labelled<typeof memberFunctions>({
	chair: m.member_function_chair,
	deputy: m.member_function_deputy,
	member: m.member_function_member
});

export const eventStatus = labelled<typeof eventStatuses>({
	planned: m.event_status_planned,
	live: m.event_status_live,
	closed: m.event_status_closed
});

/** The stages of a live activity, in the moderators' words (phones have their own). */
export const activityStage = labelled<typeof activityStages>({
	collecting: m.stage_collecting,
	clustering: m.stage_clustering,
	voting: m.stage_voting,
	revealed: m.stage_revealed,
	closed: m.stage_closed
});

export const measureTimeframe = labelled<typeof measureTimeframes>({
	short: m.timeframe_short,
	medium: m.timeframe_medium,
	long: m.timeframe_long,
	period: m.timeframe_period
});

export const costKind = labelled<typeof costKinds>({
	one_off: m.cost_kind_one_off,
	per_year: m.cost_kind_per_year
});

export const measureFunding = labelled<typeof measureFundings>({
	own_budget: m.funding_own_budget,
	application: m.funding_application,
	third_party: m.funding_third_party,
	open: m.funding_open
});

export const measurePriority = labelled<typeof measurePriorities>({
	high: m.priority_high,
	medium: m.priority_medium,
	low: m.priority_low
});

export const measureStatus = labelled<typeof measureStatuses>({
	proposed: m.measure_status_proposed,
	agreed: m.measure_status_agreed,
	council_decision_needed: m.measure_status_council_decision_needed,
	resource_reservation: m.measure_status_resource_reservation,
	adopted: m.measure_status_adopted,
	in_implementation: m.measure_status_in_implementation,
	done: m.measure_status_done,
	deferred: m.measure_status_deferred,
	dropped: m.measure_status_dropped
});

export const adoptionResult = labelled<typeof adoptionResults>({
	pending: m.council_result_pending,
	recommended: m.council_result_recommended,
	adopted: m.council_result_adopted,
	adopted_amended: m.council_result_adopted_amended,
	deferred: m.council_result_deferred,
	rejected: m.council_result_rejected
});

export const publicCommentVerdict = labelled<typeof publicCommentVerdicts>({
	adopted: m.public_verdict_adopted,
	partly_adopted: m.public_verdict_partly_adopted,
	not_adopted: m.public_verdict_not_adopted
});

export const publicCommentStatus = labelled<typeof publicCommentStatuses>({
	held: m.public_comment_status_held,
	published: m.public_comment_status_published,
	rejected: m.public_comment_status_rejected
});
