CREATE TABLE "email_confirmations" (
	"account_id" text NOT NULL,
	"email_hash" text NOT NULL,
	"token_hash" text,
	"expires_at" bigint NOT NULL,
	"sent_at" bigint NOT NULL,
	"confirmed_at" bigint,
	CONSTRAINT "email_confirmations_account_id_email_hash_pk" PRIMARY KEY("account_id","email_hash")
);
--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "sign_in_address" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "email_confirmations" ADD CONSTRAINT "email_confirmations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_confirmations_token_uq" ON "email_confirmations" USING btree ("token_hash");--> statement-breakpoint
-- Every site that never had a destination gets the account's sign-in address as its default one (leads are e-mailed there from now on).
INSERT INTO "integrations" ("id", "account_id", "site_id", "kind", "status", "sign_in_address", "created_at", "updated_at") SELECT 'intg_' || substr(md5(random()::text || s."id"), 1, 16), s."account_id", s."id", 'email', 'active', true, (extract(epoch from clock_timestamp()) * 1000)::bigint, (extract(epoch from clock_timestamp()) * 1000)::bigint FROM "sites" s WHERE NOT EXISTS (SELECT 1 FROM "integrations" i WHERE i."site_id" = s."id");
