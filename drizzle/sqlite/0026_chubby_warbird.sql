CREATE TABLE `email_confirmations` (
	`account_id` text NOT NULL,
	`email_hash` text NOT NULL,
	`token_hash` text,
	`expires_at` integer NOT NULL,
	`sent_at` integer NOT NULL,
	`confirmed_at` integer,
	PRIMARY KEY(`account_id`, `email_hash`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_confirmations_token_uq` ON `email_confirmations` (`token_hash`);--> statement-breakpoint
ALTER TABLE `integrations` ADD `sign_in_address` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Every site that never had a destination gets the account's sign-in address as its default one (leads are e-mailed there from now on).
INSERT INTO `integrations` (`id`, `account_id`, `site_id`, `kind`, `status`, `sign_in_address`, `created_at`, `updated_at`) SELECT 'intg_' || lower(hex(randomblob(8))), s.`account_id`, s.`id`, 'email', 'active', 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) FROM `sites` s WHERE NOT EXISTS (SELECT 1 FROM `integrations` i WHERE i.`site_id` = s.`id`);
