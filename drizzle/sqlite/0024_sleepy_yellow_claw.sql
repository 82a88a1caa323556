CREATE TABLE `variant_daily_stats` (
	`widget_id` text NOT NULL,
	`variant_id` text NOT NULL,
	`account_id` text NOT NULL,
	`day` text NOT NULL,
	`impressions` integer DEFAULT 0 NOT NULL,
	`clicks` integer DEFAULT 0 NOT NULL,
	`closes` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`widget_id`, `variant_id`, `day`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `widget_variants` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`widget_id` text NOT NULL,
	`test_id` text NOT NULL,
	`label` text NOT NULL,
	`weight` integer NOT NULL,
	`definition` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`widget_id`) REFERENCES `widgets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `widget_variants_widget_idx` ON `widget_variants` (`widget_id`,`label`);--> statement-breakpoint
ALTER TABLE `leads` ADD `variant_id` text;--> statement-breakpoint
CREATE INDEX `leads_widget_variant_idx` ON `leads` (`widget_id`,`variant_id`);