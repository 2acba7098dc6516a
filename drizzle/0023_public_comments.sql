CREATE TABLE `public_comment` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`process_id` integer NOT NULL,
	`field_of_action_id` integer,
	`measure_id` integer,
	`author_name` text DEFAULT '' NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'held' NOT NULL,
	`moderated_at` integer,
	`moderated_by_name` text,
	`verdict` text,
	`answer` text DEFAULT '' NOT NULL,
	`answered_at` integer,
	`answered_by_name` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`process_id`) REFERENCES `process`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`field_of_action_id`) REFERENCES `field_of_action`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`measure_id`) REFERENCES `measure`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `public_comment_process_idx` ON `public_comment` (`process_id`,`status`);--> statement-breakpoint
CREATE INDEX `public_comment_field_idx` ON `public_comment` (`field_of_action_id`);--> statement-breakpoint
CREATE INDEX `public_comment_measure_idx` ON `public_comment` (`measure_id`);--> statement-breakpoint
CREATE TABLE `public_comment_period` (
	`process_id` integer PRIMARY KEY NOT NULL,
	`opens_on` text NOT NULL,
	`closes_on` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`process_id`) REFERENCES `process`(`id`) ON UPDATE no action ON DELETE cascade
);
