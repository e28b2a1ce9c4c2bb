ALTER TABLE `processed_events` ADD `status` text DEFAULT 'done' NOT NULL;--> statement-breakpoint
ALTER TABLE `processed_events` ADD `event` text;