CREATE TYPE "public"."delivery_status" AS ENUM('received', 'processing', 'processed', 'failed', 'ignored');--> statement-breakpoint
CREATE TYPE "public"."privacy_request_topic" AS ENUM('customers/data_request', 'customers/redact', 'shop/redact');--> statement-breakpoint
CREATE TYPE "public"."shop_install_kind" AS ENUM('oauth', 'custom_app');--> statement-breakpoint
CREATE TYPE "public"."shop_status" AS ENUM('connected', 'disconnected');--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"shop_id" text NOT NULL,
	"shopify_order_id" bigint NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"shopify_customer_id" bigint,
	"customer_name" text,
	"currency" text NOT NULL,
	"subtotal_cents" bigint NOT NULL,
	"total_discounts_cents" bigint NOT NULL,
	"total_tax_cents" bigint NOT NULL,
	"line_items_tax_cents" bigint DEFAULT 0 NOT NULL,
	"total_price_cents" bigint NOT NULL,
	"taxes_included" boolean DEFAULT false NOT NULL,
	"discount_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"landing_site" text,
	"referring_site" text,
	"note_attributes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"financial_status" text,
	"test" boolean DEFAULT false NOT NULL,
	"cancelled_at" timestamp with time zone,
	"shopify_created_at" timestamp with time zone NOT NULL,
	"shopify_updated_at" timestamp with time zone NOT NULL,
	"redacted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"delivery_id" text NOT NULL,
	"topic" "privacy_request_topic" NOT NULL,
	"shopify_customer_id" bigint,
	"customer_email" text,
	"orders_affected" integer DEFAULT 0 NOT NULL,
	"export" jsonb,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"shop_id" text NOT NULL,
	"shopify_refund_id" bigint NOT NULL,
	"shopify_order_id" bigint NOT NULL,
	"currency" text NOT NULL,
	"subtotal_cents" bigint NOT NULL,
	"tax_cents" bigint DEFAULT 0 NOT NULL,
	"shipping_cents" bigint DEFAULT 0 NOT NULL,
	"note" text,
	"shopify_created_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shopify_oauth_states" (
	"state" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"user_id" text NOT NULL,
	"shop_domain" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shops" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"domain" text NOT NULL,
	"name" text,
	"currency" text,
	"status" "shop_status" DEFAULT 'connected' NOT NULL,
	"install_kind" "shop_install_kind" NOT NULL,
	"scopes" text,
	"access_token_enc" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_enc" text,
	"refresh_token_expires_at" timestamp with time zone,
	"webhook_secret_enc" text,
	"webhooks_registered_at" timestamp with time zone,
	"webhook_registration_error" text,
	"connected_at" timestamp with time zone,
	"disconnected_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text,
	"shop_domain" text NOT NULL,
	"webhook_id" text NOT NULL,
	"topic" text NOT NULL,
	"event_id" text,
	"api_version" text,
	"triggered_at" timestamp with time zone,
	"headers" jsonb NOT NULL,
	"raw_body" text NOT NULL,
	"status" "delivery_status" DEFAULT 'received' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shopify_oauth_states" ADD CONSTRAINT "shopify_oauth_states_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shopify_oauth_states" ADD CONSTRAINT "shopify_oauth_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops" ADD CONSTRAINT "shops_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_workspace_shopify_order_key" ON "orders" USING btree ("workspace_id","shopify_order_id");--> statement-breakpoint
CREATE INDEX "orders_workspace_created_idx" ON "orders" USING btree ("workspace_id","shopify_created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_workspace_customer_idx" ON "orders" USING btree ("workspace_id","shopify_customer_id");--> statement-breakpoint
CREATE INDEX "orders_workspace_email_idx" ON "orders" USING btree ("workspace_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "privacy_requests_delivery_key" ON "privacy_requests" USING btree ("delivery_id");--> statement-breakpoint
CREATE INDEX "privacy_requests_workspace_created_idx" ON "privacy_requests" USING btree ("workspace_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_workspace_shopify_refund_key" ON "refunds" USING btree ("workspace_id","shopify_refund_id");--> statement-breakpoint
CREATE INDEX "refunds_workspace_order_idx" ON "refunds" USING btree ("workspace_id","shopify_order_id");--> statement-breakpoint
CREATE INDEX "shopify_oauth_states_workspace_id_idx" ON "shopify_oauth_states" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shops_domain_key" ON "shops" USING btree ("domain");--> statement-breakpoint
CREATE UNIQUE INDEX "shops_workspace_connected_key" ON "shops" USING btree ("workspace_id") WHERE status = 'connected';--> statement-breakpoint
CREATE INDEX "shops_workspace_id_idx" ON "shops" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_shop_webhook_key" ON "webhook_deliveries" USING btree ("shop_domain","webhook_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_workspace_received_idx" ON "webhook_deliveries" USING btree ("workspace_id","received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" USING btree ("received_at") WHERE status IN ('received', 'processing', 'failed');