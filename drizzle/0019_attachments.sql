CREATE TABLE `attachment` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`process_id` integer NOT NULL,
	`concept_version_id` integer,
	`measure_id` integer,
	`event_id` integer,
	`title` text NOT NULL,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`content` blob NOT NULL,
	`is_public` integer DEFAULT false NOT NULL,
	`uploaded_by` integer,
	`uploaded_by_name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`process_id`) REFERENCES `process`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`process_id`,`concept_version_id`) REFERENCES `concept_version`(`process_id`,`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`process_id`,`measure_id`) REFERENCES `measure`(`process_id`,`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`process_id`,`event_id`) REFERENCES `event`(`process_id`,`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "attachment_one_target" CHECK(("attachment"."concept_version_id" IS NOT NULL) + ("attachment"."measure_id" IS NOT NULL) + ("attachment"."event_id" IS NOT NULL) <= 1)
);
--> statement-breakpoint
CREATE INDEX `attachment_version_idx` ON `attachment` (`process_id`,`concept_version_id`);--> statement-breakpoint
CREATE INDEX `attachment_measure_idx` ON `attachment` (`process_id`,`measure_id`);--> statement-breakpoint
CREATE INDEX `attachment_event_idx` ON `attachment` (`process_id`,`event_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `concept_version_process_id_idx` ON `concept_version` (`process_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_process_id_idx` ON `event` (`process_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `measure_process_id_idx` ON `measure` (`process_id`,`id`);