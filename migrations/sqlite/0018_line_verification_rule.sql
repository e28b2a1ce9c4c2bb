ALTER TABLE `kpi_template_lines` ADD `verification_rule` text;--> statement-breakpoint
ALTER TABLE `kpi_template_lines` ADD `actual_cap` real;