CREATE TABLE "widget_variants" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"widget_id" text NOT NULL,
	"test_id" text NOT NULL,
	"label" text NOT NULL,
	"weight" bigint NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "variant_daily_stats" (
	"widget_id" text NOT NULL,
	"variant_id" text NOT NULL,
	"account_id" text NOT NULL,
	"day" text NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	"closes" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "variant_daily_stats_widget_id_variant_id_day_pk" PRIMARY KEY("widget_id","variant_id","day")
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "variant_id" text;--> statement-breakpoint
ALTER TABLE "widget_variants" ADD CONSTRAINT "widget_variants_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widget_variants" ADD CONSTRAINT "widget_variants_widget_id_widgets_id_fk" FOREIGN KEY ("widget_id") REFERENCES "public"."widgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variant_daily_stats" ADD CONSTRAINT "variant_daily_stats_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "widget_variants_widget_idx" ON "widget_variants" USING btree ("widget_id","label");--> statement-breakpoint
CREATE INDEX "leads_widget_variant_idx" ON "leads" USING btree ("widget_id","variant_id");