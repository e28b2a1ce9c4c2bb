ALTER TABLE `job_runs` ADD `progress_done` integer;--> statement-breakpoint
ALTER TABLE `job_runs` ADD `progress_total` integer;