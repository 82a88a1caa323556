ALTER TABLE "payments" ADD COLUMN "renews_period_end" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_renewal_uq" ON "payments" USING btree ("account_id","renews_period_end");