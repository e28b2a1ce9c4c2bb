-- "channel" names the platform adapter only: a sales channel is sales_channel(_id), an audit source is source.
ALTER TABLE `customers` RENAME COLUMN `channel_id` TO `sales_channel_id`;--> statement-breakpoint
ALTER TABLE `deals` RENAME COLUMN `channel_id` TO `sales_channel_id`;--> statement-breakpoint
ALTER TABLE `record_entries` RENAME COLUMN `channel` TO `source`;--> statement-breakpoint
ALTER TABLE `audit_log` RENAME COLUMN `channel` TO `source`;--> statement-breakpoint
ALTER TABLE `kpi_template_lines` RENAME COLUMN `channel` TO `sales_channel`;--> statement-breakpoint
-- Hand-written data: a required field is named by its form key, which is now salesChannel.
UPDATE `required_fields` SET `field` = 'salesChannel' WHERE `field` = 'channel';
