CREATE TABLE `abuse_complaints` (
	`id` text PRIMARY KEY NOT NULL,
	`page_url` text NOT NULL,
	`right_infringed` text NOT NULL,
	`proof` text NOT NULL,
	`purpose` text NOT NULL,
	`contacts` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`resolution` text,
	`created_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `abuse_status_idx` ON `abuse_complaints` (`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `lead_access_journal` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`operator_id` text NOT NULL,
	`account_id` text NOT NULL,
	`what` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `lead_access_account_idx` ON `lead_access_journal` (`account_id`,`at`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `inactivity_warned_at` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `blocked_at` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `block_reason` text;--> statement-breakpoint
ALTER TABLE `widgets` ADD `blocked_at` integer;--> statement-breakpoint
ALTER TABLE `widgets` ADD `block_reason` text;