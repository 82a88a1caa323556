CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"role" text DEFAULT 'licensee' NOT NULL,
	"tariff_id" text DEFAULT 'free' NOT NULL,
	"individual_limits" jsonb,
	"individual_price_kopecks" bigint,
	"period_anchor_at" bigint NOT NULL,
	"consent_at" bigint NOT NULL,
	"consent_version" text NOT NULL,
	"created_at" bigint NOT NULL,
	"last_login_at" bigint,
	"inactivity_warned_at" bigint,
	"blocked_at" bigint,
	"block_reason" text
);
--> statement-breakpoint
CREATE TABLE "login_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" bigint DEFAULT 0 NOT NULL,
	"expires_at" bigint NOT NULL,
	"used_at" bigint,
	"created_at" bigint NOT NULL,
	"consent_version" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"account_id" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"name" text NOT NULL,
	"site_key" text NOT NULL,
	"domains" jsonb NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"last_seen_at" bigint,
	"timezone" text DEFAULT 'Europe/Moscow' NOT NULL,
	"data_layer" boolean DEFAULT false NOT NULL,
	"metrika_counter_id" bigint
);
--> statement-breakpoint
CREATE TABLE "widgets" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"site_id" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"blocked_at" bigint,
	"block_reason" text
);
--> statement-breakpoint
CREATE TABLE "consent_texts" (
	"hash" text PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"first_shown_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "destruction_records" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text,
	"count" bigint NOT NULL,
	"basis" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"site_id" text NOT NULL,
	"widget_id" text NOT NULL,
	"fields" jsonb NOT NULL,
	"page_url" text,
	"referrer" text,
	"utm" jsonb NOT NULL,
	"ip" text,
	"user_agent" text,
	"consent_hash" text NOT NULL,
	"consent_at" bigint NOT NULL,
	"marketing_consent" boolean DEFAULT false NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "impression_periods" (
	"account_id" text NOT NULL,
	"period_start" bigint NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"notified_percent" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "impression_periods_account_id_period_start_pk" PRIMARY KEY("account_id","period_start")
);
--> statement-breakpoint
CREATE TABLE "widget_daily_stats" (
	"widget_id" text NOT NULL,
	"account_id" text NOT NULL,
	"day" text NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	"closes" bigint DEFAULT 0 NOT NULL,
	"leads" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "widget_daily_stats_widget_id_day_pk" PRIMARY KEY("widget_id","day")
);
--> statement-breakpoint
CREATE TABLE "payment_transitions" (
	"payment_id" text NOT NULL,
	"status" text NOT NULL,
	"at" bigint NOT NULL,
	CONSTRAINT "payment_transitions_payment_id_status_pk" PRIMARY KEY("payment_id","status")
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"product" text DEFAULT 'widgets' NOT NULL,
	"product_ref" text,
	"months" bigint,
	"tariff_id" text NOT NULL,
	"amount_kopecks" bigint NOT NULL,
	"method" text NOT NULL,
	"purpose" text NOT NULL,
	"status" text NOT NULL,
	"idempotence_key" text NOT NULL,
	"provider_payment_id" text,
	"confirmation_url" text,
	"save_method" boolean DEFAULT false NOT NULL,
	"promo_code" text,
	"cancellation_party" text,
	"cancellation_reason" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"paid_at" bigint
);
--> statement-breakpoint
CREATE TABLE "promo_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"percent" bigint NOT NULL,
	"valid_from" bigint,
	"valid_to" bigint,
	"max_uses" bigint,
	"uses" bigint DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"account_id" text PRIMARY KEY NOT NULL,
	"tariff_id" text NOT NULL,
	"period_start" bigint NOT NULL,
	"period_end" bigint NOT NULL,
	"status" text NOT NULL,
	"autopay" boolean DEFAULT false NOT NULL,
	"payment_method_id" text,
	"payment_method_title" text,
	"autopay_consent_at" bigint,
	"autopay_consent_text" text,
	"reminded_for_period_end" bigint,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tariff_prices" (
	"tariff_id" text PRIMARY KEY NOT NULL,
	"price_kopecks" bigint NOT NULL,
	"discount_percent" bigint DEFAULT 0 NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "widget_suspensions" (
	"widget_id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"suspended_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "abuse_complaints" (
	"id" text PRIMARY KEY NOT NULL,
	"page_url" text NOT NULL,
	"right_infringed" text NOT NULL,
	"proof" text NOT NULL,
	"purpose" text NOT NULL,
	"contacts" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"resolution" text,
	"created_at" bigint NOT NULL,
	"due_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_access_journal" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"operator_id" text NOT NULL,
	"account_id" text NOT NULL,
	"what" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"integration_id" text NOT NULL,
	"status" text NOT NULL,
	"attempts" bigint DEFAULT 0 NOT NULL,
	"failures" bigint DEFAULT 0 NOT NULL,
	"next_attempt_at" bigint NOT NULL,
	"lease_owner" text,
	"lease_until" bigint,
	"progress" text,
	"last_status_code" bigint,
	"last_error" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"delivered_at" bigint
);
--> statement-breakpoint
CREATE TABLE "delivery_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"delivery_id" text NOT NULL,
	"at" bigint NOT NULL,
	"duration_ms" bigint NOT NULL,
	"outcome" text NOT NULL,
	"status_code" bigint,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "integrations" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"site_id" text NOT NULL,
	"widget_id" text,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"config" text,
	"link_token_hash" text,
	"link_expires_at" bigint,
	"paused_until" bigint DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" text PRIMARY KEY NOT NULL,
	"number" bigint NOT NULL,
	"account_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"requisites" jsonb NOT NULL,
	"lines" jsonb NOT NULL,
	"total_kopecks" bigint NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monthly_reports" (
	"account_id" text NOT NULL,
	"period_start" bigint NOT NULL,
	"sent_at" bigint NOT NULL,
	CONSTRAINT "monthly_reports_account_id_period_start_pk" PRIMARY KEY("account_id","period_start")
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"effective_at" bigint NOT NULL,
	"mailed_at" bigint,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"kind" text NOT NULL,
	"widget_id" text,
	"description" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"operator_comment" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"kind" text NOT NULL,
	"source_key" text NOT NULL,
	"params" jsonb NOT NULL,
	"created_at" bigint NOT NULL,
	"read_at" bigint
);
--> statement-breakpoint
CREATE TABLE "realtime_account_states" (
	"account_id" text PRIMARY KEY NOT NULL,
	"inactivity_notice_at" bigint,
	"blocked_at" bigint,
	"restored_at" bigint,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "realtime_connection_logs" (
	"socket_id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"account_id" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"origin" text,
	"connected_at" bigint NOT NULL,
	"disconnected_at" bigint,
	"close_code" bigint
);
--> statement-breakpoint
CREATE TABLE "realtime_limit_upgrades" (
	"payment_id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"from_tariff_id" text NOT NULL,
	"to_tariff_id" text NOT NULL,
	"period_end" bigint NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "realtime_log_access_journal" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"operator_id" text NOT NULL,
	"project_id" text NOT NULL,
	"account_id" text NOT NULL,
	"what" text NOT NULL,
	"reason" text NOT NULL,
	"rows" bigint NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "realtime_message_logs" (
	"id" bigserial PRIMARY KEY NOT NULL,
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
	"payload_destroyed_at" bigint
);
--> statement-breakpoint
CREATE TABLE "realtime_projects" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"name" text NOT NULL,
	"app_id" text NOT NULL,
	"key" text NOT NULL,
	"secret_sealed" text NOT NULL,
	"secret_hint" text NOT NULL,
	"secret_rotated_at" bigint NOT NULL,
	"tariff_id" text DEFAULT 'rt_free' NOT NULL,
	"period_start" bigint,
	"period_end" bigint,
	"allowed_origins" jsonb NOT NULL,
	"client_events" boolean DEFAULT false NOT NULL,
	"blocked_at" bigint,
	"block_reason" text,
	"last_activity_at" bigint NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "realtime_usage_daily" (
	"project_id" text NOT NULL,
	"day" text NOT NULL,
	"messages" bigint DEFAULT 0 NOT NULL,
	"rejected_messages" bigint DEFAULT 0 NOT NULL,
	"connections_opened" bigint DEFAULT 0 NOT NULL,
	"rejected_connections" bigint DEFAULT 0 NOT NULL,
	"peak_connections" bigint DEFAULT 0 NOT NULL,
	"notified_percent" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "realtime_usage_daily_project_id_day_pk" PRIMARY KEY("project_id","day")
);
--> statement-breakpoint
CREATE TABLE "chat_conversations" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"site_id" text NOT NULL,
	"widget_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"visitor_name" text,
	"visitor_contact" text,
	"consent_hash" text NOT NULL,
	"consent_at" bigint NOT NULL,
	"ip" text,
	"user_agent" text,
	"page_url" text,
	"created_at" bigint NOT NULL,
	"last_message_at" bigint NOT NULL,
	"last_operator_at" bigint,
	"operator_read_at" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"author" text NOT NULL,
	"text" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widgets" ADD CONSTRAINT "widgets_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widgets" ADD CONSTRAINT "widgets_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impression_periods" ADD CONSTRAINT "impression_periods_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widget_daily_stats" ADD CONSTRAINT "widget_daily_stats_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_transitions" ADD CONSTRAINT "payment_transitions_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widget_suspensions" ADD CONSTRAINT "widget_suspensions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_widget_id_widgets_id_fk" FOREIGN KEY ("widget_id") REFERENCES "public"."widgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_reports" ADD CONSTRAINT "monthly_reports_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "realtime_account_states" ADD CONSTRAINT "realtime_account_states_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "realtime_limit_upgrades" ADD CONSTRAINT "realtime_limit_upgrades_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "realtime_projects" ADD CONSTRAINT "realtime_projects_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "realtime_usage_daily" ADD CONSTRAINT "realtime_usage_daily_project_id_realtime_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."realtime_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_conversations" ADD CONSTRAINT "chat_conversations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_conversation_id_chat_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."chat_conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_email_uq" ON "accounts" USING btree ("email");--> statement-breakpoint
CREATE INDEX "login_codes_email_idx" ON "login_codes" USING btree ("email","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_uq" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sites_key_uq" ON "sites" USING btree ("site_key");--> statement-breakpoint
CREATE INDEX "sites_account_idx" ON "sites" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "widgets_account_idx" ON "widgets" USING btree ("account_id","active");--> statement-breakpoint
CREATE INDEX "widgets_site_idx" ON "widgets" USING btree ("site_id","active");--> statement-breakpoint
CREATE INDEX "destruction_account_idx" ON "destruction_records" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "leads_account_created_idx" ON "leads" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "leads_created_idx" ON "leads" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_provider_uq" ON "payments" USING btree ("provider_payment_id");--> statement-breakpoint
CREATE INDEX "payments_account_idx" ON "payments" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "widget_suspensions_account_idx" ON "widget_suspensions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "abuse_status_idx" ON "abuse_complaints" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "lead_access_account_idx" ON "lead_access_journal" USING btree ("account_id","at");--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "deliveries_lead_idx" ON "deliveries" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "deliveries_integration_idx" ON "deliveries" USING btree ("integration_id","status");--> statement-breakpoint
CREATE INDEX "delivery_attempts_delivery_idx" ON "delivery_attempts" USING btree ("delivery_id","at");--> statement-breakpoint
CREATE INDEX "integrations_site_idx" ON "integrations" USING btree ("site_id","status");--> statement-breakpoint
CREATE INDEX "integrations_account_idx" ON "integrations" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "integrations_link_token_uq" ON "integrations" USING btree ("link_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_uq" ON "invoices" USING btree ("number");--> statement-breakpoint
CREATE INDEX "invoices_account_idx" ON "invoices" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "service_requests_account_idx" ON "service_requests" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_source_uq" ON "notifications" USING btree ("account_id","kind","source_key");--> statement-breakpoint
CREATE INDEX "notifications_account_idx" ON "notifications" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "realtime_connection_logs_project_idx" ON "realtime_connection_logs" USING btree ("project_id","connected_at");--> statement-breakpoint
CREATE INDEX "realtime_connection_logs_connected_idx" ON "realtime_connection_logs" USING btree ("connected_at");--> statement-breakpoint
CREATE INDEX "realtime_log_access_project_idx" ON "realtime_log_access_journal" USING btree ("project_id","at");--> statement-breakpoint
CREATE INDEX "realtime_message_logs_at_idx" ON "realtime_message_logs" USING btree ("at");--> statement-breakpoint
CREATE INDEX "realtime_message_logs_project_idx" ON "realtime_message_logs" USING btree ("project_id","at");--> statement-breakpoint
CREATE INDEX "realtime_message_logs_payload_idx" ON "realtime_message_logs" USING btree ("at") WHERE "realtime_message_logs"."payload" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "realtime_projects_app_id_uq" ON "realtime_projects" USING btree ("app_id");--> statement-breakpoint
CREATE UNIQUE INDEX "realtime_projects_key_uq" ON "realtime_projects" USING btree ("key");--> statement-breakpoint
CREATE INDEX "realtime_projects_account_idx" ON "realtime_projects" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "chat_conversations_token_uq" ON "chat_conversations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "chat_conversations_account_idx" ON "chat_conversations" USING btree ("account_id","last_message_at");--> statement-breakpoint
CREATE INDEX "chat_conversations_last_idx" ON "chat_conversations" USING btree ("last_message_at");--> statement-breakpoint
CREATE INDEX "chat_messages_conversation_idx" ON "chat_messages" USING btree ("conversation_id","id");--> statement-breakpoint
CREATE INDEX "chat_messages_created_idx" ON "chat_messages" USING btree ("created_at");