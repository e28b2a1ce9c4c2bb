CREATE TABLE `finance_claim_rejections` (
	`payment_id` integer PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`rejected_by_user_id` integer,
	`rejected_at` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rejected_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `finance_receipts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`reference` text NOT NULL,
	`received_on` text NOT NULL,
	`customer_name` text NOT NULL,
	`customer_key` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`note` text,
	`payment_id` integer,
	`match_kind` text,
	`matched_by_user_id` integer,
	`matched_at` integer,
	`imported_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`matched_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`imported_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `finance_receipts_source_reference_unique` ON `finance_receipts` (`source`,`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `finance_receipts_payment_unique` ON `finance_receipts` (`payment_id`);--> statement-breakpoint
CREATE INDEX `finance_receipts_customer_idx` ON `finance_receipts` (`customer_key`,`received_on`);