CREATE TABLE "job_runs" (
	"name" text PRIMARY KEY NOT NULL,
	"next_due_at" bigint NOT NULL,
	"run_id" text,
	"running_until" bigint,
	"started_at" bigint,
	"finished_at" bigint
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" bigint NOT NULL,
	"resets_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rate_limits_resets_idx" ON "rate_limits" USING btree ("resets_at");