CREATE TABLE `agenda_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agenda_item_event_idx` ON `agenda_item` (`event_id`,`position`);--> statement-breakpoint
CREATE TABLE `body` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`process_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`field_of_action_id` integer,
	`is_public` integer DEFAULT true NOT NULL,
	`max_members` integer,
	FOREIGN KEY (`process_id`) REFERENCES `process`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`field_of_action_id`) REFERENCES `field_of_action`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `body_process_idx` ON `body` (`process_id`);--> statement-breakpoint
CREATE TABLE `body_member` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body_id` integer NOT NULL,
	`name` text NOT NULL,
	`affiliation` text DEFAULT '' NOT NULL,
	`function` text DEFAULT 'member' NOT NULL,
	`category` text,
	`user_id` integer,
	FOREIGN KEY (`body_id`) REFERENCES `body`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `body_member_body_idx` ON `body_member` (`body_id`);--> statement-breakpoint
CREATE TABLE `body_seat` (
	`body_id` integer NOT NULL,
	`category` text NOT NULL,
	`seats` integer NOT NULL,
	PRIMARY KEY(`body_id`, `category`),
	FOREIGN KEY (`body_id`) REFERENCES `body`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`process_id` integer NOT NULL,
	`body_id` integer,
	`phase_id` integer,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`is_public` integer DEFAULT true NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`process_id`) REFERENCES `process`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`body_id`) REFERENCES `body`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`phase_id`) REFERENCES `phase`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `event_process_idx` ON `event` (`process_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `event_attendee` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`body_member_id` integer,
	`name` text NOT NULL,
	`affiliation` text DEFAULT '' NOT NULL,
	`category` text,
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`body_member_id`) REFERENCES `body_member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `event_attendee_event_idx` ON `event_attendee` (`event_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_attendee_member_idx` ON `event_attendee` (`event_id`,`body_member_id`);--> statement-breakpoint
ALTER TABLE `process` ADD `is_public` integer DEFAULT false NOT NULL;