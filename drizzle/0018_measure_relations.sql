CREATE TABLE `measure_field` (
	`measure_id` integer NOT NULL,
	`field_of_action_id` integer NOT NULL,
	PRIMARY KEY(`measure_id`, `field_of_action_id`),
	FOREIGN KEY (`measure_id`) REFERENCES `measure`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`field_of_action_id`) REFERENCES `field_of_action`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `measure_field_field_idx` ON `measure_field` (`field_of_action_id`);--> statement-breakpoint
CREATE TABLE `measure_guideline` (
	`measure_id` integer NOT NULL,
	`guideline_id` integer NOT NULL,
	PRIMARY KEY(`measure_id`, `guideline_id`),
	FOREIGN KEY (`measure_id`) REFERENCES `measure`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`guideline_id`) REFERENCES `guideline`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `measure_guideline_guideline_idx` ON `measure_guideline` (`guideline_id`);--> statement-breakpoint
CREATE TABLE `project` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`process_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`lead` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`process_id`) REFERENCES `process`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `project_process_idx` ON `project` (`process_id`);--> statement-breakpoint
ALTER TABLE `measure` ADD `project_id` integer REFERENCES project(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `measure` ADD `origin_measure_id` integer REFERENCES measure(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `measure_project_idx` ON `measure` (`project_id`);--> statement-breakpoint
CREATE INDEX `measure_origin_idx` ON `measure` (`origin_measure_id`);--> statement-breakpoint
-- hand-written
-- The search index (0017) also covers a measure's addressees and partners (keys of the
-- vocabulary such as "freie_traeger" and free entries). One view says what a measure's search
-- row holds, folded as before; the triggers copy from it, so a change of the measure or of one
-- of its party rows refreshes that measure's row.
DROP TRIGGER `measure_search_insert`;
--> statement-breakpoint
DROP TRIGGER `measure_search_update`;
--> statement-breakpoint
CREATE VIEW `measure_search_text` AS SELECT id, replace(replace(body, 'ß', 'ss'), 'ẞ', 'SS') AS plain, replace(replace(replace(replace(replace(replace(replace(replace(body, 'ß', 'ss'), 'ẞ', 'SS'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue') AS spelled FROM (SELECT m.id AS id, m.title || ' ' || m.description || ' ' || m.lead || ' ' || coalesce(m.own_number, '') || ' ' || coalesce((SELECT group_concat(p.label, ' ') FROM `measure_party` AS p WHERE p.measure_id = m.id), '') AS body FROM `measure` AS m);
--> statement-breakpoint
DELETE FROM `measure_search`;
--> statement-breakpoint
INSERT INTO `measure_search` (rowid, plain, spelled) SELECT id, plain, spelled FROM `measure_search_text`;
--> statement-breakpoint
CREATE TRIGGER `measure_search_insert` AFTER INSERT ON `measure` BEGIN
	INSERT INTO `measure_search` (rowid, plain, spelled) SELECT id, plain, spelled FROM `measure_search_text` WHERE id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `measure_search_update` AFTER UPDATE OF title, description, lead, own_number ON `measure` BEGIN
	DELETE FROM `measure_search` WHERE rowid = new.id;
	INSERT INTO `measure_search` (rowid, plain, spelled) SELECT id, plain, spelled FROM `measure_search_text` WHERE id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `measure_search_party_insert` AFTER INSERT ON `measure_party` BEGIN
	DELETE FROM `measure_search` WHERE rowid = new.measure_id;
	INSERT INTO `measure_search` (rowid, plain, spelled) SELECT id, plain, spelled FROM `measure_search_text` WHERE id = new.measure_id;
END;
--> statement-breakpoint
CREATE TRIGGER `measure_search_party_update` AFTER UPDATE ON `measure_party` BEGIN
	DELETE FROM `measure_search` WHERE rowid IN (old.measure_id, new.measure_id);
	INSERT INTO `measure_search` (rowid, plain, spelled) SELECT id, plain, spelled FROM `measure_search_text` WHERE id IN (old.measure_id, new.measure_id);
END;
--> statement-breakpoint
CREATE TRIGGER `measure_search_party_delete` AFTER DELETE ON `measure_party` BEGIN
	DELETE FROM `measure_search` WHERE rowid = old.measure_id;
	INSERT INTO `measure_search` (rowid, plain, spelled) SELECT id, plain, spelled FROM `measure_search_text` WHERE id = old.measure_id;
END;
