PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_phase` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`process_id` integer NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`starts_on` text,
	`ends_on` text,
	`status_override` text DEFAULT 'automatic' NOT NULL,
	FOREIGN KEY (`process_id`) REFERENCES `process`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_phase`("id", "process_id", "position", "title", "description", "starts_on", "ends_on", "status_override") SELECT "id", "process_id", "position", "title", "description", "starts_on", "ends_on", "status" FROM `phase`;--> statement-breakpoint
DROP TABLE `phase`;--> statement-breakpoint
ALTER TABLE `__new_phase` RENAME TO `phase`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `phase_process_idx` ON `phase` (`process_id`,`position`);--> statement-breakpoint
ALTER TABLE `event` ADD `date_precision` text DEFAULT 'day' NOT NULL;--> statement-breakpoint
ALTER TABLE `event` ADD `marked_held` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- hand-written
-- drizzle-kit selects the renamed column under its new name; the INSERT above reads `status`.
-- A phase left at the old default 'planned' follows its dates now; 'active' and 'done' were set
-- by hand and stay as overrides.
UPDATE `phase` SET `status_override` = 'automatic' WHERE `status_override` = 'planned';
