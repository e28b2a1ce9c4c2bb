CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`name` text NOT NULL,
	`title` text,
	`phone` text,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contacts_customer_idx` ON `contacts` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customer_aliases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`alias` text NOT NULL,
	`normalized_alias` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_aliases_normalized_unique` ON `customer_aliases` (`normalized_alias`);--> statement-breakpoint
CREATE INDEX `customer_aliases_customer_idx` ON `customer_aliases` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`normalized_name` text NOT NULL,
	`channel_id` integer,
	`region` text,
	`industry` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`owner_user_id` integer NOT NULL,
	`source` text NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `sales_channels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_normalized_name_unique` ON `customers` (`normalized_name`);--> statement-breakpoint
CREATE INDEX `customers_owner_idx` ON `customers` (`owner_user_id`);--> statement-breakpoint
CREATE INDEX `customers_channel_idx` ON `customers` (`channel_id`);--> statement-breakpoint
CREATE TABLE `sales_channels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_channels_code_unique` ON `sales_channels` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `sales_channels_name_unique` ON `sales_channels` (`name`);--> statement-breakpoint
CREATE TABLE `visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rep_user_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`contact_id` integer,
	`visit_date` text NOT NULL,
	`kind` text NOT NULL,
	`notes` text,
	`next_step` text,
	`next_step_due` text,
	`source` text NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`rep_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visits_rep_date_idx` ON `visits` (`rep_user_id`,`visit_date`);--> statement-breakpoint
CREATE INDEX `visits_customer_idx` ON `visits` (`customer_id`,`visit_date`);--> statement-breakpoint
CREATE TABLE `deal_stage_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer NOT NULL,
	`from_stage` text,
	`to_stage` text NOT NULL,
	`changed_on` text NOT NULL,
	`changed_at` integer NOT NULL,
	`changed_by_user_id` integer,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deal_stage_history_deal_idx` ON `deal_stage_history` (`deal_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `deals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`rep_user_id` integer NOT NULL,
	`title` text,
	`amount_fen` integer NOT NULL,
	`stage` text NOT NULL,
	`expected_close_date` text,
	`channel_id` integer,
	`won_on` text,
	`lost_on` text,
	`loss_reason` text,
	`source` text NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rep_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`channel_id`) REFERENCES `sales_channels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deals_rep_won_idx` ON `deals` (`rep_user_id`,`won_on`);--> statement-breakpoint
CREATE INDEX `deals_rep_stage_idx` ON `deals` (`rep_user_id`,`stage`);--> statement-breakpoint
CREATE INDEX `deals_customer_idx` ON `deals` (`customer_id`);--> statement-breakpoint
CREATE INDEX `deals_channel_won_idx` ON `deals` (`channel_id`,`won_on`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer NOT NULL,
	`rep_user_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`paid_on` text NOT NULL,
	`source` text NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rep_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payments_rep_date_idx` ON `payments` (`rep_user_id`,`paid_on`);--> statement-breakpoint
CREATE INDEX `payments_deal_idx` ON `payments` (`deal_id`);--> statement-breakpoint
CREATE TABLE `complaints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`rep_user_id` integer NOT NULL,
	`content` text NOT NULL,
	`received_on` text NOT NULL,
	`received_at` integer NOT NULL,
	`responded_at` integer,
	`closed_at` integer,
	`source` text NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rep_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `complaints_rep_date_idx` ON `complaints` (`rep_user_id`,`received_on`);--> statement-breakpoint
CREATE TABLE `satisfaction_surveys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`rep_user_id` integer NOT NULL,
	`score` integer NOT NULL,
	`nps` integer,
	`comment` text,
	`surveyed_on` text NOT NULL,
	`source` text NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rep_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `satisfaction_rep_date_idx` ON `satisfaction_surveys` (`rep_user_id`,`surveyed_on`);--> statement-breakpoint
CREATE TABLE `trainings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rep_user_id` integer NOT NULL,
	`course` text NOT NULL,
	`minutes` integer NOT NULL,
	`trained_on` text NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`rep_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `trainings_rep_date_idx` ON `trainings` (`rep_user_id`,`trained_on`);--> statement-breakpoint
CREATE TABLE `record_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`submission_token` text,
	`channel` text NOT NULL,
	`created_at` integer NOT NULL,
	`undone_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `record_entries_token_unique` ON `record_entries` (`submission_token`);--> statement-breakpoint
CREATE INDEX `record_entries_user_idx` ON `record_entries` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `required_fields` (
	`entity` text NOT NULL,
	`field` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`entity`, `field`)
);
