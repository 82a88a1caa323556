CREATE TABLE `team_members` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`invited_by` text NOT NULL,
	`invited_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_members_account_email_uq` ON `team_members` (`account_id`,`email`);--> statement-breakpoint
CREATE INDEX `team_members_email_idx` ON `team_members` (`email`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `team_account_id` text;