CREATE TABLE `goal` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`field_of_action_id` integer NOT NULL,
	`title` text NOT NULL,
	`indicator` text DEFAULT '' NOT NULL,
	`target_value` text DEFAULT '' NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`field_of_action_id`) REFERENCES `field_of_action`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `goal_field_idx` ON `goal` (`field_of_action_id`,`position`);--> statement-breakpoint
CREATE TABLE `measure` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`process_id` integer NOT NULL,
	`field_of_action_id` integer NOT NULL,
	`goal_id` integer,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`lead` text DEFAULT '' NOT NULL,
	`partners` text DEFAULT '' NOT NULL,
	`timeframe` text DEFAULT 'medium' NOT NULL,
	`cost_estimate` text DEFAULT '' NOT NULL,
	`funding` text DEFAULT 'open' NOT NULL,
	`priority` text DEFAULT 'medium' NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`process_id`) REFERENCES `process`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`field_of_action_id`) REFERENCES `field_of_action`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`goal_id`) REFERENCES `goal`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `measure_field_idx` ON `measure` (`field_of_action_id`,`position`);--> statement-breakpoint
CREATE TABLE `measure_idea` (
	`measure_id` integer NOT NULL,
	`idea_id` integer NOT NULL,
	PRIMARY KEY(`measure_id`, `idea_id`),
	FOREIGN KEY (`measure_id`) REFERENCES `measure`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`idea_id`) REFERENCES `idea`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `measure_idea_idea_idx` ON `measure_idea` (`idea_id`);--> statement-breakpoint
CREATE TABLE `measure_source` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` integer NOT NULL,
	`event_id` integer,
	`activity_id` integer,
	`event_title` text NOT NULL,
	`question` text NOT NULL,
	`label` text NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` integer NOT NULL,
	`dots` integer NOT NULL,
	`voters` integer NOT NULL,
	`breakdown` text NOT NULL,
	`adopted_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measure`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`activity_id`) REFERENCES `activity`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`adopted_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `measure_source_measure_idx` ON `measure_source` (`measure_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `measure_source_target_idx` ON `measure_source` (`measure_id`,`activity_id`,`target_kind`,`target_id`);