ALTER TABLE `visits` ADD `verification` text DEFAULT 'self' NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `verification` text DEFAULT 'self' NOT NULL;--> statement-breakpoint
ALTER TABLE `complaints` ADD `verification` text DEFAULT 'self' NOT NULL;--> statement-breakpoint
ALTER TABLE `satisfaction_surveys` ADD `verification` text DEFAULT 'self' NOT NULL;--> statement-breakpoint
ALTER TABLE `trainings` ADD `verification` text DEFAULT 'self' NOT NULL;