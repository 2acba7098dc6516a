/** The domain's fixed vocabularies, shared by the database schema and the browser. */

export const organisationKinds = ['landkreis', 'stadt', 'gemeinde', 'other'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const roles = ['admin', 'process_owner', 'moderator', 'steering_member'] as const;

export const processStatuses = [
	'preparation',
	'running',
	'adopted',
	'implementation',
	'archived'
] as const;

export const processTemplates = [
	'landau',
	'fuehrungsakademie',
	'rems_murr',
	'konstanz',
	'wittmund',
	'empty'
] as const;

export const phaseStatuses = ['planned', 'active', 'done'] as const;
export type PhaseStatus = (typeof phaseStatuses)[number];
/** A phase's state follows its dates unless staff set one by hand. */
export const phaseOverrides = ['automatic', ...phaseStatuses] as const;
export type PhaseOverride = (typeof phaseOverrides)[number];

export const stakeholderCategories = [
	'politics',
	'administration',
	'civil_society',
	'migrant_organisation',
	'volunteers',
	'business',
	'education',
	'welfare',
	'religious_community',
	// A person who speaks for nobody but themselves ("Ich bin für mich selbst hier").
	'individual',
	'other'
] as const;

export const bodyKinds = [
	'steering_group',
	'advisory_group',
	'working_group',
	'expert_conference',
	'integration_conference',
	'committee',
	'council',
	'advisory_council',
	'executive_board'
] as const;
export type BodyKind = (typeof bodyKinds)[number];

export const memberFunctions = ['chair', 'deputy', 'member'] as const;

/**
 * How a body approves its minutes: one of its members with an account, its chair, or more than
 * half of its members with accounts.
 */
export const approvalRules = ['any_member', 'chair', 'majority'] as const;
export type ApprovalRule = (typeof approvalRules)[number];
export const approvalDecisions = ['approved', 'refused'] as const;

export const eventStatuses = ['planned', 'live', 'closed'] as const;
export type EventStatus = (typeof eventStatuses)[number];
/** A past event may be known only to the month ("März–Mai 2017: Fachkonferenzen"). */
export const eventDatePrecisions = ['day', 'month'] as const;
export type EventDatePrecision = (typeof eventDatePrecisions)[number];

export type Role = (typeof roles)[number];
export type StakeholderCategory = (typeof stakeholderCategories)[number];

/**
 * A group in a breakdown of results: a stakeholder group, null for "not stated", or
 * `mergedGroups` for the groups too small to show on their own (src/lib/server/privacy).
 */
export const mergedGroups = 'merged' as const;
export type ResultGroup = StakeholderCategory | null | typeof mergedGroups;

export const activityStages = ['collecting', 'clustering', 'voting', 'revealed', 'closed'] as const;
export type ActivityStage = (typeof activityStages)[number];

/** Where the moderator may move an activity from each stage: onwards, or one step back. */
export const stageTransitions: Record<ActivityStage, ActivityStage[]> = {
	collecting: ['clustering'],
	clustering: ['collecting', 'voting'],
	voting: ['clustering', 'revealed'],
	revealed: ['voting', 'closed'],
	closed: ['revealed']
};

/** Measures of the concept (Maßnahmen): when, how funded, how urgent, how far. */
export const measureTimeframes = ['short', 'medium', 'long', 'period'] as const;
/** `application` is a named funding programme (Förderprogramm), whether applied for or granted. */
export const measureFundings = ['own_budget', 'application', 'third_party', 'open'] as const;
/** Fundings that name where the money comes from (the programme, the third party). */
export const namedFundings: readonly (typeof measureFundings)[number][] = [
	'application',
	'third_party'
];
export const costKinds = ['one_off', 'per_year'] as const;
export type CostKind = (typeof costKinds)[number];
export const measurePriorities = ['high', 'medium', 'low'] as const;
export const measureStatuses = [
	'proposed',
	'agreed',
	'council_decision_needed',
	'resource_reservation',
	'adopted',
	'in_implementation',
	'done',
	'deferred',
	'dropped'
] as const;
export type MeasureStatus = (typeof measureStatuses)[number];

/**
 * The result of one step of a Beratungsfolge (OParl's AgendaItem.result, as a vocabulary):
 * pending until the body met; a recommendation passes the draft on; a decision ends it.
 */
export const adoptionResults = [
	'pending',
	'recommended',
	'adopted',
	'adopted_amended',
	'deferred',
	'rejected'
] as const;
export type AdoptionResult = (typeof adoptionResults)[number];
/** The results that adopt the version when the final step reaches them. */
export const adoptingResults: readonly AdoptionResult[] = ['adopted', 'adopted_amended'];
/** The bodies that take part in a Beratungsfolge. */
export const councilBodyKinds: readonly BodyKind[] = [
	'committee',
	'council',
	'advisory_council',
	'executive_board'
];
/** Measure statuses that adoption of the concept turns into `adopted`. */
export const statusesAdoptedByDecision: readonly MeasureStatus[] = [
	'proposed',
	'agreed',
	'council_decision_needed'
];

/** Whom a measure is for (Adressaten, Zielgruppen) and who works on it (Kooperationspartner). */
export const partyRoles = ['addressee', 'partner'] as const;
export type PartyRole = (typeof partyRoles)[number];
/**
 * The actors and groups the council papers name again and again; anything else is a free entry.
 * Stored by key, shown translated; a free entry that spells a known one is stored as its key.
 */
export const partyVocabulary = [
	'landkreis',
	'kommunen',
	'freie_traeger',
	'wohlfahrtsverbaende',
	'migrantenorganisationen',
	'jobcenter',
	'agentur_fuer_arbeit',
	'kammern',
	'unternehmen',
	'schulen',
	'kitas',
	'volkshochschulen',
	'bildungstraeger',
	'ehrenamt',
	'bamf',
	'zugewanderte',
	'gefluechtete',
	'kinder_jugendliche',
	'eltern',
	'frauen'
] as const;
export type PartyKey = (typeof partyVocabulary)[number];

/** Minutes (Protokoll): drafted, submitted to the steering group, approved (then read-only). */
export const minutesStatuses = ['draft', 'submitted', 'approved'] as const;
export type MinutesStatus = (typeof minutesStatuses)[number];
export const minutesItemKinds = ['agenda', 'decision', 'task'] as const;

/** A public comment on the draft: held until staff publish or reject it. */
export const publicCommentStatuses = ['held', 'published', 'rejected'] as const;
export type PublicCommentStatus = (typeof publicCommentStatuses)[number];
/** How the process answered a published public comment. */
export const publicCommentVerdicts = ['adopted', 'partly_adopted', 'not_adopted'] as const;
export type PublicCommentVerdict = (typeof publicCommentVerdicts)[number];

/** The languages of the participant pages: those of the people the conferences invite. */
export const participantLocales = ['de', 'en', 'tr', 'ar', 'fa', 'uk', 'ru'] as const;
export type ParticipantLocale = (typeof participantLocales)[number];

/** The audit log (Änderungsverlauf): who wrote, and what the write did to a row. */
export const auditActorKinds = ['user', 'moderator_socket', 'cli', 'system'] as const;
export type AuditActorKind = (typeof auditActorKinds)[number];
export const auditOperations = ['insert', 'update', 'delete'] as const;
export type AuditOperation = (typeof auditOperations)[number];
