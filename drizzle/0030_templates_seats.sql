ALTER TABLE `body_member` ADD `deputy` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `body_member` ADD `contact` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `body_seat` ADD `parent_category` text;