CREATE TABLE `job_runs` (
	`name` text PRIMARY KEY NOT NULL,
	`next_due_at` integer NOT NULL,
	`run_id` text,
	`running_until` integer,
	`started_at` integer,
	`finished_at` integer
);
--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`hits` integer NOT NULL,
	`resets_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limits_resets_idx` ON `rate_limits` (`resets_at`);