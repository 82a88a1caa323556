CREATE TABLE `widget_previews` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`widget_id` text NOT NULL,
	`entry` text NOT NULL,
	`browser_key` text,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`widget_id`) REFERENCES `widgets`(`id`) ON UPDATE no action ON DELETE cascade
);
