ALTER TABLE `applied_write` ADD `kind` text DEFAULT 'dot:place' NOT NULL;--> statement-breakpoint
ALTER TABLE `applied_write` ADD `activity_id` integer REFERENCES activity(id) ON DELETE cascade;--> statement-breakpoint
ALTER TABLE `event` ADD `join_closed` integer DEFAULT false NOT NULL;