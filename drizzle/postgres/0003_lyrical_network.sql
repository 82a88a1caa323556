CREATE TABLE "erasures" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"basis" text NOT NULL,
	"erased_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "erasures_erased_idx" ON "erasures" USING btree ("erased_at");