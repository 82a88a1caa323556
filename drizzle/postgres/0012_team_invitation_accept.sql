ALTER TABLE "team_members" ADD COLUMN "accepted_at" bigint;--> statement-breakpoint
-- Members invited before the accept step could already work in the account: they stay accepted.
UPDATE "team_members" SET "accepted_at" = "invited_at";
