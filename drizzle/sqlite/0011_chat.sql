CREATE TABLE `chat_conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`site_id` text NOT NULL,
	`widget_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`visitor_name` text,
	`visitor_contact` text,
	`consent_hash` text NOT NULL,
	`consent_at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	`page_url` text,
	`created_at` integer NOT NULL,
	`last_message_at` integer NOT NULL,
	`last_operator_at` integer,
	`operator_read_at` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chat_conversations_token_uq` ON `chat_conversations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `chat_conversations_account_idx` ON `chat_conversations` (`account_id`,`last_message_at`);--> statement-breakpoint
CREATE INDEX `chat_conversations_last_idx` ON `chat_conversations` (`last_message_at`);--> statement-breakpoint
CREATE TABLE `chat_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` text NOT NULL,
	`author` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `chat_conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `chat_messages_conversation_idx` ON `chat_messages` (`conversation_id`,`id`);--> statement-breakpoint
CREATE INDEX `chat_messages_created_idx` ON `chat_messages` (`created_at`);