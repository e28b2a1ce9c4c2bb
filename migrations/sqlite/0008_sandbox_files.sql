CREATE TABLE `sandbox_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`mime_type` text NOT NULL,
	`content` blob NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_files_idem_unique` ON `sandbox_files` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `sandbox_files_user_idx` ON `sandbox_files` (`user_id`);