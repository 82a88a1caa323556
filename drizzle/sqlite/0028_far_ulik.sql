ALTER TABLE `variant_daily_stats` ADD `interactions` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `variant_daily_stats` ADD `starts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `variant_daily_stats` ADD `submits` integer DEFAULT 0 NOT NULL;