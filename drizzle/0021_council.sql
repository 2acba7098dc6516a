CREATE TABLE `adoption_step` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`position` integer NOT NULL,
	`body_id` integer,
	`body_name` text NOT NULL,
	`meeting_on` text,
	`paper_number` text DEFAULT '' NOT NULL,
	`is_public` integer DEFAULT true NOT NULL,
	`result` text DEFAULT 'pending' NOT NULL,
	`votes_yes` integer,
	`votes_no` integer,
	`votes_abstained` integer,
	`oparl_url` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`is_final` integer DEFAULT false NOT NULL,
	`changes` text DEFAULT '' NOT NULL,
	`report_due_on` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `concept_version`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`body_id`) REFERENCES `body`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `adoption_step_version_idx` ON `adoption_step` (`version_id`,`position`);--> statement-breakpoint
CREATE TABLE `adoption_step_correction` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`step_id` integer NOT NULL,
	`reason` text NOT NULL,
	`previous` text NOT NULL,
	`corrected_by_name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`step_id`) REFERENCES `adoption_step`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `adoption_step_correction_step_idx` ON `adoption_step_correction` (`step_id`);--> statement-breakpoint
CREATE TABLE `starter_measure` (
	`step_id` integer NOT NULL,
	`measure_id` integer NOT NULL,
	PRIMARY KEY(`step_id`, `measure_id`),
	FOREIGN KEY (`step_id`) REFERENCES `adoption_step`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`measure_id`) REFERENCES `measure`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- hand-written: the triggers of 0012 that keep adopted versions read the old columns; they go
-- first and come back below, reading the Beratungsfolge.
DROP TRIGGER IF EXISTS `concept_version_adopted_read_only`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `concept_version_adopted_kept`;--> statement-breakpoint
-- hand-written: an adopted version keeps its adoption as the one, final step of its Beratungsfolge
-- (it must run before the old columns go, so it stands here rather than at the end).
INSERT INTO `adoption_step` (`version_id`, `position`, `body_name`, `meeting_on`, `result`, `is_final`)
SELECT `id`, 1, COALESCE(NULLIF(`adopted_by`, ''), '?'), `adopted_on`, 'adopted', 1
FROM `concept_version` WHERE `adopted_on` IS NOT NULL;--> statement-breakpoint
ALTER TABLE `concept_version` DROP COLUMN `adopted_by`;--> statement-breakpoint
ALTER TABLE `concept_version` DROP COLUMN `adopted_on`;--> statement-breakpoint
-- hand-written
-- An adopted concept version (every final step of its Beratungsfolge adopted it, as in
-- src/lib/server/concept/versions.ts adoptedSql) is what the council decided on: it neither
-- changes nor goes. Only a changed created_by (set to null when the author's account is
-- deleted) passes.
CREATE TRIGGER `concept_version_adopted_read_only` BEFORE UPDATE ON `concept_version`
WHEN EXISTS (SELECT 1 FROM `adoption_step` WHERE `version_id` = OLD.`id` AND `is_final` = 1)
	AND NOT EXISTS (SELECT 1 FROM `adoption_step` WHERE `version_id` = OLD.`id` AND `is_final` = 1
		AND `result` NOT IN ('adopted', 'adopted_amended')) AND (
	NEW.`snapshot` IS NOT OLD.`snapshot` OR NEW.`number` IS NOT OLD.`number`
	OR NEW.`note` IS NOT OLD.`note` OR NEW.`process_id` IS NOT OLD.`process_id`
	OR NEW.`stand_on` IS NOT OLD.`stand_on` OR NEW.`created_by_name` IS NOT OLD.`created_by_name`
)
BEGIN SELECT RAISE(ABORT, 'an adopted concept version is read-only'); END;
--> statement-breakpoint
CREATE TRIGGER `concept_version_adopted_kept` BEFORE DELETE ON `concept_version`
WHEN EXISTS (SELECT 1 FROM `adoption_step` WHERE `version_id` = OLD.`id` AND `is_final` = 1)
	AND NOT EXISTS (SELECT 1 FROM `adoption_step` WHERE `version_id` = OLD.`id` AND `is_final` = 1
		AND `result` NOT IN ('adopted', 'adopted_amended'))
BEGIN SELECT RAISE(ABORT, 'an adopted concept version cannot be deleted'); END;
--> statement-breakpoint
-- The decisions that adopted a version stay: no step of it goes, and its final steps keep
-- their result (src/lib/server/council/steps.ts; corrections of the rest go through it).
CREATE TRIGGER `adoption_step_decision_kept` BEFORE UPDATE ON `adoption_step`
WHEN EXISTS (SELECT 1 FROM `adoption_step` WHERE `version_id` = OLD.`version_id` AND `is_final` = 1)
	AND NOT EXISTS (SELECT 1 FROM `adoption_step` WHERE `version_id` = OLD.`version_id` AND `is_final` = 1
		AND `result` NOT IN ('adopted', 'adopted_amended')) AND (
	NEW.`version_id` IS NOT OLD.`version_id` OR NEW.`is_final` IS NOT OLD.`is_final`
	OR (OLD.`is_final` = 1 AND NEW.`result` IS NOT OLD.`result`)
)
BEGIN SELECT RAISE(ABORT, 'the decision that adopted a concept version stays'); END;
--> statement-breakpoint
CREATE TRIGGER `adoption_step_adopted_kept` BEFORE DELETE ON `adoption_step`
WHEN EXISTS (SELECT 1 FROM `adoption_step` WHERE `version_id` = OLD.`version_id` AND `is_final` = 1)
	AND NOT EXISTS (SELECT 1 FROM `adoption_step` WHERE `version_id` = OLD.`version_id` AND `is_final` = 1
		AND `result` NOT IN ('adopted', 'adopted_amended'))
BEGIN SELECT RAISE(ABORT, 'the steps of an adopted concept version stay'); END;
