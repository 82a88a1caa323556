CREATE TABLE `realtime_account_states` (
	`account_id` text PRIMARY KEY NOT NULL,
	`inactivity_notice_at` integer,
	`blocked_at` integer,
	`restored_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `realtime_connection_logs` (
	`socket_id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`account_id` text NOT NULL,
	`ip` text,
	`user_agent` text,
	`origin` text,
	`connected_at` integer NOT NULL,
	`disconnected_at` integer,
	`close_code` integer
);
--> statement-breakpoint
CREATE INDEX `realtime_connection_logs_project_idx` ON `realtime_connection_logs` (`project_id`,`connected_at`);--> statement-breakpoint
CREATE INDEX `realtime_connection_logs_connected_idx` ON `realtime_connection_logs` (`connected_at`);--> statement-breakpoint
CREATE TABLE `realtime_limit_upgrades` (
	`payment_id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`from_tariff_id` text NOT NULL,
	`to_tariff_id` text NOT NULL,
	`period_end` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `realtime_log_access_journal` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`operator_id` text NOT NULL,
	`project_id` text NOT NULL,
	`account_id` text NOT NULL,
	`what` text NOT NULL,
	`reason` text NOT NULL,
	`rows` integer NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `realtime_log_access_project_idx` ON `realtime_log_access_journal` (`project_id`,`at`);--> statement-breakpoint
CREATE TABLE `realtime_message_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` text NOT NULL,
	`account_id` text NOT NULL,
	`at` integer NOT NULL,
	`source` text NOT NULL,
	`event` text NOT NULL,
	`channels` text NOT NULL,
	`socket_id` text,
	`ip` text,
	`recipients` integer NOT NULL,
	`payload_bytes` integer NOT NULL,
	`payload` text,
	`payload_destroyed_at` integer
);
--> statement-breakpoint
CREATE INDEX `realtime_message_logs_at_idx` ON `realtime_message_logs` (`at`);--> statement-breakpoint
CREATE INDEX `realtime_message_logs_project_idx` ON `realtime_message_logs` (`project_id`,`at`);--> statement-breakpoint
CREATE TABLE `realtime_projects` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`app_id` text NOT NULL,
	`key` text NOT NULL,
	`secret_sealed` text NOT NULL,
	`secret_hint` text NOT NULL,
	`secret_rotated_at` integer NOT NULL,
	`tariff_id` text DEFAULT 'rt_free' NOT NULL,
	`period_start` integer,
	`period_end` integer,
	`allowed_origins` text NOT NULL,
	`client_events` integer DEFAULT false NOT NULL,
	`blocked_at` integer,
	`block_reason` text,
	`last_activity_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `realtime_projects_app_id_uq` ON `realtime_projects` (`app_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `realtime_projects_key_uq` ON `realtime_projects` (`key`);--> statement-breakpoint
CREATE INDEX `realtime_projects_account_idx` ON `realtime_projects` (`account_id`);--> statement-breakpoint
CREATE TABLE `realtime_usage_daily` (
	`project_id` text NOT NULL,
	`day` text NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	`rejected_messages` integer DEFAULT 0 NOT NULL,
	`connections_opened` integer DEFAULT 0 NOT NULL,
	`rejected_connections` integer DEFAULT 0 NOT NULL,
	`peak_connections` integer DEFAULT 0 NOT NULL,
	`notified_percent` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`project_id`, `day`),
	FOREIGN KEY (`project_id`) REFERENCES `realtime_projects`(`id`) ON UPDATE no action ON DELETE cascade
);
