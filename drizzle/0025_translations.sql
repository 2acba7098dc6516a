ALTER TABLE `activity` ADD `question_translations` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `cluster` ADD `title_translations` text DEFAULT '{}' NOT NULL;