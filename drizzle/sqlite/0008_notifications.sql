CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`kind` text NOT NULL,
	`source_key` text NOT NULL,
	`params` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_source_uq` ON `notifications` (`account_id`,`kind`,`source_key`);--> statement-breakpoint
CREATE INDEX `notifications_account_idx` ON `notifications` (`account_id`,`created_at`);