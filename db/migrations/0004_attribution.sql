CREATE TYPE "public"."self_referral_mode" AS ENUM('deny', 'flag');--> statement-breakpoint
CREATE TYPE "public"."tie_break_rule" AS ENUM('first_listed', 'oldest_assigned');--> statement-breakpoint
CREATE TYPE "public"."conversion_status" AS ENUM('approved', 'flagged', 'denied', 'reversed');--> statement-breakpoint
CREATE TYPE "public"."conversion_type" AS ENUM('coupon', 'link');--> statement-breakpoint
CREATE TYPE "public"."ledger_kind" AS ENUM('sale', 'reversal', 'adjustment');--> statement-breakpoint
CREATE TABLE "conversions" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"shop_id" text NOT NULL,
	"order_id" text NOT NULL,
	"shopify_order_id" bigint NOT NULL,
	"order_name" text NOT NULL,
	"order_created_at" timestamp with time zone NOT NULL,
	"campaign_id" text NOT NULL,
	"creator_id" text NOT NULL,
	"enrollment_id" text NOT NULL,
	"code_id" text,
	"click_id" text,
	"type" "conversion_type" NOT NULL,
	"code" text,
	"status" "conversion_status" NOT NULL,
	"currency" text NOT NULL,
	"commission_rate_bps" integer NOT NULL,
	"order_amount_cents" bigint NOT NULL,
	"commission_cents" bigint NOT NULL,
	"refund_amount_cents" bigint DEFAULT 0 NOT NULL,
	"refunded_commission_cents" bigint DEFAULT 0 NOT NULL,
	"refund_at" timestamp with time zone,
	"explanation" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"conversion_id" text NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"amount_cents" bigint NOT NULL,
	"commission_cents" bigint NOT NULL,
	"currency" text NOT NULL,
	"cause_key" text NOT NULL,
	"delivery_id" text,
	"note" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "tie_break_rule" "tie_break_rule" DEFAULT 'first_listed' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "self_referral_mode" "self_referral_mode" DEFAULT 'deny' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "click_window_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "new_creator_flag_days" integer;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "attribution_status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "attribution_explanation" jsonb;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_code_id_discount_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."discount_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_click_id_clicks_id_fk" FOREIGN KEY ("click_id") REFERENCES "public"."clicks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_conversion_id_conversions_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."conversions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conversions_workspace_order_key" ON "conversions" USING btree ("workspace_id","shopify_order_id");--> statement-breakpoint
CREATE INDEX "conversions_workspace_updated_idx" ON "conversions" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "conversions_workspace_campaign_created_idx" ON "conversions" USING btree ("workspace_id","campaign_id","order_created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversions_workspace_creator_created_idx" ON "conversions" USING btree ("workspace_id","creator_id","order_created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversions_creator_created_idx" ON "conversions" USING btree ("creator_id","order_created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversions_order_idx" ON "conversions" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_conversion_cause_key" ON "ledger_entries" USING btree ("conversion_id","cause_key");--> statement-breakpoint
CREATE INDEX "ledger_entries_workspace_occurred_idx" ON "ledger_entries" USING btree ("workspace_id","occurred_at");