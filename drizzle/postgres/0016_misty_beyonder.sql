CREATE TABLE "widget_daily_breakdowns" (
	"widget_id" text NOT NULL,
	"account_id" text NOT NULL,
	"day" text NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"submits" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "widget_daily_breakdowns_widget_id_day_dimension_value_pk" PRIMARY KEY("widget_id","day","dimension","value")
);
--> statement-breakpoint
ALTER TABLE "widget_daily_stats" ADD COLUMN "interactions" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "widget_daily_stats" ADD COLUMN "starts" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "widget_daily_stats" ADD COLUMN "submits" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "widget_daily_breakdowns" ADD CONSTRAINT "widget_daily_breakdowns_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;