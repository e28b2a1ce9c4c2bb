CREATE TABLE `alert_notices` (
	`alert_key` text PRIMARY KEY NOT NULL,
	`manager_user_id` integer NOT NULL,
	`digest_key` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alert_notices_created_idx` ON `alert_notices` (`created_at`);