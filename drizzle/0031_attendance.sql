ALTER TABLE `event_attendee` ADD `registered` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `event_attendee` ADD `present` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `event_attendee` ADD `checked_in_at` integer;