CREATE TABLE `card_recipients` (
	`platform` text NOT NULL,
	`card_id` text NOT NULL,
	`user_ref` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `card_id`, `user_ref`)
);
--> statement-breakpoint
CREATE TABLE `dingtalk_callback_replays` (
	`route` text NOT NULL,
	`signed_at` integer NOT NULL,
	`signature` text NOT NULL,
	`body_sha256` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`route`, `signed_at`, `signature`)
);
--> statement-breakpoint
CREATE INDEX `dingtalk_callback_replays_signed_idx` ON `dingtalk_callback_replays` (`signed_at`);