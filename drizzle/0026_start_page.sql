CREATE TABLE `sign_video` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`captions` blob,
	`captions_sha256` text,
	`uploaded_by` integer,
	`uploaded_by_name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sign_video_organisation_id_unique` ON `sign_video` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `sign_video_chunk` (
	`video_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`bytes` blob NOT NULL,
	PRIMARY KEY(`video_id`, `seq`),
	FOREIGN KEY (`video_id`) REFERENCES `sign_video`(`id`) ON UPDATE no action ON DELETE cascade
);
