CREATE TABLE `activity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`position` integer NOT NULL,
	`question` text NOT NULL,
	`field_of_action_id` integer,
	`dots_per_participant` integer DEFAULT 5 NOT NULL,
	`max_dots_per_target` integer DEFAULT 3 NOT NULL,
	`named_ideas` integer DEFAULT false NOT NULL,
	`live_results` integer DEFAULT false NOT NULL,
	`stage` text DEFAULT 'collecting' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`field_of_action_id`) REFERENCES `field_of_action`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `activity_event_idx` ON `activity` (`event_id`,`position`);--> statement-breakpoint
CREATE TABLE `applied_write` (
	`participant_id` text NOT NULL,
	`client_id` text NOT NULL,
	PRIMARY KEY(`participant_id`, `client_id`),
	FOREIGN KEY (`participant_id`) REFERENCES `participant`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `cluster` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`title` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `activity`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `cluster_activity_idx` ON `cluster` (`activity_id`);--> statement-breakpoint
CREATE TABLE `dot` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`participant_id` text NOT NULL,
	`idea_id` integer,
	`cluster_id` integer,
	FOREIGN KEY (`activity_id`) REFERENCES `activity`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participant`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`idea_id`) REFERENCES `idea`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cluster_id`) REFERENCES `cluster`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `dot_activity_idx` ON `dot` (`activity_id`);--> statement-breakpoint
CREATE INDEX `dot_participant_idx` ON `dot` (`participant_id`,`activity_id`);--> statement-breakpoint
CREATE TABLE `idea` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`participant_id` text,
	`client_id` text,
	`text` text NOT NULL,
	`language` text NOT NULL,
	`hidden` integer DEFAULT false NOT NULL,
	`cluster_id` integer,
	`merged_into_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `activity`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participant`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`cluster_id`) REFERENCES `cluster`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`merged_into_id`) REFERENCES `idea`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `idea_activity_idx` ON `idea` (`activity_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `idea_client_idx` ON `idea` (`participant_id`,`client_id`);--> statement-breakpoint
CREATE TABLE `participant` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` integer NOT NULL,
	`secret_hash` blob NOT NULL,
	`display_name` text,
	`category` text,
	`locale` text DEFAULT 'de' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `participant_event_idx` ON `participant` (`event_id`);--> statement-breakpoint
ALTER TABLE `event` ADD `join_code` text;--> statement-breakpoint
CREATE UNIQUE INDEX `event_join_code_unique` ON `event` (`join_code`);