import { sql } from 'drizzle-orm';
import {
	type AnySQLiteColumn,
	blob,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const organisationKinds = ['landkreis', 'stadt', 'gemeinde', 'other'] as const;

export const organisation = sqliteTable('organisation', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	slug: text('slug').notNull().unique(),
	name: text('name').notNull(),
	kind: text('kind', { enum: organisationKinds }).notNull(),
	createdAt: createdAt()
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
		}).notNull()
	},
	(t) => [index('session_user_idx').on(t.userId)]
);

export const roles = ['admin', 'process_owner', 'moderator', 'steering_member'] as const;
export type Role = (typeof roles)[number];

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

export const processStatuses = [
	'preparation',
	'running',
	'adopted',
	'implementation',
	'archived'
] as const;

export const processTemplates = ['landau', 'fuehrungsakademie', 'empty'] as const;

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
		previousProcessId: integer('previous_process_id').references(
			(): AnySQLiteColumn => process.id,
			{ onDelete: 'set null' }
		),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('process_organisation_slug_idx').on(t.organisationId, t.slug)]
);

export const phaseStatuses = ['planned', 'active', 'done'] as const;

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
		status: text('status', { enum: phaseStatuses }).notNull().default('planned')
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

export type Organisation = typeof organisation.$inferSelect;
export type User = typeof user.$inferSelect;
export type Session = typeof session.$inferSelect;
export type Membership = typeof membership.$inferSelect;
export type Invitation = typeof invitation.$inferSelect;
export type Process = typeof process.$inferSelect;
export type Phase = typeof phase.$inferSelect;
