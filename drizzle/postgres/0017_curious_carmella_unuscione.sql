ALTER TABLE "variant_daily_stats" ADD COLUMN "interactions" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "variant_daily_stats" ADD COLUMN "starts" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "variant_daily_stats" ADD COLUMN "submits" bigint DEFAULT 0 NOT NULL;