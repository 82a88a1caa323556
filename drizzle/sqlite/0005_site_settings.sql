ALTER TABLE `sites` ADD `timezone` text DEFAULT 'Europe/Moscow' NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `data_layer` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `metrika_counter_id` integer;