CREATE TABLE `monthly_reports` (
	`account_id` text NOT NULL,
	`period_start` integer NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `period_start`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`effective_at` integer NOT NULL,
	`mailed_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `service_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`kind` text NOT NULL,
	`widget_id` text,
	`description` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`operator_comment` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `service_requests_account_idx` ON `service_requests` (`account_id`,`created_at`);