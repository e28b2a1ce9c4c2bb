CREATE TABLE `customer_owners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`owner_user_id` integer,
	`department_id` integer,
	`from_ms` integer NOT NULL,
	`to_ms` integer,
	`reason` text NOT NULL,
	`by_user_id` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_owners_customer_idx` ON `customer_owners` (`customer_id`,`from_ms`);--> statement-breakpoint
CREATE INDEX `customer_owners_owner_open_idx` ON `customer_owners` (`owner_user_id`,`to_ms`);--> statement-breakpoint
ALTER TABLE `customers` ADD `pool_department_id` integer REFERENCES departments(id);