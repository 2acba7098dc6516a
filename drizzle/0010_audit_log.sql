CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`actor_user_id` integer,
	`actor_name` text NOT NULL,
	`actor_kind` text NOT NULL,
	`organisation_id` integer,
	`process_id` integer,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`operation` text NOT NULL,
	`before` text,
	`after` text,
	`path` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`actor_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_log_organisation_idx` ON `audit_log` (`organisation_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_process_idx` ON `audit_log` (`process_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_user_id`);