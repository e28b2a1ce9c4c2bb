CREATE TABLE `customer_locations` (
	`customer_id` integer PRIMARY KEY NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`datum` text NOT NULL,
	`source` text NOT NULL,
	`checkin_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `visit_checkins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visit_id` integer NOT NULL,
	`rep_user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`lat` real,
	`lng` real,
	`datum` text,
	`accuracy_m` real,
	`address` text,
	`distance_m` integer,
	`flag` text,
	`photo_path` text,
	`photo_mime` text,
	`photo_bytes` integer,
	`photo_sha256` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rep_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visit_checkins_visit_idx` ON `visit_checkins` (`visit_id`);--> statement-breakpoint
CREATE INDEX `visit_checkins_flag_idx` ON `visit_checkins` (`flag`,`created_at`);