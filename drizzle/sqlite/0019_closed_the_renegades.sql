ALTER TABLE `widget_daily_stats` ADD `refused_too_fast` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `widget_daily_stats` ADD `refused_honeypot` integer DEFAULT 0 NOT NULL;