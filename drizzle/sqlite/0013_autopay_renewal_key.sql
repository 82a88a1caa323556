ALTER TABLE `payments` ADD `renews_period_end` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `payments_renewal_uq` ON `payments` (`account_id`,`renews_period_end`);