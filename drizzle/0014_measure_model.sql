CREATE TABLE `measure_cost` (
	`measure_id` integer NOT NULL,
	`year` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	PRIMARY KEY(`measure_id`, `year`),
	FOREIGN KEY (`measure_id`) REFERENCES `measure`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `measure_party` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` integer NOT NULL,
	`role` text NOT NULL,
	`label` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measure`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `measure_party_label_idx` ON `measure_party` (`measure_id`,`role`,`label`);--> statement-breakpoint
ALTER TABLE `concept_version` ADD `stand_on` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `measure` ADD `own_number` text;--> statement-breakpoint
ALTER TABLE `measure` ADD `lead_body_id` integer REFERENCES body(id);--> statement-breakpoint
ALTER TABLE `measure` ADD `period_start` integer;--> statement-breakpoint
ALTER TABLE `measure` ADD `period_end` integer;--> statement-breakpoint
ALTER TABLE `measure` ADD `cost_cents` integer;--> statement-breakpoint
ALTER TABLE `measure` ADD `cost_kind` text DEFAULT 'one_off' NOT NULL;--> statement-breakpoint
ALTER TABLE `measure` ADD `funding_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `measure` ADD `budget_reservation` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `measure_own_number_idx` ON `measure` (`process_id`,`own_number`);--> statement-breakpoint
-- Partners typed as text become list entries, split at commas, semicolons and line breaks; the
-- spellings of `partyVocabulary` (src/lib/domain.ts) become its keys.
INSERT OR IGNORE INTO `measure_party` (`measure_id`, `role`, `label`, `position`)
WITH RECURSIVE `split`(`measure_id`, `entry`, `rest`, `position`) AS (
	SELECT `id`, '', replace(replace(replace(`partners`, ';', ','), char(10), ','), char(13), ',') || ',', -1
	FROM `measure` WHERE trim(`partners`) <> ''
	UNION ALL
	SELECT `measure_id`, trim(substr(`rest`, 1, instr(`rest`, ',') - 1)),
		substr(`rest`, instr(`rest`, ',') + 1), `position` + 1
	FROM `split` WHERE `rest` <> ''
),
`known`(`key`, `spelling`) AS (VALUES
	('landkreis', 'landkreis'), ('kommunen', 'kommunen'), ('freie_traeger', 'freie träger'),
	('wohlfahrtsverbaende', 'wohlfahrtsverbände'), ('migrantenorganisationen', 'migrantenorganisationen'),
	('jobcenter', 'jobcenter'), ('agentur_fuer_arbeit', 'agentur für arbeit'), ('kammern', 'kammern'),
	('unternehmen', 'unternehmen'), ('schulen', 'schulen'), ('kitas', 'kitas'),
	('volkshochschulen', 'volkshochschulen'), ('bildungstraeger', 'bildungsträger'),
	('ehrenamt', 'ehrenamt'), ('bamf', 'bamf')
)
SELECT `measure_id`, 'partner', coalesce(`known`.`key`, `entry`), `position`
FROM `split` LEFT JOIN `known` ON lower(`entry`) = `known`.`spelling`
WHERE `entry` <> '';--> statement-breakpoint
ALTER TABLE `measure` DROP COLUMN `partners`;--> statement-breakpoint
-- Versions saved before the "Stand" existed stand on the day they were saved.
UPDATE `concept_version` SET `stand_on` = date(`created_at` / 1000, 'unixepoch');
