CREATE TABLE `assessment_pay_previews` (
	`result_id` integer PRIMARY KEY NOT NULL,
	`coefficient_bp` integer,
	`commission_fen` integer,
	`confirmed_fen` integer NOT NULL,
	`frozen_at` integer NOT NULL,
	FOREIGN KEY (`result_id`) REFERENCES `assessment_results`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `kpi_org_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`level` text NOT NULL,
	`department_id` integer,
	`scope_key` text NOT NULL,
	`period_key` text NOT NULL,
	`line_key` text NOT NULL,
	`target` integer NOT NULL,
	`version` integer NOT NULL,
	`valid_from` text NOT NULL,
	`set_by_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`set_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_org_targets_unique` ON `kpi_org_targets` (`scope_key`,`period_key`,`line_key`,`version`);--> statement-breakpoint
CREATE INDEX `kpi_org_targets_period_idx` ON `kpi_org_targets` (`period_key`);--> statement-breakpoint
CREATE TABLE `kpi_pay_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`version` integer NOT NULL,
	`effective_from` text NOT NULL,
	`rule` text NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `kpi_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_pay_rules_unique` ON `kpi_pay_rules` (`template_id`,`version`);--> statement-breakpoint
CREATE TABLE `kpi_rep_target_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`department_id` integer,
	`period_key` text NOT NULL,
	`line_key` text NOT NULL,
	`target` integer NOT NULL,
	`method` text NOT NULL,
	`version` integer NOT NULL,
	`valid_from` text NOT NULL,
	`set_by_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`set_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_rep_target_versions_unique` ON `kpi_rep_target_versions` (`user_id`,`period_key`,`line_key`,`version`);