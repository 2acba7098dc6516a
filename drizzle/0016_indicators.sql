CREATE TABLE `indicator` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`goal_id` integer NOT NULL,
	`name` text NOT NULL,
	`unit` text DEFAULT '' NOT NULL,
	`baseline_value` real,
	`baseline_on` text,
	`target_value` real,
	`target_on` text,
	`note` text DEFAULT '' NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`goal_id`) REFERENCES `goal`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `indicator_goal_idx` ON `indicator` (`goal_id`,`position`);--> statement-breakpoint
CREATE TABLE `indicator_value` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`measured_on` text NOT NULL,
	`value` real NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicator`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `indicator_value_indicator_idx` ON `indicator_value` (`indicator_id`,`measured_on`);--> statement-breakpoint
-- A goal's free-text indicator and target become its first indicator; the target's text stays
-- in the note, and becomes the target value when it is a plain number.
INSERT INTO `indicator` (`goal_id`, `name`, `target_value`, `note`, `position`)
SELECT
	`id`,
	CASE WHEN trim(`indicator`) <> '' THEN trim(`indicator`) ELSE trim(`target_value`) END,
	CASE
		WHEN trim(`target_value`) GLOB '[0-9]*' AND trim(`target_value`) NOT GLOB '*[^0-9,]*'
		THEN CAST(replace(trim(`target_value`), ',', '.') AS REAL)
	END,
	trim(`target_value`),
	0
FROM `goal`
WHERE trim(`indicator`) <> '' OR trim(`target_value`) <> '';
