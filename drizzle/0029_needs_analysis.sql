CREATE TABLE `questionnaire` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`process_id` integer NOT NULL,
	`title` text NOT NULL,
	`intro` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`code` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`process_id`) REFERENCES `process`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questionnaire_code_unique` ON `questionnaire` (`code`);--> statement-breakpoint
CREATE TABLE `questionnaire_answer` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer NOT NULL,
	`question_id` integer NOT NULL,
	`option_id` integer,
	`text` text,
	FOREIGN KEY (`response_id`) REFERENCES `questionnaire_response`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questionnaire_question`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`option_id`) REFERENCES `questionnaire_option`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `questionnaire_answer_question_idx` ON `questionnaire_answer` (`question_id`);--> statement-breakpoint
CREATE INDEX `questionnaire_answer_response_idx` ON `questionnaire_answer` (`response_id`);--> statement-breakpoint
CREATE TABLE `questionnaire_option` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`question_id` integer NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	`text_translations` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questionnaire_question`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `questionnaire_option_idx` ON `questionnaire_option` (`question_id`,`position`);--> statement-breakpoint
CREATE TABLE `questionnaire_question` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`questionnaire_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`text_translations` text DEFAULT '{}' NOT NULL,
	`field_of_action_id` integer,
	`hidden` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`questionnaire_id`) REFERENCES `questionnaire`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`field_of_action_id`) REFERENCES `field_of_action`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `questionnaire_question_idx` ON `questionnaire_question` (`questionnaire_id`,`position`);--> statement-breakpoint
CREATE TABLE `questionnaire_response` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`questionnaire_id` integer NOT NULL,
	`category` text,
	`source` text NOT NULL,
	`locale` text DEFAULT 'de' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`questionnaire_id`) REFERENCES `questionnaire`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `questionnaire_response_idx` ON `questionnaire_response` (`questionnaire_id`);