CREATE TABLE `payment_transitions` (
	`payment_id` text NOT NULL,
	`status` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`payment_id`, `status`),
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`tariff_id` text NOT NULL,
	`amount_kopecks` integer NOT NULL,
	`method` text NOT NULL,
	`purpose` text NOT NULL,
	`status` text NOT NULL,
	`idempotence_key` text NOT NULL,
	`provider_payment_id` text,
	`confirmation_url` text,
	`save_method` integer DEFAULT false NOT NULL,
	`promo_code` text,
	`cancellation_party` text,
	`cancellation_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`paid_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_provider_uq` ON `payments` (`provider_payment_id`);--> statement-breakpoint
CREATE INDEX `payments_account_idx` ON `payments` (`account_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `promo_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`percent` integer NOT NULL,
	`valid_from` integer,
	`valid_to` integer,
	`max_uses` integer,
	`uses` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`account_id` text PRIMARY KEY NOT NULL,
	`tariff_id` text NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`status` text NOT NULL,
	`autopay` integer DEFAULT false NOT NULL,
	`payment_method_id` text,
	`payment_method_title` text,
	`autopay_consent_at` integer,
	`autopay_consent_text` text,
	`reminded_for_period_end` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `tariff_prices` (
	`tariff_id` text PRIMARY KEY NOT NULL,
	`price_kopecks` integer NOT NULL,
	`discount_percent` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `widget_suspensions` (
	`widget_id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`suspended_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `widget_suspensions_account_idx` ON `widget_suspensions` (`account_id`);