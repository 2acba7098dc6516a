-- Full-text search over measures (src/lib/server/search/). Derived from the measure table,
-- kept in step by the triggers below, so it needs no audit entries and travels in every backup.
-- Two columns: `plain` with ß as ss (the tokenizer folds case and strips diacritics, so
-- "Müller" is found as "muller"); `spelled` with umlauts written out as well, so "Mueller"
-- finds "Müller". The search folds what people type the same way (fold.ts).
CREATE VIRTUAL TABLE `measure_search` USING fts5(plain, spelled, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO `measure_search` (rowid, plain, spelled) SELECT m.id, replace(replace(m.title || ' ' || m.description || ' ' || m.lead || ' ' || coalesce(m.own_number, ''), 'ß', 'ss'), 'ẞ', 'SS'), replace(replace(replace(replace(replace(replace(replace(replace(m.title || ' ' || m.description || ' ' || m.lead || ' ' || coalesce(m.own_number, ''), 'ß', 'ss'), 'ẞ', 'SS'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue') FROM `measure` AS m;
--> statement-breakpoint
CREATE TRIGGER `measure_search_insert` AFTER INSERT ON `measure` BEGIN
	INSERT INTO `measure_search` (rowid, plain, spelled) VALUES (new.id, replace(replace(new.title || ' ' || new.description || ' ' || new.lead || ' ' || coalesce(new.own_number, ''), 'ß', 'ss'), 'ẞ', 'SS'), replace(replace(replace(replace(replace(replace(replace(replace(new.title || ' ' || new.description || ' ' || new.lead || ' ' || coalesce(new.own_number, ''), 'ß', 'ss'), 'ẞ', 'SS'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'));
END;
--> statement-breakpoint
CREATE TRIGGER `measure_search_update` AFTER UPDATE OF title, description, lead, own_number ON `measure` BEGIN
	UPDATE `measure_search` SET plain = replace(replace(new.title || ' ' || new.description || ' ' || new.lead || ' ' || coalesce(new.own_number, ''), 'ß', 'ss'), 'ẞ', 'SS'), spelled = replace(replace(replace(replace(replace(replace(replace(replace(new.title || ' ' || new.description || ' ' || new.lead || ' ' || coalesce(new.own_number, ''), 'ß', 'ss'), 'ẞ', 'SS'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue') WHERE rowid = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `measure_search_delete` AFTER DELETE ON `measure` BEGIN
	DELETE FROM `measure_search` WHERE rowid = old.id;
END;
