CREATE TABLE `lead_events` (
	`id` text PRIMARY KEY NOT NULL,
	`lead_id` text NOT NULL,
	`account_id` text NOT NULL,
	`author_id` text,
	`author_email` text NOT NULL,
	`kind` text NOT NULL,
	`from_value` text NOT NULL,
	`to_value` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lead_events_lead_idx` ON `lead_events` (`lead_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `leads` ADD `raw_fields` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `leads` ADD `status` text DEFAULT 'new' NOT NULL;--> statement-breakpoint
ALTER TABLE `leads` ADD `note` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `leads_account_status_idx` ON `leads` (`account_id`,`status`);