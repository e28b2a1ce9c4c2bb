CREATE TABLE `next_steps` (
	`visit_id` integer PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`due_date` text,
	`done_at` integer,
	`done_by` integer,
	`reminded_for` text,
	`platform_task_id` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`done_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `next_steps_due_idx` ON `next_steps` (`status`,`due_date`);