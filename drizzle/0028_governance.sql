CREATE TABLE `minutes_approval` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`minutes_id` integer NOT NULL,
	`round` integer NOT NULL,
	`body_id` integer,
	`user_id` integer,
	`name` text NOT NULL,
	`decision` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`on_paper` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`minutes_id`) REFERENCES `minutes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`body_id`) REFERENCES `body`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `minutes_approval_minutes_idx` ON `minutes_approval` (`minutes_id`,`round`);--> statement-breakpoint
CREATE UNIQUE INDEX `minutes_approval_once_idx` ON `minutes_approval` (`minutes_id`,`round`,`user_id`);--> statement-breakpoint
CREATE TABLE `process_membership` (
	`process_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`process_id`, `user_id`),
	FOREIGN KEY (`process_id`) REFERENCES `process`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `process_membership_user_idx` ON `process_membership` (`user_id`);--> statement-breakpoint
ALTER TABLE `body` ADD `approval_rule` text DEFAULT 'any_member' NOT NULL;--> statement-breakpoint
ALTER TABLE `invitation` ADD `process_id` integer REFERENCES process(id) ON DELETE cascade;--> statement-breakpoint
ALTER TABLE `minutes` ADD `approval_round` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
INSERT INTO `minutes_approval` (`minutes_id`, `round`, `user_id`, `name`, `decision`, `created_at`)
	SELECT `id`, 0, `approved_by`, coalesce(`approved_by_name`, ''), 'approved', coalesce(`approved_at`, `created_at`)
	FROM `minutes` WHERE `status` = 'approved';
