CREATE TABLE `kpi_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`department_id` integer,
	`role` text,
	`effective_from` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `kpi_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_assignments_department_unique` ON `kpi_assignments` (`department_id`,`effective_from`);--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_assignments_role_unique` ON `kpi_assignments` (`role`,`effective_from`);--> statement-breakpoint
CREATE TABLE `kpi_target_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`period_key` text NOT NULL,
	`line_key` text NOT NULL,
	`target` real NOT NULL,
	`set_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`set_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_target_overrides_unique` ON `kpi_target_overrides` (`user_id`,`period_key`,`line_key`);--> statement-breakpoint
CREATE INDEX `kpi_target_overrides_period_idx` ON `kpi_target_overrides` (`period_key`);--> statement-breakpoint
CREATE TABLE `kpi_template_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`position` integer NOT NULL,
	`line_key` text NOT NULL,
	`indicator` text NOT NULL,
	`channel` text,
	`weight` real NOT NULL,
	`target` real,
	`rule` text NOT NULL,
	`when_no_data` text NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `kpi_template_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_template_lines_unique` ON `kpi_template_lines` (`version_id`,`line_key`);--> statement-breakpoint
CREATE TABLE `kpi_template_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`version` integer NOT NULL,
	`effective_from` text NOT NULL,
	`name` text NOT NULL,
	`grade_bands` text NOT NULL,
	`total_min` real NOT NULL,
	`total_max` real NOT NULL,
	`note` text,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `kpi_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_template_versions_unique` ON `kpi_template_versions` (`template_id`,`version`);--> statement-breakpoint
CREATE INDEX `kpi_template_versions_effective_idx` ON `kpi_template_versions` (`template_id`,`effective_from`);--> statement-breakpoint
CREATE TABLE `kpi_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`period_type` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_templates_code_unique` ON `kpi_templates` (`code`);--> statement-breakpoint
DROP INDEX `visits_rep_date_idx`;--> statement-breakpoint
CREATE INDEX `visits_rep_date_idx` ON `visits` (`rep_user_id`,`visit_date`,`customer_id`);