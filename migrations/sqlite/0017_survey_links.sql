CREATE TABLE `survey_links` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` integer NOT NULL,
	`contact_name` text,
	`rep_user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`answered_at` integer,
	`survey_id` integer,
	`complaint_id` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rep_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`survey_id`) REFERENCES `satisfaction_surveys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `survey_links_customer_idx` ON `survey_links` (`customer_id`);--> statement-breakpoint
CREATE INDEX `survey_links_survey_idx` ON `survey_links` (`survey_id`);