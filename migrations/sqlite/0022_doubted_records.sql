ALTER TABLE `visits` ADD `doubted_at` integer;--> statement-breakpoint
ALTER TABLE `visits` ADD `doubted_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `trainings` ADD `doubted_at` integer;--> statement-breakpoint
ALTER TABLE `trainings` ADD `doubted_by` integer REFERENCES users(id);