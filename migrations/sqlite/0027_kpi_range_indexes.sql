CREATE INDEX `contacts_created_idx` ON `contacts` (`created_at`);--> statement-breakpoint
CREATE INDEX `customers_created_idx` ON `customers` (`created_at`);--> statement-breakpoint
CREATE INDEX `visits_date_idx` ON `visits` (`visit_date`,`rep_user_id`,`verification`,`customer_id`);--> statement-breakpoint
CREATE INDEX `deals_won_on_idx` ON `deals` (`won_on`,`stage`,`rep_user_id`,`amount_fen`);--> statement-breakpoint
CREATE INDEX `deals_lost_on_idx` ON `deals` (`lost_on`,`stage`,`rep_user_id`);--> statement-breakpoint
CREATE INDEX `deals_created_idx` ON `deals` (`created_at`,`rep_user_id`);--> statement-breakpoint
CREATE INDEX `payments_date_idx` ON `payments` (`paid_on`,`rep_user_id`,`verification`,`amount_fen`);--> statement-breakpoint
CREATE INDEX `complaints_date_idx` ON `complaints` (`received_on`);--> statement-breakpoint
CREATE INDEX `satisfaction_date_idx` ON `satisfaction_surveys` (`surveyed_on`,`rep_user_id`,`verification`,`score`);--> statement-breakpoint
CREATE INDEX `trainings_date_idx` ON `trainings` (`trained_on`);