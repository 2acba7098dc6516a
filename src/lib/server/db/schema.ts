import { sql } from 'drizzle-orm';
import {
	activityStages,
	adoptionResults,
	approvalDecisions,
	approvalRules,
	auditActorKinds,
	auditOperations,
	bodyKinds,
	costKinds,
	eventDatePrecisions,
	eventStatuses,
	measureFundings,
	measurePriorities,
	measureStatuses,
	measureTimeframes,
	memberFunctions,
	minutesItemKinds,
	minutesStatuses,
	organisationKinds,
	participantLocales,
	partyRoles,
	phaseOverrides,
	processStatuses,
	processTemplates,
	publicCommentStatuses,
	publicCommentVerdicts,
	type ResultGroup,
	roles,
	stakeholderCategories
} from '../../domain';
import { messageLocales, notificationKinds, notificationStatuses } from '../../notify-kinds';
import {
	type AnySQLiteColumn,
	blob,
	check,
	foreignKey,
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import type { Translations } from '../../workshop/translations';
import { questionKinds, questionnaireStatuses, responseSources } from '../../needs/rules';

export * from '../../domain';

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const organisation = sqliteTable('organisation', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	slug: text('slug').notNull().unique(),
	name: text('name').notNull(),
	kind: text('kind', { enum: organisationKinds }).notNull(),
	createdAt: createdAt(),
	// What the legal pages (Impressum, Datenschutz, Barrierefreiheit) say about the organisation.
	postalAddress: text('postal_address').notNull().default(''),
	email: text('email').notNull().default(''),
	phone: text('phone').notNull().default(''),
	/** Who represents it, by role ("Der Oberbürgermeister"), for the Impressum. */
	representative: text('representative').notNull().default(''),
	dataProtectionOfficer: text('data_protection_officer').notNull().default(''),
	/** The state law that, with Art. 6(1)(e) GDPR, allows the processing. */
	dataProtectionLaw: text('data_protection_law').notNull().default(''),
	supervisoryAuthority: text('supervisory_authority').notNull().default(''),
	/** The accessibility enforcement body or Schlichtungsstelle of the state. */
	accessibilityEnforcement: text('accessibility_enforcement').notNull().default(''),
	/** `YYYY-MM-DD`: when the accessibility statement was last reviewed. */
	accessibilityReviewedOn: text('accessibility_reviewed_on'),
	/** The organisation's own texts; null while the template built from the fields above is used. */
	imprintText: text('imprint_text'),
	privacyText: text('privacy_text'),
	accessibilityText: text('accessibility_text')
});

export const user = sqliteTable('user', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
	isSystemAdmin: integer('is_system_admin', { mode: 'boolean' }).notNull().default(false),
	createdAt: createdAt()
});

export const session = sqliteTable(
	'session',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		lastVerifiedAt: integer('last_verified_at', {
			mode: 'timestamp_ms'
		}).notNull(),
		/** The browser's user agent as it signed in, shortened, so people can tell their sessions apart. */
		userAgent: text('user_agent').notNull().default('')
	},
	(t) => [index('session_user_idx').on(t.userId)]
);

/** A one-time link to choose a new password; only a hash of its secret is stored. */
export const passwordReset = sqliteTable(
	'password_reset',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
		/** The administrator who made the link for the person, or null when they asked by e-mail. */
		createdByUserId: integer('created_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('password_reset_user_idx').on(t.userId)]
);

export const membership = sqliteTable(
	'membership',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: text('role', { enum: roles }).notNull(),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.organisationId, t.userId] })]
);

export const invitation = sqliteTable(
	'invitation',
	{
		id: text('id').primaryKey(),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		role: text('role', { enum: roles }).notNull(),
		/** An invitation to one process only (a process membership), not to the organisation. */
		processId: integer('process_id').references((): AnySQLiteColumn => process.id, {
			onDelete: 'cascade'
		}),
		note: text('note').notNull().default(''),
		secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
		createdByUserId: integer('created_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		acceptedAt: integer('accepted_at', { mode: 'timestamp_ms' }),
		acceptedByUserId: integer('accepted_by_user_id').references(() => user.id, {
			onDelete: 'set null'
		})
	},
	(t) => [index('invitation_organisation_idx').on(t.organisationId)]
);

export const process = sqliteTable(
	'process',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		slug: text('slug').notNull(),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		status: text('status', { enum: processStatuses }).notNull().default('preparation'),
		template: text('template', { enum: processTemplates }).notNull(),
		isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(false),
		previousProcessId: integer('previous_process_id').references(
			(): AnySQLiteColumn => process.id,
			{ onDelete: 'set null' }
		),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('process_organisation_slug_idx').on(t.organisationId, t.slug)]
);

/**
 * A role in one process only, for people outside the organisation (an external consultant or
 * moderator): they see and act in that process and nowhere else of the organisation. A member
 * of the organisation has no process memberships: their organisation role counts everywhere.
 */
export const processMembership = sqliteTable(
	'process_membership',
	{
		processId: integer('process_id')
			.notNull()
			.references(() => process.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: text('role', { enum: roles }).notNull(),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.processId, t.userId] }),
		index('process_membership_user_idx').on(t.userId)
	]
);

export const phase = sqliteTable(
	'phase',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		processId: integer('process_id')
			.notNull()
			.references(() => process.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		startsOn: text('starts_on'),
		endsOn: text('ends_on'),
		/** `automatic`: the state follows the dates (`phaseStateOn`); anything else was set by hand. */
		statusOverride: text('status_override', { enum: phaseOverrides }).notNull().default('automatic')
	},
	(t) => [index('phase_process_idx').on(t.processId, t.position)]
);

export const fieldOfAction = sqliteTable(
	'field_of_action',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		processId: integer('process_id')
			.notNull()
			.references(() => process.id, { onDelete: 'cascade' }),
		code: text('code').notNull(),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		position: integer('position').notNull()
	},
	(t) => [uniqueIndex('field_of_action_process_code_idx').on(t.processId, t.code)]
);

export const guideline = sqliteTable(
	'guideline',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		processId: integer('process_id')
			.notNull()
			.references(() => process.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		position: integer('position').notNull()
	},
	(t) => [index('guideline_process_idx').on(t.processId, t.position)]
);

export const body = sqliteTable(
	'body',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		processId: integer('process_id')
			.notNull()
			.references(() => process.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: bodyKinds }).notNull(),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		fieldOfActionId: integer('field_of_action_id').references(() => fieldOfAction.id, {
			onDelete: 'set null'
		}),
		isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(true),
		maxMembers: integer('max_members'),
		/** How the body approves minutes (`approvalRules`). */
		approvalRule: text('approval_rule', { enum: approvalRules }).notNull().default('any_member'),
		/** Bodies with members or meetings are archived, not deleted (docs/architecture.md). */
		archivedAt: integer('archived_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('body_process_idx').on(t.processId)]
);

export const bodySeat = sqliteTable(
	'body_seat',
	{
		bodyId: integer('body_id')
			.notNull()
			.references(() => body.id, { onDelete: 'cascade' }),
		category: text('category', { enum: stakeholderCategories }).notNull(),
		seats: integer('seats').notNull(),
		/**
		 * A sub-group's seats count towards this group of the same plan (civil society → migrant
		 * organisations, welfare associations, churches); one level deep.
		 */
		parentCategory: text('parent_category', { enum: stakeholderCategories })
	},
	(t) => [primaryKey({ columns: [t.bodyId, t.category] })]
);

export const bodyMember = sqliteTable(
	'body_member',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		bodyId: integer('body_id')
			.notNull()
			.references(() => body.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		affiliation: text('affiliation').notNull().default(''),
		function: text('function', { enum: memberFunctions }).notNull().default('member'),
		category: text('category', { enum: stakeholderCategories }),
		userId: integer('user_id').references(() => user.id, { onDelete: 'set null' }),
		/** Who stands in for this seat (Stellvertretung), as the body names them. */
		deputy: text('deputy').notNull().default(''),
		/** How the seat is reached: the office's address, mailbox or phone. */
		contact: text('contact').notNull().default('')
	},
	(t) => [index('body_member_body_idx').on(t.bodyId)]
);

export const event = sqliteTable(
	'event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		processId: integer('process_id')
			.notNull()
			.references(() => process.id, { onDelete: 'cascade' }),
		bodyId: integer('body_id').references(() => body.id, { onDelete: 'cascade' }),
		phaseId: integer('phase_id').references(() => phase.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		place: text('place').notNull().default(''),
		/** Local wall-clock time of the organisation (Europe/Berlin), `YYYY-MM-DDTHH:MM`. */
		startsAt: text('starts_at').notNull(),
		endsAt: text('ends_at').notNull(),
		/**
		 * `month`: only the months are known; `startsAt` is the first minute of the first month and
		 * `endsAt` the last minute of the last, so events still sort by `startsAt`.
		 */
		datePrecision: text('date_precision', { enum: eventDatePrecisions }).notNull().default('day'),
		/** Staff recorded that the event took place (one with a closed live session is held anyway). */
		markedHeld: integer('marked_held', { mode: 'boolean' }).notNull().default(false),
		isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(true),
		status: text('status', { enum: eventStatuses }).notNull().default('planned'),
		/** Participants join the event's live workshops with this short code (or its QR code). */
		joinCode: text('join_code').unique(),
		/** The moderator stopped new phones from joining (those already in stay). */
		joinClosed: integer('join_closed', { mode: 'boolean' }).notNull().default(false),
		/** Events with recorded results or minutes are archived, not deleted. */
		archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [
		index('event_process_idx').on(t.processId, t.startsAt),
		// The parent key of attachments' (process, event) reference.
		uniqueIndex('event_process_id_idx').on(t.processId, t.id)
	]
);

export const agendaItem = sqliteTable(
	'agenda_item',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		eventId: integer('event_id')
			.notNull()
			.references(() => event.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		title: text('title').notNull(),
		description: text('description').notNull().default('')
	},
	(t) => [index('agenda_item_event_idx').on(t.eventId, t.position)]
);

/** Who attended: a body member (name copied, so the record outlives the membership) or a guest. */
export const eventAttendee = sqliteTable(
	'event_attendee',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		eventId: integer('event_id')
			.notNull()
			.references(() => event.id, { onDelete: 'cascade' }),
		bodyMemberId: integer('body_member_id').references(() => bodyMember.id, {
			onDelete: 'set null'
		}),
		name: text('name').notNull(),
		affiliation: text('affiliation').notNull().default(''),
		category: text('category', { enum: stakeholderCategories }),
		/** Signed up before the event (the door list); staff-recorded attendance is not. */
		registered: integer('registered', { mode: 'boolean' }).notNull().default(false),
		/** Attended: a registration turns true when checked in at the door. */
		present: integer('present', { mode: 'boolean' }).notNull().default(true),
		/** When the person was checked in at the door (registered or walk-in). */
		checkedInAt: integer('checked_in_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		index('event_attendee_event_idx').on(t.eventId),
		uniqueIndex('event_attendee_member_idx').on(t.eventId, t.bodyMemberId)
	]
);

export const activity = sqliteTable(
	'activity',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		eventId: integer('event_id')
			.notNull()
			.references(() => event.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		question: text('question').notNull(),
		fieldOfActionId: integer('field_of_action_id').references(() => fieldOfAction.id, {
			onDelete: 'set null'
		}),
		dotsPerParticipant: integer('dots_per_participant').notNull().default(5),
		maxDotsPerTarget: integer('max_dots_per_target').notNull().default(3),
		namedIdeas: integer('named_ideas', { mode: 'boolean' }).notNull().default(false),
		/** Show the tallies on the phones while voting runs, not only after the reveal. */
		liveResults: integer('live_results', { mode: 'boolean' }).notNull().default(false),
		stage: text('stage', { enum: activityStages }).notNull().default('collecting'),
		/** The question in further languages for the phones; `question` stays the German original. */
		questionTranslations: text('question_translations', { mode: 'json' })
			.$type<Translations>()
			.notNull()
			.default({}),
		createdAt: createdAt()
	},
	(t) => [index('activity_event_idx').on(t.eventId, t.position)]
);

/** Someone on a phone, without an account: known by a device token kept in a cookie. */
export const participant = sqliteTable(
	'participant',
	{
		id: text('id').primaryKey(),
		eventId: integer('event_id')
			.notNull()
			.references(() => event.id, { onDelete: 'cascade' }),
		secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
		displayName: text('display_name'),
		category: text('category', { enum: stakeholderCategories }),
		locale: text('locale', { enum: participantLocales }).notNull().default('de'),
		createdAt: createdAt(),
		/**
		 * Set when the retention period ended: the row then stands for a former phone, with no
		 * device token, name or group (src/lib/server/privacy/retention.ts).
		 */
		anonymisedAt: integer('anonymised_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('participant_event_idx').on(t.eventId)]
);

export const cluster = sqliteTable(
	'cluster',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		activityId: integer('activity_id')
			.notNull()
			.references(() => activity.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		/** The title in further languages for the phones; `title` stays the German original. */
		titleTranslations: text('title_translations', { mode: 'json' })
			.$type<Translations>()
			.notNull()
			.default({}),
		position: integer('position').notNull()
	},
	(t) => [index('cluster_activity_idx').on(t.activityId)]
);

export const idea = sqliteTable(
	'idea',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		activityId: integer('activity_id')
			.notNull()
			.references(() => activity.id, { onDelete: 'cascade' }),
		participantId: text('participant_id').references(() => participant.id, {
			onDelete: 'set null'
		}),
		/** The submitting client's own id for this write, so a resend is not stored twice. */
		clientId: text('client_id'),
		text: text('text').notNull(),
		language: text('language').notNull(),
		hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
		clusterId: integer('cluster_id').references(() => cluster.id, { onDelete: 'set null' }),
		mergedIntoId: integer('merged_into_id').references((): AnySQLiteColumn => idea.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt()
	},
	(t) => [
		index('idea_activity_idx').on(t.activityId),
		uniqueIndex('idea_client_idx').on(t.participantId, t.clientId)
	]
);

/** One row per dot a participant has placed, on an idea or on a cluster. */
export const dot = sqliteTable(
	'dot',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		activityId: integer('activity_id')
			.notNull()
			.references(() => activity.id, { onDelete: 'cascade' }),
		participantId: text('participant_id')
			.notNull()
			.references(() => participant.id, { onDelete: 'cascade' }),
		ideaId: integer('idea_id').references(() => idea.id, { onDelete: 'cascade' }),
		clusterId: integer('cluster_id').references(() => cluster.id, { onDelete: 'cascade' })
	},
	(t) => [
		index('dot_activity_idx').on(t.activityId),
		index('dot_participant_idx').on(t.participantId, t.activityId)
	]
);

/** Client write ids already applied, so a write resent after a reconnect counts once. */
export const appliedWrite = sqliteTable(
	'applied_write',
	{
		participantId: text('participant_id')
			.notNull()
			.references(() => participant.id, { onDelete: 'cascade' }),
		clientId: text('client_id').notNull(),
		/** What the write did, so that a client id reused for another write is refused. */
		kind: text('kind', { enum: ['dot:place', 'dot:remove'] })
			.notNull()
			.default('dot:place'),
		activityId: integer('activity_id').references(() => activity.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.participantId, t.clientId] })]
);

/** A measurable goal of a field of action (Ziel); how it is measured are its `indicator`s. */
export const goal = sqliteTable(
	'goal',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		fieldOfActionId: integer('field_of_action_id')
			.notNull()
			.references(() => fieldOfAction.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		position: integer('position').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('goal_field_idx').on(t.fieldOfActionId, t.position)]
);

/**
 * A measure of the concept (Maßnahme). It shows its own number as the council printed it
 * ("IP 1.5", gaps allowed, unique in the process) or, without one, its field's code and place
 * ("2.5"). A field with measures cannot be deleted (checked at the end of the statement, so
 * deleting the whole process still takes both): measures are what the council adopts.
 */
export const measure = sqliteTable(
	'measure',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		processId: integer('process_id')
			.notNull()
			.references(() => process.id, { onDelete: 'cascade' }),
		fieldOfActionId: integer('field_of_action_id')
			.notNull()
			.references(() => fieldOfAction.id, { onDelete: 'no action' }),
		goalId: integer('goal_id').references(() => goal.id, { onDelete: 'set null' }),
		position: integer('position').notNull(),
		ownNumber: text('own_number'),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		/** Federführung: one of the process's bodies, or an organisation named in `lead`. */
		leadBodyId: integer('lead_body_id').references(() => body.id, { onDelete: 'set null' }),
		lead: text('lead').notNull().default(''),
		timeframe: text('timeframe', { enum: measureTimeframes }).notNull().default('medium'),
		/** With timeframe `period`: the first and last year ("2018/19" is 2018 to 2019). */
		periodStart: integer('period_start'),
		periodEnd: integer('period_end'),
		/** The cost in euro cents, once or per year (`costKind`); null when not estimated. */
		costCents: integer('cost_cents'),
		costKind: text('cost_kind', { enum: costKinds }).notNull().default('one_off'),
		/** A note on the cost as the papers word it (formerly the only cost field). */
		costEstimate: text('cost_estimate').notNull().default(''),
		funding: text('funding', { enum: measureFundings }).notNull().default('open'),
		/** The funding programme's or third party's name. */
		fundingName: text('funding_name').notNull().default(''),
		/** Haushaltsvorbehalt: the money is not granted yet. */
		budgetReservation: integer('budget_reservation', { mode: 'boolean' }).notNull().default(false),
		priority: text('priority', { enum: measurePriorities }).notNull().default('medium'),
		status: text('status', { enum: measureStatuses }).notNull().default('proposed'),
		/** The year the measure is planned for (Jahresplanung). */
		plannedYear: integer('planned_year'),
		projectId: integer('project_id').references(() => project.id, { onDelete: 'set null' }),
		/** In a Fortschreibung: the measure of the earlier process this one continues. */
		originMeasureId: integer('origin_measure_id').references((): AnySQLiteColumn => measure.id, {
			onDelete: 'set null'
		}),
		/** Measures with sources or status updates are archived, not deleted. */
		archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
			.notNull()
			.default(sql`(unixepoch('subsec') * 1000)`)
	},
	(t) => [
		index('measure_field_idx').on(t.fieldOfActionId, t.position),
		uniqueIndex('measure_own_number_idx').on(t.processId, t.ownNumber),
		index('measure_project_idx').on(t.projectId),
		index('measure_origin_idx').on(t.originMeasureId),
		// The parent key of attachments' (process, measure) reference.
		uniqueIndex('measure_process_id_idx').on(t.processId, t.id)
	]
);

/**
 * A further field of action a measure serves. Its main field (`measure.field_of_action_id`)
 * numbers it and counts its money; in a further field it is listed as a reference only.
 */
export const measureField = sqliteTable(
	'measure_field',
	{
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' }),
		fieldOfActionId: integer('field_of_action_id')
			.notNull()
			.references(() => fieldOfAction.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.measureId, t.fieldOfActionId] }),
		index('measure_field_field_idx').on(t.fieldOfActionId)
	]
);

/** A guideline (Leitlinie) a measure follows. */
export const measureGuideline = sqliteTable(
	'measure_guideline',
	{
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' }),
		guidelineId: integer('guideline_id')
			.notNull()
			.references(() => guideline.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.measureId, t.guidelineId] }),
		index('measure_guideline_guideline_idx').on(t.guidelineId)
	]
);

/**
 * A project bundling measures (Rems-Murr's Starterprojekte). A measure belongs to at most one
 * project (`measure.project_id`): the paper lists each measure under one project only (IP 1.1–1.6
 * under the coordination office, IP 2.3, 2.5 and 2.6 under the labour-market working group),
 * and so a project's money sum counts each measure once. Deleting a project keeps its measures.
 */
export const project = sqliteTable(
	'project',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		processId: integer('process_id')
			.notNull()
			.references(() => process.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		/** Federführung, as the paper names it (an office, a body, a partner). */
		lead: text('lead').notNull().default(''),
		createdAt: createdAt()
	},
	(t) => [index('project_process_idx').on(t.processId)]
);

/**
 * Whom a measure is for and who works on it, one row per entry: a key of `partyVocabulary`
 * or a free entry, in the order given.
 */
export const measureParty = sqliteTable(
	'measure_party',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' }),
		role: text('role', { enum: partyRoles }).notNull(),
		label: text('label').notNull(),
		position: integer('position').notNull()
	},
	(t) => [uniqueIndex('measure_party_label_idx').on(t.measureId, t.role, t.label)]
);

/** The cost of a measure in one year of its timeframe, in euro cents. */
export const measureCost = sqliteTable(
	'measure_cost',
	{
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' }),
		year: integer('year').notNull(),
		amountCents: integer('amount_cents').notNull()
	},
	(t) => [primaryKey({ columns: [t.measureId, t.year] })]
);

/**
 * Where a measure came from: a ranked idea or cluster of a workshop, with its support as it
 * stood when the measure was adopted from it (kept even if the workshop is later deleted).
 */
export const measureSource = sqliteTable(
	'measure_source',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' }),
		eventId: integer('event_id').references(() => event.id, { onDelete: 'set null' }),
		activityId: integer('activity_id').references(() => activity.id, { onDelete: 'set null' }),
		eventTitle: text('event_title').notNull(),
		question: text('question').notNull(),
		label: text('label').notNull(),
		targetKind: text('target_kind', { enum: ['idea', 'cluster'] }).notNull(),
		targetId: integer('target_id').notNull(),
		dots: integer('dots').notNull(),
		voters: integer('voters').notNull(),
		/** JSON: [{ category, dots, voters }], category null for "not stated", small groups merged. */
		breakdown: text('breakdown', { mode: 'json' })
			.$type<{ category: ResultGroup; dots: number; voters: number }[]>()
			.notNull(),
		/** Whether small groups were merged when it was stored (src/lib/server/privacy). */
		groupsMerged: integer('groups_merged', { mode: 'boolean' }).notNull().default(false),
		adoptedBy: integer('adopted_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		index('measure_source_measure_idx').on(t.measureId),
		uniqueIndex('measure_source_target_idx').on(t.measureId, t.activityId, t.targetKind, t.targetId)
	]
);

/** The ideas a measure grew from, so that each idea can show which measure it became. */
export const measureIdea = sqliteTable(
	'measure_idea',
	{
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' }),
		ideaId: integer('idea_id')
			.notNull()
			.references(() => idea.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.measureId, t.ideaId] }),
		index('measure_idea_idea_idx').on(t.ideaId)
	]
);

/** What minutes record of a workshop: its activities and their ranked results, as drafted. */
export interface MinutesResults {
	activities: {
		activityId: number;
		question: string;
		/** The MIN_GROUP_SIZE its breakdowns were drafted with; absent in minutes drafted before. */
		minGroupSize?: number;
		results: {
			label: string;
			kind: 'idea' | 'cluster';
			/** The idea or cluster, so that a result can be adopted as a measure from the minutes. */
			targetId: number;
			ideas: string[];
			dots: number;
			voters: number;
			byCategory: { category: ResultGroup; dots: number; voters: number }[];
		}[];
	}[];
}

/**
 * Minutes of an event (Protokoll), one row per revision. Approved minutes are read-only; a
 * correction is a new revision that points to the one it corrects.
 */
export const minutes = sqliteTable(
	'minutes',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		eventId: integer('event_id')
			.notNull()
			.references(() => event.id, { onDelete: 'cascade' }),
		revision: integer('revision').notNull(),
		previousId: integer('previous_id').references((): AnySQLiteColumn => minutes.id, {
			onDelete: 'set null'
		}),
		status: text('status', { enum: minutesStatuses }).notNull().default('draft'),
		summary: text('summary').notNull().default(''),
		/** Attendees as they were recorded when drafting (names, affiliations, groups). */
		attendees: text('attendees', { mode: 'json' })
			.$type<
				{
					name: string;
					affiliation: string;
					category: (typeof stakeholderCategories)[number] | null;
				}[]
			>()
			.notNull(),
		results: text('results', { mode: 'json' }).$type<MinutesResults>().notNull(),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
		approvedAt: integer('approved_at', { mode: 'timestamp_ms' }),
		approvedBy: integer('approved_by').references(() => user.id, { onDelete: 'set null' }),
		/** Kept as written, so the record survives the account. */
		approvedByName: text('approved_by_name'),
		/** Counts the submissions: approvals count only in the round they were given in. */
		approvalRound: integer('approval_round').notNull().default(0),
		/** Why a revision after the first was started, and by whom (kept as written). */
		reason: text('reason').notNull().default(''),
		createdByName: text('created_by_name'),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('minutes_event_revision_idx').on(t.eventId, t.revision)]
);

/**
 * One member's decision on submitted minutes, in one submission round: an approval, or a
 * refusal with its reason (which sends the minutes back to draft). Kept for the history.
 */
export const minutesApproval = sqliteTable(
	'minutes_approval',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		minutesId: integer('minutes_id')
			.notNull()
			.references(() => minutes.id, { onDelete: 'cascade' }),
		round: integer('round').notNull(),
		bodyId: integer('body_id').references(() => body.id, { onDelete: 'set null' }),
		userId: integer('user_id').references(() => user.id, { onDelete: 'set null' }),
		/** Kept as written, so the record survives the account. */
		name: text('name').notNull(),
		decision: text('decision', { enum: approvalDecisions }).notNull(),
		reason: text('reason').notNull().default(''),
		/** A process owner recorded the body's decision, taken on paper or in a meeting. */
		onPaper: integer('on_paper', { mode: 'boolean' }).notNull().default(false),
		createdAt: createdAt()
	},
	(t) => [
		index('minutes_approval_minutes_idx').on(t.minutesId, t.round),
		uniqueIndex('minutes_approval_once_idx').on(t.minutesId, t.round, t.userId)
	]
);

/** A part of the minutes: notes on an agenda item, a decision, or a follow-up task. */
export const minutesItem = sqliteTable(
	'minutes_item',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		minutesId: integer('minutes_id')
			.notNull()
			.references(() => minutes.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: minutesItemKinds }).notNull(),
		title: text('title').notNull(),
		notes: text('notes').notNull().default(''),
		owner: text('owner').notNull().default(''),
		dueOn: text('due_on'),
		position: integer('position').notNull()
	},
	(t) => [index('minutes_item_minutes_idx').on(t.minutesId, t.kind, t.position)]
);

/** A measure's money as a version keeps it: amount, kind, per-year amounts, reservation. */
export interface SnapshotMoney {
	cents: number | null;
	kind: (typeof costKinds)[number];
	years: { year: number; cents: number }[];
	reservation: boolean;
}

/** What a concept version holds: the whole concept as it stood (src/lib/server/concept/snapshot.ts). */
/** A goal's indicator as a concept version keeps it. */
export type SnapshotIndicator = Pick<
	Indicator,
	'name' | 'unit' | 'baselineValue' | 'baselineOn' | 'targetValue' | 'targetOn'
>;

export interface ConceptSnapshot {
	organisation: string;
	title: string;
	introduction: string;
	guidelines: { title: string; description: string }[];
	fields: {
		code: string;
		title: string;
		description: string;
		goals: {
			title: string;
			/** Versions saved before goals had indicators kept the goal's free text here. */
			indicator?: string;
			targetValue?: string;
			indicators?: SnapshotIndicator[];
		}[];
		measures: {
			id: number;
			number: string;
			title: string;
			description: string;
			goal: string | null;
			lead: string;
			/** Addressees and partners, translated and joined ("Kommunen, VHS Landau"). */
			addressees?: string;
			partners: string;
			timeframe: (typeof measureTimeframes)[number];
			/** The period as printed ("2018/19"), for timeframe `period`. */
			period?: string;
			periodYears?: { start: number; end: number } | null;
			plannedYear?: number | null;
			costEstimate: string;
			/** Versions saved before money was structured have no `money`. */
			money?: SnapshotMoney;
			funding: (typeof measureFundings)[number];
			fundingName?: string;
			priority: (typeof measurePriorities)[number];
			status: (typeof measureStatuses)[number];
			sources: { eventTitle: string; label: string; dots: number; voters: number }[];
			/** The further fields it serves ("3 Wohnen"); absent in versions saved before. */
			alsoServes?: string[];
			guidelines?: string[];
			project?: string;
		}[];
		/** Measures of other fields that also serve this one: listed, not counted again. */
		references?: { number: string; title: string }[];
	}[];
	/** Projects bundling measures, with their numbers and money; absent in versions saved before. */
	projects?: {
		title: string;
		description: string;
		lead: string;
		measures: string[];
		cents: number;
		reservedCents: number;
	}[];
	participation: {
		events: {
			title: string;
			startsAt: string;
			/** Absent in versions saved before events could be dated to the month. */
			endsAt?: string;
			datePrecision?: (typeof eventDatePrecisions)[number];
			attendees: number;
			phones: number;
			ideas: number;
			dots: number;
		}[];
		phonesByCategory: { category: (typeof stakeholderCategories)[number] | null; count: number }[];
	};
}

/**
 * A saved version of the concept draft: a snapshot, who saved it and why. Versions never
 * change; one its Beratungsfolge adopted (`adoptionStep`) cannot be deleted either.
 */
export const conceptVersion = sqliteTable(
	'concept_version',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		processId: integer('process_id')
			.notNull()
			.references(() => process.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		note: text('note').notNull().default(''),
		snapshot: text('snapshot', { mode: 'json' }).$type<ConceptSnapshot>().notNull(),
		createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdByName: text('created_by_name').notNull(),
		createdAt: createdAt(),
		/** The "Stand" the exports print (YYYY-MM-DD): set on saving, editable until adopted. */
		standOn: text('stand_on').notNull().default('')
	},
	(t) => [
		uniqueIndex('concept_version_number_idx').on(t.processId, t.number),
		// The parent key of attachments' (process, version) reference.
		uniqueIndex('concept_version_process_id_idx').on(t.processId, t.id)
	]
);

/**
 * One step of a version's Beratungsfolge (OParl: a Consultation of the Paper in a Meeting): a
 * body of the process or one named here, the meeting day, the Drucksache, the result and votes.
 * The final step's decision (beschlossen, geändert beschlossen) adopts and freezes the version.
 * A decided step is never deleted; it is corrected with a reason (`adoptionStepCorrection`).
 */
export const adoptionStep = sqliteTable(
	'adoption_step',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		versionId: integer('version_id')
			.notNull()
			.references(() => conceptVersion.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		bodyId: integer('body_id').references(() => body.id, { onDelete: 'set null' }),
		/** A body outside the process (or the process's body's name when it was chosen). */
		bodyName: text('body_name').notNull(),
		meetingOn: text('meeting_on'),
		paperNumber: text('paper_number').notNull().default(''),
		isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(true),
		result: text('result', { enum: adoptionResults }).notNull().default('pending'),
		votesYes: integer('votes_yes'),
		votesNo: integer('votes_no'),
		votesAbstained: integer('votes_abstained'),
		/** The OParl Paper or Consultation this step is, https only. */
		oparlUrl: text('oparl_url').notNull().default(''),
		note: text('note').notNull().default(''),
		isFinal: integer('is_final', { mode: 'boolean' }).notNull().default(false),
		/** With "geändert beschlossen": what the body changed. */
		changes: text('changes').notNull().default(''),
		/** A reporting duty the decision set ("Bericht in einem Jahr"). */
		reportDueOn: text('report_due_on'),
		createdAt: createdAt()
	},
	(t) => [index('adoption_step_version_idx').on(t.versionId, t.position)]
);

/** A correction of a decided step: why, by whom, and what the step said before. */
export const adoptionStepCorrection = sqliteTable(
	'adoption_step_correction',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		stepId: integer('step_id')
			.notNull()
			.references(() => adoptionStep.id, { onDelete: 'cascade' }),
		reason: text('reason').notNull(),
		previous: text('previous', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
		correctedByName: text('corrected_by_name').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('adoption_step_correction_step_idx').on(t.stepId)]
);

/** Starter measures (to be done first), picked by the decision of a final step. */
export const starterMeasure = sqliteTable(
	'starter_measure',
	{
		stepId: integer('step_id')
			.notNull()
			.references(() => adoptionStep.id, { onDelete: 'cascade' }),
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.stepId, t.measureId] })]
);

/**
 * A steering group member's comment on the concept: on the introduction, the guidelines, a field
 * of action or a measure (`target`: "introduction", "guidelines", "field:<id>", "measure:<id>").
 * The process owner resolves it.
 */
export const conceptComment = sqliteTable(
	'concept_comment',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		processId: integer('process_id')
			.notNull()
			.references(() => process.id, { onDelete: 'cascade' }),
		target: text('target').notNull(),
		body: text('body').notNull(),
		authorId: integer('author_id').references(() => user.id, { onDelete: 'set null' }),
		authorName: text('author_name').notNull(),
		createdAt: createdAt(),
		resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
		resolvedByName: text('resolved_by_name')
	},
	(t) => [index('concept_comment_process_idx').on(t.processId, t.target)]
);

/**
 * A dated status update of a measure during implementation; the latest one is its status.
 * Entries never change: a wrong one is corrected by a new entry that references it.
 */
export const measureUpdate = sqliteTable(
	'measure_update',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		measureId: integer('measure_id')
			.notNull()
			.references(() => measure.id, { onDelete: 'cascade' }),
		recordedOn: text('recorded_on').notNull(),
		status: text('status', { enum: measureStatuses }).notNull(),
		note: text('note').notNull().default(''),
		percentDone: integer('percent_done'),
		/** Bisher verausgabt: what the measure has spent in all by that day, in euro cents. */
		spentCents: integer('spent_cents'),
		recordedBy: text('recorded_by').notNull(),
		/** A correction is a new entry pointing to the wrong one, with the reason. */
		correctsId: integer('corrects_id').references((): AnySQLiteColumn => measureUpdate.id, {
			onDelete: 'no action'
		}),
		reason: text('reason').notNull().default(''),
		createdAt: createdAt()
	},
	(t) => [
		index('measure_update_measure_idx').on(t.measureId, t.recordedOn),
		uniqueIndex('measure_update_corrects_idx').on(t.correctsId)
	]
);

/**
 * What staff write about a field of action for one report period (Sachstandsbericht): one text
 * per process, period and field, shown under the field on the report page and in the DOCX.
 */
export const reportNarrative = sqliteTable(
	'report_narrative',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		processId: integer('process_id')
			.notNull()
			.references(() => process.id, { onDelete: 'cascade' }),
		fieldOfActionId: integer('field_of_action_id')
			.notNull()
			.references(() => fieldOfAction.id, { onDelete: 'cascade' }),
		periodFrom: text('period_from').notNull(),
		periodTo: text('period_to').notNull(),
		text: text('text').notNull(),
		writtenBy: text('written_by').notNull(),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
			.notNull()
			.default(sql`(unixepoch('subsec') * 1000)`)
	},
	(t) => [
		uniqueIndex('report_narrative_period_idx').on(
			t.processId,
			t.periodFrom,
			t.periodTo,
			t.fieldOfActionId
		)
	]
);

/**
 * An indicator of a goal (Indikator): what is measured, in which unit, from a baseline on a day
 * towards a target by a day. Values are recorded over time in `indicatorValue`.
 */
export const indicator = sqliteTable(
	'indicator',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		goalId: integer('goal_id')
			.notNull()
			.references(() => goal.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		unit: text('unit').notNull().default(''),
		baselineValue: real('baseline_value'),
		baselineOn: text('baseline_on'),
		targetValue: real('target_value'),
		targetOn: text('target_on'),
		/** What the goal's free text said before indicators had numbers, kept as written. */
		note: text('note').notNull().default(''),
		position: integer('position').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('indicator_goal_idx').on(t.goalId, t.position)]
);

/** A value of an indicator measured on a day (Messwert), recorded during monitoring. */
export const indicatorValue = sqliteTable(
	'indicator_value',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		indicatorId: integer('indicator_id')
			.notNull()
			.references(() => indicator.id, { onDelete: 'cascade' }),
		measuredOn: text('measured_on').notNull(),
		value: real('value').notNull(),
		note: text('note').notNull().default(''),
		recordedBy: text('recorded_by').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('indicator_value_indicator_idx').on(t.indicatorId, t.measuredOn)]
);

/**
 * Results of different workshops marked as the same topic (harmonising), so that the review
 * shows one line whose support adds up.
 */
export const topic = sqliteTable('topic', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	processId: integer('process_id')
		.notNull()
		.references(() => process.id, { onDelete: 'cascade' }),
	title: text('title').notNull(),
	createdAt: createdAt()
});

/** One result in a topic; a result belongs to one topic at most. */
export const topicItem = sqliteTable(
	'topic_item',
	{
		topicId: integer('topic_id')
			.notNull()
			.references(() => topic.id, { onDelete: 'cascade' }),
		activityId: integer('activity_id')
			.notNull()
			.references(() => activity.id, { onDelete: 'cascade' }),
		targetKind: text('target_kind', { enum: ['idea', 'cluster'] }).notNull(),
		targetId: integer('target_id').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.activityId, t.targetKind, t.targetId] }),
		index('topic_item_topic_idx').on(t.topicId)
	]
);

/**
 * Every staff write, one row per changed row: written only by the triggers that
 * `src/lib/server/db/audit.ts` installs, never changed or deleted (their own triggers refuse it).
 * Organisation and process are plain ids, so the entries outlive what they describe.
 */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at', { mode: 'timestamp_ms' })
			.notNull()
			.default(sql`(unixepoch('subsec') * 1000)`),
		actorUserId: integer('actor_user_id').references(() => user.id, { onDelete: 'set null' }),
		/** Kept as it was at the write, so the entry survives the account. */
		actorName: text('actor_name').notNull(),
		actorKind: text('actor_kind', { enum: auditActorKinds }).notNull(),
		organisationId: integer('organisation_id'),
		processId: integer('process_id'),
		tableName: text('table_name').notNull(),
		rowId: text('row_id').notNull(),
		operation: text('operation', { enum: auditOperations }).notNull(),
		/** JSON objects of the row's columns before and after the write (secrets left out). */
		before: text('before'),
		after: text('after'),
		/** The route and form action, or the live message, that wrote. */
		path: text('path').notNull().default('')
	},
	(t) => [
		index('audit_log_organisation_idx').on(t.organisationId, t.id),
		index('audit_log_process_idx').on(t.processId, t.id),
		// Deleting an account clears its entries' link; the person filter looks it up too.
		index('audit_log_actor_idx').on(t.actorUserId)
	]
);

export type Organisation = typeof organisation.$inferSelect;
export type User = typeof user.$inferSelect;
export type Session = typeof session.$inferSelect;
export type PasswordReset = typeof passwordReset.$inferSelect;
export type Membership = typeof membership.$inferSelect;
export type Invitation = typeof invitation.$inferSelect;
export type ProcessMembership = typeof processMembership.$inferSelect;
export type MinutesApproval = typeof minutesApproval.$inferSelect;
export type Process = typeof process.$inferSelect;
export type Phase = typeof phase.$inferSelect;
export type FieldOfAction = typeof fieldOfAction.$inferSelect;
export type Guideline = typeof guideline.$inferSelect;
export type Body = typeof body.$inferSelect;
export type BodyMember = typeof bodyMember.$inferSelect;
export type Event = typeof event.$inferSelect;
export type AgendaItem = typeof agendaItem.$inferSelect;
export type EventAttendee = typeof eventAttendee.$inferSelect;
export type Activity = typeof activity.$inferSelect;
export type Participant = typeof participant.$inferSelect;
export type Idea = typeof idea.$inferSelect;
export type Cluster = typeof cluster.$inferSelect;
export type AppliedWrite = typeof appliedWrite.$inferSelect;
export type Goal = typeof goal.$inferSelect;
export type Measure = typeof measure.$inferSelect;
export type MeasureParty = typeof measureParty.$inferSelect;
export type MeasureCost = typeof measureCost.$inferSelect;
export type MeasureSource = typeof measureSource.$inferSelect;
export type Project = typeof project.$inferSelect;
export type Minutes = typeof minutes.$inferSelect;
export type MinutesItem = typeof minutesItem.$inferSelect;
export type ConceptVersion = typeof conceptVersion.$inferSelect;
export type ConceptComment = typeof conceptComment.$inferSelect;
export type MeasureUpdate = typeof measureUpdate.$inferSelect;
export type Indicator = typeof indicator.$inferSelect;
export type ReportNarrative = typeof reportNarrative.$inferSelect;
export type IndicatorValue = typeof indicatorValue.$inferSelect;
export type AuditLogEntry = typeof auditLog.$inferSelect;
export type AdoptionStep = typeof adoptionStep.$inferSelect;
export type AdoptionStepCorrection = typeof adoptionStepCorrection.$inferSelect;

/**
 * An uploaded spreadsheet (a measures catalogue, a list of members) kept between the dry run and
 * the import, so that what is imported is the file the dry run read (its SHA-256 goes into the
 * dry run's fingerprint). Deleted by the import, or once expired.
 */
export const importUpload = sqliteTable(
	'import_upload',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id, { onDelete: 'cascade' }),
		/** The process a catalogue goes into; none for a list of members. */
		processId: integer('process_id').references(() => process.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		fileName: text('file_name').notNull(),
		sha256: text('sha256').notNull(),
		content: blob('content', { mode: 'buffer' }).notNull(),
		createdAt: createdAt(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('import_upload_organisation_idx').on(t.organisationId)]
);
export type ImportUpload = typeof importUpload.$inferSelect;

/**
 * A file attached to a process, or to one of its concept versions, measures or events (at most
 * one of the three; none means the process itself): a council paper (Drucksache, Beschlussvorlage)
 * or an annex. The reference to the version, measure or event includes the process, so an
 * attachment cannot point into another process, and goes with its record. The bytes are a BLOB,
 * so backups carry them; the audit log copies every column but the bytes.
 */
export const attachment = sqliteTable(
	'attachment',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		processId: integer('process_id')
			.notNull()
			.references(() => process.id, { onDelete: 'cascade' }),
		conceptVersionId: integer('concept_version_id'),
		measureId: integer('measure_id'),
		eventId: integer('event_id'),
		title: text('title').notNull(),
		/** The name the file came with, cleaned (`attachments/file-name.ts`). */
		fileName: text('file_name').notNull(),
		/** Found from the content (`attachments/file-types.ts`), never from the name. */
		mediaType: text('media_type').notNull(),
		size: integer('size').notNull(),
		sha256: text('sha256').notNull(),
		content: blob('content', { mode: 'buffer' }).notNull(),
		/** Shown on the public page, if the process is public. */
		isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(false),
		uploadedBy: integer('uploaded_by').references(() => user.id, { onDelete: 'set null' }),
		uploadedByName: text('uploaded_by_name').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		foreignKey({
			columns: [t.processId, t.conceptVersionId],
			foreignColumns: [conceptVersion.processId, conceptVersion.id]
		}).onDelete('cascade'),
		foreignKey({
			columns: [t.processId, t.measureId],
			foreignColumns: [measure.processId, measure.id]
		}).onDelete('cascade'),
		foreignKey({
			columns: [t.processId, t.eventId],
			foreignColumns: [event.processId, event.id]
		}).onDelete('cascade'),
		check(
			'attachment_one_target',
			sql`(${t.conceptVersionId} IS NOT NULL) + (${t.measureId} IS NOT NULL) + (${t.eventId} IS NOT NULL) <= 1`
		),
		// Also the child keys SQLite looks up when a version, measure or event is deleted.
		index('attachment_version_idx').on(t.processId, t.conceptVersionId),
		index('attachment_measure_idx').on(t.processId, t.measureId),
		index('attachment_event_idx').on(t.processId, t.eventId)
	]
);
export type Attachment = typeof attachment.$inferSelect;

/**
 * The public comment period (Öffentliche Beteiligung) of a process: while today (Europe/Berlin)
 * lies between its first and last day, anyone may comment on the draft's fields and measures.
 */
export const publicCommentPeriod = sqliteTable('public_comment_period', {
	processId: integer('process_id')
		.primaryKey()
		.references(() => process.id, { onDelete: 'cascade' }),
	opensOn: text('opens_on').notNull(),
	closesOn: text('closes_on').notNull(),
	createdAt: createdAt()
});
export type PublicCommentPeriod = typeof publicCommentPeriod.$inferSelect;

/**
 * A comment of the public on a field or a measure of the draft. Held for moderation; once
 * published, staff answer it (adopted, partly, not adopted, and why). No address is stored.
 */
export const publicComment = sqliteTable(
	'public_comment',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		processId: integer('process_id')
			.notNull()
			.references(() => process.id, { onDelete: 'cascade' }),
		fieldOfActionId: integer('field_of_action_id').references(() => fieldOfAction.id, {
			onDelete: 'cascade'
		}),
		measureId: integer('measure_id').references(() => measure.id, { onDelete: 'cascade' }),
		authorName: text('author_name').notNull().default(''),
		body: text('body').notNull(),
		status: text('status', { enum: publicCommentStatuses }).notNull().default('held'),
		moderatedAt: integer('moderated_at', { mode: 'timestamp_ms' }),
		moderatedByName: text('moderated_by_name'),
		verdict: text('verdict', { enum: publicCommentVerdicts }),
		answer: text('answer').notNull().default(''),
		answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
		answeredByName: text('answered_by_name'),
		createdAt: createdAt()
	},
	(t) => [
		index('public_comment_process_idx').on(t.processId, t.status),
		index('public_comment_field_idx').on(t.fieldOfActionId),
		index('public_comment_measure_idx').on(t.measureId)
	]
);
export type PublicComment = typeof publicComment.$inferSelect;

/**
 * An organisation's video in Deutsche Gebärdensprache for its public start page, with optional
 * WebVTT captions: at most one per organisation, replaced as a whole. The bytes live here (not in
 * `organisation`), so reading an organisation never loads a video.
 */
export const signVideo = sqliteTable('sign_video', {
	/** A new row, and so a new id, for every upload: a reader streaming one video never gets
	 * the bytes of the next (`sign-video/sign-video.ts`). */
	id: integer('id').primaryKey({ autoIncrement: true }),
	organisationId: integer('organisation_id')
		.notNull()
		.unique()
		.references(() => organisation.id, { onDelete: 'cascade' }),
	/** Found from the content (`sign-video/video-type.ts`): `video/mp4` or `video/webm`. */
	mediaType: text('media_type').notNull(),
	size: integer('size').notNull(),
	sha256: text('sha256').notNull(),
	/** WebVTT, UTF-8. */
	captions: blob('captions', { mode: 'buffer' }),
	captionsSha256: text('captions_sha256'),
	uploadedBy: integer('uploaded_by').references(() => user.id, { onDelete: 'set null' }),
	uploadedByName: text('uploaded_by_name').notNull(),
	createdAt: createdAt()
});
export type SignVideo = typeof signVideo.$inferSelect;

/**
 * The video's bytes in pieces of 1 MiB (`seq` from 0), so that a range reads only the pieces it
 * needs: SQLite reads a whole BLOB even for `substr`, 200 MB of it for one byte.
 */
export const signVideoChunk = sqliteTable(
	'sign_video_chunk',
	{
		videoId: integer('video_id')
			.notNull()
			.references(() => signVideo.id, { onDelete: 'cascade' }),
		seq: integer('seq').notNull(),
		bytes: blob('bytes', { mode: 'buffer' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.videoId, t.seq] })]
);

/**
 * The outbox: every message the app sends (or, without SMTP, would send), in the recipient's
 * language. `dedupeKey` makes scheduled messages idempotent: a second run of the scheduler
 * finds the key and writes nothing. Links in invitations and reset mails are secrets: once
 * such a message is sent, its text is blanked (`secret`).
 */
export const notification = sqliteTable(
	'notification',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** Null for mails outside any organisation (a password reset asked for on the login page). */
		organisationId: integer('organisation_id').references(() => organisation.id, {
			onDelete: 'cascade'
		}),
		userId: integer('user_id').references(() => user.id, { onDelete: 'cascade' }),
		toAddress: text('to_address').notNull(),
		kind: text('kind', { enum: notificationKinds }).notNull(),
		locale: text('locale', { enum: messageLocales }).notNull(),
		subject: text('subject').notNull(),
		text: text('text').notNull(),
		/** The page the message points to, for copying by hand. */
		link: text('link').notNull().default(''),
		icsFileName: text('ics_file_name'),
		ics: text('ics'),
		secret: integer('secret', { mode: 'boolean' }).notNull().default(false),
		dedupeKey: text('dedupe_key').unique(),
		status: text('status', { enum: notificationStatuses }).notNull().default('queued'),
		/** The digest a held message went out in. */
		digestId: integer('digest_id').references((): AnySQLiteColumn => notification.id, {
			onDelete: 'set null'
		}),
		attempts: integer('attempts').notNull().default(0),
		error: text('error'),
		createdAt: createdAt(),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		index('notification_organisation_idx').on(t.organisationId, t.createdAt),
		index('notification_status_idx').on(t.status, t.userId)
	]
);
export type Notification = typeof notification.$inferSelect;

/** The sender an organisation's mails carry; without a row, `MAIL_FROM`. */
export const notificationSender = sqliteTable('notification_sender', {
	organisationId: integer('organisation_id')
		.primaryKey()
		.references(() => organisation.id, { onDelete: 'cascade' }),
	name: text('name').notNull().default(''),
	address: text('address').notNull().default('')
});

/** A user's language for messages and whether they want one daily digest instead of single mails. */
export const notificationSetting = sqliteTable('notification_setting', {
	userId: integer('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	locale: text('locale', { enum: messageLocales }).notNull().default('de'),
	digest: integer('digest', { mode: 'boolean' }).notNull().default(false)
});

/** A kind of message the user switched off. */
export const notificationOptOut = sqliteTable(
	'notification_opt_out',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: notificationKinds }).notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.kind] })]
);

/** Who submitted a revision of the minutes, so the approval (or refusal) can be told to them. */
export const minutesSubmitter = sqliteTable('minutes_submitter', {
	minutesId: integer('minutes_id')
		.primaryKey()
		.references(() => minutes.id, { onDelete: 'cascade' }),
	userId: integer('user_id')
		.notNull()
		.references(() => user.id, { onDelete: 'cascade' })
});

/**
 * A questionnaire of the needs analysis (Bedarfsanalyse) of a process. Its questions and
 * options change only while it is a draft; once open, phones answer it through `code`.
 */
export const questionnaire = sqliteTable('questionnaire', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	processId: integer('process_id')
		.notNull()
		.references(() => process.id, { onDelete: 'cascade' }),
	title: text('title').notNull(),
	intro: text('intro').notNull().default(''),
	status: text('status', { enum: questionnaireStatuses }).notNull().default('draft'),
	/** The public code of the phone link (`/umfrage/<code>`), in the join codes' alphabet. */
	code: text('code').notNull().unique(),
	createdAt: createdAt()
});
export type Questionnaire = typeof questionnaire.$inferSelect;

export const questionnaireQuestion = sqliteTable(
	'questionnaire_question',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		questionnaireId: integer('questionnaire_id')
			.notNull()
			.references(() => questionnaire.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		kind: text('kind', { enum: questionKinds }).notNull(),
		text: text('text').notNull(),
		/** The question in further languages; `text` stays the German original. */
		textTranslations: text('text_translations', { mode: 'json' })
			.$type<Translations>()
			.notNull()
			.default({}),
		fieldOfActionId: integer('field_of_action_id').references(() => fieldOfAction.id, {
			onDelete: 'set null'
		}),
		/** A question with answers is hidden instead of deleted: its answers stay. */
		hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false)
	},
	(t) => [index('questionnaire_question_idx').on(t.questionnaireId, t.position)]
);
export type QuestionnaireQuestion = typeof questionnaireQuestion.$inferSelect;

export const questionnaireOption = sqliteTable(
	'questionnaire_option',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		questionId: integer('question_id')
			.notNull()
			.references(() => questionnaireQuestion.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		text: text('text').notNull(),
		textTranslations: text('text_translations', { mode: 'json' })
			.$type<Translations>()
			.notNull()
			.default({})
	},
	(t) => [index('questionnaire_option_idx').on(t.questionId, t.position)]
);
export type QuestionnaireOption = typeof questionnaireOption.$inferSelect;

/** One filled-in questionnaire: from a phone, anonymous, or typed in by staff from paper. */
export const questionnaireResponse = sqliteTable(
	'questionnaire_response',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		questionnaireId: integer('questionnaire_id')
			.notNull()
			.references(() => questionnaire.id, { onDelete: 'cascade' }),
		category: text('category', { enum: stakeholderCategories }),
		source: text('source', { enum: responseSources }).notNull(),
		locale: text('locale', { enum: participantLocales }).notNull().default('de'),
		createdAt: createdAt()
	},
	(t) => [index('questionnaire_response_idx').on(t.questionnaireId)]
);
export type QuestionnaireResponse = typeof questionnaireResponse.$inferSelect;

/** An answer to one question: a chosen option (one row per option) or a text. */
export const questionnaireAnswer = sqliteTable(
	'questionnaire_answer',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		responseId: integer('response_id')
			.notNull()
			.references(() => questionnaireResponse.id, { onDelete: 'cascade' }),
		questionId: integer('question_id')
			.notNull()
			.references(() => questionnaireQuestion.id, { onDelete: 'restrict' }),
		optionId: integer('option_id').references(() => questionnaireOption.id, {
			onDelete: 'restrict'
		}),
		text: text('text')
	},
	(t) => [
		index('questionnaire_answer_question_idx').on(t.questionId),
		index('questionnaire_answer_response_idx').on(t.responseId)
	]
);
