CREATE TABLE "widget_previews" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"widget_id" text NOT NULL,
	"entry" jsonb NOT NULL,
	"browser_key" text,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "widget_previews" ADD CONSTRAINT "widget_previews_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widget_previews" ADD CONSTRAINT "widget_previews_widget_id_widgets_id_fk" FOREIGN KEY ("widget_id") REFERENCES "public"."widgets"("id") ON DELETE cascade ON UPDATE no action;