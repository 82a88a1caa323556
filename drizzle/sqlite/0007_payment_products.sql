ALTER TABLE `payments` ADD `product` text DEFAULT 'widgets' NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `product_ref` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `months` integer;