DROP INDEX `widgets_account_idx`;--> statement-breakpoint
DROP INDEX `widgets_site_idx`;--> statement-breakpoint
CREATE INDEX `widgets_account_active_created_idx` ON `widgets` (`account_id`,`active`,`created_at`);--> statement-breakpoint
CREATE INDEX `widgets_site_active_created_idx` ON `widgets` (`site_id`,`active`,`created_at`);