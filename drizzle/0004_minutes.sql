CREATE TABLE `minutes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`revision` integer NOT NULL,
	`previous_id` integer,
	`status` text DEFAULT 'draft' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`attendees` text NOT NULL,
	`results` text NOT NULL,
	`submitted_at` integer,
	`approved_at` integer,
	`approved_by` integer,
	`approved_by_name` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`previous_id`) REFERENCES `minutes`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`approved_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `minutes_event_revision_idx` ON `minutes` (`event_id`,`revision`);--> statement-breakpoint
CREATE TABLE `minutes_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`minutes_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`owner` text DEFAULT '' NOT NULL,
	`due_on` text,
	`position` integer NOT NULL,
	FOREIGN KEY (`minutes_id`) REFERENCES `minutes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `minutes_item_minutes_idx` ON `minutes_item` (`minutes_id`,`kind`,`position`);