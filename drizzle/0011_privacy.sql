ALTER TABLE `measure_source` ADD `groups_merged` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `organisation` ADD `postal_address` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `organisation` ADD `email` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `organisation` ADD `phone` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `organisation` ADD `representative` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `organisation` ADD `data_protection_officer` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `organisation` ADD `data_protection_law` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `organisation` ADD `supervisory_authority` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `organisation` ADD `accessibility_enforcement` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `organisation` ADD `accessibility_reviewed_on` text;--> statement-breakpoint
ALTER TABLE `organisation` ADD `imprint_text` text;--> statement-breakpoint
ALTER TABLE `organisation` ADD `privacy_text` text;--> statement-breakpoint
ALTER TABLE `organisation` ADD `accessibility_text` text;--> statement-breakpoint
ALTER TABLE `participant` ADD `anonymised_at` integer;