CREATE TABLE `widget_daily_breakdowns` (
	`widget_id` text NOT NULL,
	`account_id` text NOT NULL,
	`day` text NOT NULL,
	`dimension` text NOT NULL,
	`value` text NOT NULL,
	`impressions` integer DEFAULT 0 NOT NULL,
	`submits` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`widget_id`, `day`, `dimension`, `value`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `widget_daily_stats` ADD `interactions` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `widget_daily_stats` ADD `starts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `widget_daily_stats` ADD `submits` integer DEFAULT 0 NOT NULL;