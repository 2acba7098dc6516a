ALTER TABLE `body` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `event` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `measure` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `measure_update` ADD `corrects_id` integer REFERENCES measure_update(id);--> statement-breakpoint
ALTER TABLE `measure_update` ADD `reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `measure_update_corrects_idx` ON `measure_update` (`corrects_id`);--> statement-breakpoint
ALTER TABLE `minutes` ADD `reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `minutes` ADD `created_by_name` text;--> statement-breakpoint
-- Approved minutes are read-only, a second line behind src/lib/server/minutes. Only a changed
-- approved_by (set to null when the approver's account is deleted) passes.
CREATE TRIGGER `minutes_approved_read_only` BEFORE UPDATE ON `minutes`
WHEN OLD.`status` = 'approved' AND (
	NEW.`status` IS NOT OLD.`status` OR NEW.`summary` IS NOT OLD.`summary`
	OR NEW.`attendees` IS NOT OLD.`attendees` OR NEW.`results` IS NOT OLD.`results`
	OR NEW.`event_id` IS NOT OLD.`event_id` OR NEW.`revision` IS NOT OLD.`revision`
	OR NEW.`approved_at` IS NOT OLD.`approved_at` OR NEW.`approved_by_name` IS NOT OLD.`approved_by_name`
	OR NEW.`submitted_at` IS NOT OLD.`submitted_at` OR NEW.`reason` IS NOT OLD.`reason`
)
BEGIN SELECT RAISE(ABORT, 'approved minutes are read-only'); END;
--> statement-breakpoint
CREATE TRIGGER `minutes_approved_kept` BEFORE DELETE ON `minutes`
WHEN OLD.`status` = 'approved'
BEGIN SELECT RAISE(ABORT, 'approved minutes cannot be deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `minutes_item_approved_insert` BEFORE INSERT ON `minutes_item`
WHEN (SELECT `status` FROM `minutes` WHERE `id` = NEW.`minutes_id`) = 'approved'
BEGIN SELECT RAISE(ABORT, 'approved minutes are read-only'); END;
--> statement-breakpoint
CREATE TRIGGER `minutes_item_approved_update` BEFORE UPDATE ON `minutes_item`
WHEN (SELECT `status` FROM `minutes` WHERE `id` = OLD.`minutes_id`) = 'approved'
BEGIN SELECT RAISE(ABORT, 'approved minutes are read-only'); END;
--> statement-breakpoint
CREATE TRIGGER `minutes_item_approved_delete` BEFORE DELETE ON `minutes_item`
WHEN (SELECT `status` FROM `minutes` WHERE `id` = OLD.`minutes_id`) = 'approved'
BEGIN SELECT RAISE(ABORT, 'approved minutes are read-only'); END;
--> statement-breakpoint
-- An adopted concept version is what the council decided on: it neither changes nor goes. Only a
-- changed created_by (set to null when the author's account is deleted) passes.
CREATE TRIGGER `concept_version_adopted_read_only` BEFORE UPDATE ON `concept_version`
WHEN OLD.`adopted_on` IS NOT NULL AND (
	NEW.`snapshot` IS NOT OLD.`snapshot` OR NEW.`number` IS NOT OLD.`number`
	OR NEW.`note` IS NOT OLD.`note` OR NEW.`process_id` IS NOT OLD.`process_id`
	OR NEW.`adopted_by` IS NOT OLD.`adopted_by` OR NEW.`adopted_on` IS NOT OLD.`adopted_on`
	OR NEW.`created_by_name` IS NOT OLD.`created_by_name`
)
BEGIN SELECT RAISE(ABORT, 'an adopted concept version is read-only'); END;
--> statement-breakpoint
CREATE TRIGGER `concept_version_adopted_kept` BEFORE DELETE ON `concept_version`
WHEN OLD.`adopted_on` IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an adopted concept version cannot be deleted'); END;
--> statement-breakpoint
-- A status entry (Sachstand) is corrected by a new entry, never changed in place.
CREATE TRIGGER `measure_update_unchanged` BEFORE UPDATE ON `measure_update`
WHEN NEW.`recorded_on` IS NOT OLD.`recorded_on` OR NEW.`status` IS NOT OLD.`status`
	OR NEW.`note` IS NOT OLD.`note` OR NEW.`percent_done` IS NOT OLD.`percent_done`
	OR NEW.`measure_id` IS NOT OLD.`measure_id` OR NEW.`corrects_id` IS NOT OLD.`corrects_id`
	OR NEW.`reason` IS NOT OLD.`reason` OR NEW.`recorded_by` IS NOT OLD.`recorded_by`
BEGIN SELECT RAISE(ABORT, 'a status entry is corrected by a new one, not changed'); END;
