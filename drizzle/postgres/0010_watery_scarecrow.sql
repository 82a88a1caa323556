CREATE TABLE "site_foreign_hosts" (
	"site_id" text NOT NULL,
	"host" text NOT NULL,
	"day" bigint NOT NULL,
	"requests" bigint DEFAULT 0 NOT NULL,
	"last_seen_at" bigint NOT NULL,
	CONSTRAINT "site_foreign_hosts_site_id_host_day_pk" PRIMARY KEY("site_id","host","day")
);
--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "last_seen_host" text;--> statement-breakpoint
ALTER TABLE "site_foreign_hosts" ADD CONSTRAINT "site_foreign_hosts_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;