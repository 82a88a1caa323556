ALTER TABLE `notices` ADD `title_en` text;--> statement-breakpoint
ALTER TABLE `notices` ADD `body_en` text;