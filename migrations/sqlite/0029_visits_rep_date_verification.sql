DROP INDEX `visits_rep_date_idx`;--> statement-breakpoint
CREATE INDEX `visits_rep_date_idx` ON `visits` (`rep_user_id`,`visit_date`,`customer_id`,`verification`);