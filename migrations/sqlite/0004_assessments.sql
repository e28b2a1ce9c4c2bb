CREATE TABLE `assessment_appeals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`result_id` integer NOT NULL,
	`reason` text NOT NULL,
	`indicator_key` text,
	`status` text NOT NULL,
	`outcome` text,
	`points_centi` integer,
	`resolution_reason` text,
	`resolved_by_user_id` integer,
	`resolved_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`result_id`) REFERENCES `assessment_results`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assessment_appeals_result_idx` ON `assessment_appeals` (`result_id`);--> statement-breakpoint
CREATE TABLE `assessment_cards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`result_id` integer,
	`kind` text NOT NULL,
	`user_id` integer NOT NULL,
	`platform` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`assessment_version` integer NOT NULL,
	`message_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`result_id`) REFERENCES `assessment_results`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_cards_key_unique` ON `assessment_cards` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `assessment_cards_assessment_idx` ON `assessment_cards` (`assessment_id`,`kind`);--> statement-breakpoint
CREATE TABLE `assessment_post_lock_adjustments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`result_id` integer NOT NULL,
	`period_key` text NOT NULL,
	`apply_in_period_key` text NOT NULL,
	`locked_total_centi` integer,
	`recomputed_total_centi` integer,
	`locked_grade` text,
	`recomputed_grade` text,
	`detected_at` integer NOT NULL,
	FOREIGN KEY (`result_id`) REFERENCES `assessment_results`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_post_lock_unique` ON `assessment_post_lock_adjustments` (`result_id`,`recomputed_total_centi`);--> statement-breakpoint
CREATE INDEX `assessment_post_lock_period_idx` ON `assessment_post_lock_adjustments` (`period_key`);--> statement-breakpoint
CREATE TABLE `assessment_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`template_code` text NOT NULL,
	`template_version` integer NOT NULL,
	`scorecard` text NOT NULL,
	`total_centi` integer,
	`grade` text,
	`adjustment_centi` integer DEFAULT 0 NOT NULL,
	`adjustment_reason` text,
	`final_centi` integer,
	`final_grade` text,
	`status` text,
	`approved_version` integer DEFAULT 0 NOT NULL,
	`window_ends_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_results_unique` ON `assessment_results` (`assessment_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `assessment_results_user_idx` ON `assessment_results` (`user_id`);--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_key` text NOT NULL,
	`department_id` integer NOT NULL,
	`manager_user_id` integer,
	`template_code` text NOT NULL,
	`template_version` integer NOT NULL,
	`status` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`adjustment_bound` integer NOT NULL,
	`review_due_at` integer NOT NULL,
	`reminded_at` integer,
	`submitted_at` integer,
	`decided_at` integer,
	`decided_by_user_id` integer,
	`rejection_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manager_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_period_department_unique` ON `assessments` (`period_key`,`department_id`);--> statement-breakpoint
CREATE INDEX `assessments_status_idx` ON `assessments` (`status`);