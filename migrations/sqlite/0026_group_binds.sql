CREATE TABLE `group_binds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`department_id` integer NOT NULL,
	`top_n` integer DEFAULT 5 NOT NULL,
	`win_posts` integer DEFAULT true NOT NULL,
	`bound_by_user_id` integer,
	`bound_at` integer NOT NULL,
	`gone_at` integer,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bound_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `group_binds_chat_unique` ON `group_binds` (`platform`,`chat_id`);--> statement-breakpoint
CREATE INDEX `group_binds_department_idx` ON `group_binds` (`department_id`);--> statement-breakpoint
CREATE TABLE `win_post_likes` (
	`post_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`liked_at` integer NOT NULL,
	PRIMARY KEY(`post_id`, `user_id`),
	FOREIGN KEY (`post_id`) REFERENCES `win_posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `win_posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer NOT NULL,
	`bind_id` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	`retracted_at` integer,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`bind_id`) REFERENCES `group_binds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `win_posts_deal_bind_unique` ON `win_posts` (`deal_id`,`bind_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `win_posts_key_unique` ON `win_posts` (`idempotency_key`);--> statement-breakpoint
ALTER TABLE `customers` ADD `confidential` integer DEFAULT false NOT NULL;