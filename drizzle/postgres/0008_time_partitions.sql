-- Custom SQL migration file, put your code below! --
-- Time partitions for the PostgreSQL table that grows fastest (README, "Growth"): the realtime
-- message logs become a table partitioned by range of "at", so that expired metadata goes by
-- dropping whole partitions instead of deleting row by row. drizzle-kit cannot express
-- PARTITION BY, hence this custom migration; the drizzle schema keeps describing the columns
-- (the primary key here also holds "at", as PostgreSQL requires of a partitioned table). Only
-- the DEFAULT partition is made here: the half-month partitions are created ahead of time by the `partitions` job
-- (server/src/platform/db/pg-partitions.ts), which also moves rows out of the default one.
DROP INDEX "realtime_message_logs_at_idx";--> statement-breakpoint
DROP INDEX "realtime_message_logs_project_idx";--> statement-breakpoint
DROP INDEX "realtime_message_logs_payload_idx";--> statement-breakpoint
ALTER TABLE "realtime_message_logs" RENAME CONSTRAINT "realtime_message_logs_pkey" TO "realtime_message_logs_unpartitioned_pkey";--> statement-breakpoint
ALTER TABLE "realtime_message_logs" RENAME TO "realtime_message_logs_unpartitioned";--> statement-breakpoint
ALTER SEQUENCE "realtime_message_logs_id_seq" OWNED BY NONE;--> statement-breakpoint
CREATE TABLE "realtime_message_logs" (
	"id" bigint DEFAULT nextval('realtime_message_logs_id_seq'::regclass) NOT NULL,
	"project_id" text NOT NULL,
	"account_id" text NOT NULL,
	"at" bigint NOT NULL,
	"source" text NOT NULL,
	"event" text NOT NULL,
	"channels" jsonb NOT NULL,
	"socket_id" text,
	"ip" text,
	"recipients" bigint NOT NULL,
	"payload_bytes" bigint NOT NULL,
	"payload" text,
	"payload_destroyed_at" bigint,
	CONSTRAINT "realtime_message_logs_pkey" PRIMARY KEY ("id", "at")
) PARTITION BY RANGE ("at");--> statement-breakpoint
ALTER SEQUENCE "realtime_message_logs_id_seq" OWNED BY "realtime_message_logs"."id";--> statement-breakpoint
CREATE TABLE "realtime_message_logs_default" PARTITION OF "realtime_message_logs" DEFAULT;--> statement-breakpoint
CREATE INDEX "realtime_message_logs_at_idx" ON "realtime_message_logs" USING btree ("at");--> statement-breakpoint
CREATE INDEX "realtime_message_logs_project_idx" ON "realtime_message_logs" USING btree ("project_id","at");--> statement-breakpoint
CREATE INDEX "realtime_message_logs_payload_idx" ON "realtime_message_logs" USING btree ("at") WHERE "payload" is not null;--> statement-breakpoint
INSERT INTO "realtime_message_logs" SELECT * FROM "realtime_message_logs_unpartitioned";--> statement-breakpoint
DROP TABLE "realtime_message_logs_unpartitioned";
