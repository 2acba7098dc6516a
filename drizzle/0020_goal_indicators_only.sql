-- hand-written: runs before the generated drops below, which need it first.
-- Goals whose free text was written after 0016 copied it (the goal form kept writing it) and
-- that no indicator holds yet get it as an indicator, as 0016 did: nothing typed is lost.
INSERT INTO `indicator` (`goal_id`, `name`, `target_value`, `note`, `position`)
SELECT
	`goal`.`id`,
	CASE WHEN trim(`goal`.`indicator`) <> '' THEN trim(`goal`.`indicator`) ELSE trim(`goal`.`target_value`) END,
	CASE
		WHEN trim(`goal`.`target_value`) GLOB '[0-9]*' AND trim(`goal`.`target_value`) NOT GLOB '*[^0-9,]*'
		THEN CAST(replace(trim(`goal`.`target_value`), ',', '.') AS REAL)
	END,
	trim(`goal`.`target_value`),
	(SELECT count(*) FROM `indicator` AS `other` WHERE `other`.`goal_id` = `goal`.`id`)
FROM `goal`
WHERE (trim(`goal`.`indicator`) <> '' OR trim(`goal`.`target_value`) <> '')
	AND NOT EXISTS (
		SELECT 1 FROM `indicator` AS `held`
		WHERE `held`.`goal_id` = `goal`.`id`
			AND `held`.`name` = CASE WHEN trim(`goal`.`indicator`) <> '' THEN trim(`goal`.`indicator`) ELSE trim(`goal`.`target_value`) END
			AND `held`.`note` = trim(`goal`.`target_value`)
	);--> statement-breakpoint
-- generated
ALTER TABLE `goal` DROP COLUMN `indicator`;--> statement-breakpoint
ALTER TABLE `goal` DROP COLUMN `target_value`;
