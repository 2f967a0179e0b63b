CREATE TYPE "public"."ledger_entry_kind" AS ENUM('sale', 'edit', 'refund', 'cancellation', 'rounding', 'status_change', 'reconcile_amount', 'reconcile_refund', 'ineligible', 'ineligible_refund');--> statement-breakpoint
ALTER TYPE "public"."conversion_status" ADD VALUE 'pending';--> statement-breakpoint
ALTER TYPE "public"."conversion_status" ADD VALUE 'voided';--> statement-breakpoint
CREATE TABLE "order_lines" (
	"workspace_id" text NOT NULL,
	"order_id" text NOT NULL,
	"shopify_line_item_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"product_id" bigint,
	"variant_id" bigint,
	"title" text NOT NULL,
	"variant_title" text,
	"sku" text,
	"quantity" integer NOT NULL,
	"current_quantity" integer,
	"price_cents" bigint NOT NULL,
	"discount_cents" bigint DEFAULT 0 NOT NULL,
	"discount_allocations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tax_cents" bigint DEFAULT 0 NOT NULL,
	"gift_card" boolean DEFAULT false NOT NULL,
	"taxable" boolean DEFAULT true NOT NULL,
	CONSTRAINT "order_lines_order_id_shopify_line_item_id_pk" PRIMARY KEY("order_id","shopify_line_item_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_creator_pending" (
	"workspace_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"creator_id" text NOT NULL,
	"currency" text NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"amount_cents" bigint DEFAULT 0 NOT NULL,
	"commission_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_creator_pending_workspace_id_campaign_id_creator_id_currency_pk" PRIMARY KEY("workspace_id","campaign_id","creator_id","currency")
);
--> statement-breakpoint
-- Every existing entry gets its kind from what the old code wrote: the old kind (sale / reversal /
-- adjustment) and its cause key. Anything else stays on the side of the figures it counted on
-- before (a reversal on the refund side, an adjustment on the gross side).
ALTER TABLE "ledger_entries" ALTER COLUMN "kind" SET DATA TYPE "public"."ledger_entry_kind" USING (CASE
  WHEN "kind"::text = 'sale' THEN 'sale'
  WHEN "kind"::text = 'reversal' AND "cause_key" = 'cancel' THEN 'cancellation'
  WHEN "kind"::text = 'reversal' AND "cause_key" = 'refund-rounding' THEN 'rounding'
  WHEN "kind"::text = 'reversal' THEN 'refund'
  WHEN "cause_key" LIKE 'edit:%' THEN 'edit'
  WHEN "cause_key" LIKE 'status:%' THEN 'status_change'
  WHEN "cause_key" LIKE 'reconcile:%:refund' THEN 'reconcile_refund'
  ELSE 'reconcile_amount'
END)::"public"."ledger_entry_kind";--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "processed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "paid_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "lines_recorded" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "lines" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "pending_amount_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "pending_commission_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "test_order" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_creator_pending" ADD CONSTRAINT "campaign_creator_pending_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_creator_pending" ADD CONSTRAINT "campaign_creator_pending_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_creator_pending" ADD CONSTRAINT "campaign_creator_pending_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_lines_workspace_idx" ON "order_lines" USING btree ("workspace_id");--> statement-breakpoint
DROP TYPE "public"."ledger_kind";--> statement-breakpoint
-- Orders recorded before: placed when created; paid then, if Shopify said so.
UPDATE "orders" SET "processed_at" = "shopify_created_at",
  "paid_at" = CASE WHEN "financial_status" IN ('paid', 'partially_refunded', 'refunded') THEN "shopify_created_at" END;--> statement-breakpoint
-- The ledger_entries_rollup trigger function: keeps campaign_creator_totals, campaign_creator_days and
-- campaign_days in the same transaction as each ledger entry (db/schema/dashboard.ts says what each
-- figure means). This file is its current body; the latest migration that replaces the function
-- carries the same text (a test compares them with the function in the database). To change it:
-- edit this file, then put the same CREATE OR REPLACE in a new migration (`npx drizzle-kit generate
-- --custom --name <tag>`).
--
-- What an entry is comes from its kind (lib/ledger/kinds.ts): refund side = refund, cancellation,
-- rounding, reconcile_refund, ineligible_refund; an order = +1 for a sale, -1 for ineligible (an
-- order taken out of the figures); everything else is gross and commission. The day is the entry's
-- occurred_at in its campaign's time zone.
CREATE OR REPLACE FUNCTION "ledger_entries_rollup"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c record;
  is_refund boolean := NEW.kind IN ('refund', 'cancellation', 'rounding', 'reconcile_refund', 'ineligible_refund');
  d_orders integer := CASE NEW.kind WHEN 'sale' THEN 1 WHEN 'ineligible' THEN -1 ELSE 0 END;
  d_gross bigint := CASE WHEN is_refund THEN 0 ELSE NEW.amount_cents END;
  d_refund bigint := CASE WHEN is_refund THEN -NEW.amount_cents ELSE 0 END;
  d_commission bigint := CASE WHEN is_refund THEN 0 ELSE NEW.commission_cents END;
  d_reversed bigint := CASE WHEN is_refund THEN -NEW.commission_cents ELSE 0 END;
  sale_at timestamptz := CASE WHEN NEW.kind = 'sale' THEN NEW.occurred_at END;
BEGIN
  SELECT cv.campaign_id, cv.creator_id, (NEW.occurred_at AT TIME ZONE cam.timezone)::date AS day
    INTO c FROM conversions cv JOIN campaigns cam ON cam.id = cv.campaign_id WHERE cv.id = NEW.conversion_id;
  INSERT INTO campaign_creator_totals AS t (workspace_id, campaign_id, creator_id, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents, last_sale_at)
  VALUES (NEW.workspace_id, c.campaign_id, c.creator_id, NEW.currency, d_orders, d_gross, d_refund, d_commission, d_reversed, sale_at)
  ON CONFLICT (workspace_id, campaign_id, creator_id, currency) DO UPDATE SET
    orders = t.orders + EXCLUDED.orders,
    gross_cents = t.gross_cents + EXCLUDED.gross_cents,
    refund_cents = t.refund_cents + EXCLUDED.refund_cents,
    commission_cents = t.commission_cents + EXCLUDED.commission_cents,
    reversed_commission_cents = t.reversed_commission_cents + EXCLUDED.reversed_commission_cents,
    last_sale_at = GREATEST(t.last_sale_at, EXCLUDED.last_sale_at);
  INSERT INTO campaign_creator_days AS t (workspace_id, campaign_id, day, creator_id, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents, last_sale_at)
  VALUES (NEW.workspace_id, c.campaign_id, c.day, c.creator_id, NEW.currency, d_orders, d_gross, d_refund, d_commission, d_reversed, sale_at)
  ON CONFLICT (workspace_id, campaign_id, day, creator_id, currency) DO UPDATE SET
    orders = t.orders + EXCLUDED.orders,
    gross_cents = t.gross_cents + EXCLUDED.gross_cents,
    refund_cents = t.refund_cents + EXCLUDED.refund_cents,
    commission_cents = t.commission_cents + EXCLUDED.commission_cents,
    reversed_commission_cents = t.reversed_commission_cents + EXCLUDED.reversed_commission_cents,
    last_sale_at = GREATEST(t.last_sale_at, EXCLUDED.last_sale_at);
  INSERT INTO campaign_days AS t (workspace_id, campaign_id, day, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents)
  VALUES (NEW.workspace_id, c.campaign_id, c.day, NEW.currency, d_orders, d_gross, d_refund, d_commission, d_reversed)
  ON CONFLICT (workspace_id, campaign_id, day, currency) DO UPDATE SET
    orders = t.orders + EXCLUDED.orders,
    gross_cents = t.gross_cents + EXCLUDED.gross_cents,
    refund_cents = t.refund_cents + EXCLUDED.refund_cents,
    commission_cents = t.commission_cents + EXCLUDED.commission_cents,
    reversed_commission_cents = t.reversed_commission_cents + EXCLUDED.reversed_commission_cents;
  RETURN NULL;
END $$;--> statement-breakpoint
-- The conversions_pending_rollup trigger function: keeps campaign_creator_pending (orders awaiting
-- payment per campaign and creator) in the same transaction as each conversion's change. This file
-- is its current body; the latest migration that replaces the function carries the same text (a
-- test compares them with the function in the database).
--
-- A conversion counts while its status is `pending`, with its pending_amount_cents and
-- pending_commission_cents; the trigger adds the new row's share and takes out the old row's.
CREATE OR REPLACE FUNCTION "conversions_pending_rollup"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was boolean := TG_OP = 'UPDATE' AND OLD.status = 'pending';
  is_now boolean := NEW.status = 'pending';
BEGIN
  IF was THEN
    UPDATE campaign_creator_pending SET
      orders = orders - 1,
      amount_cents = amount_cents - OLD.pending_amount_cents,
      commission_cents = commission_cents - OLD.pending_commission_cents
    WHERE workspace_id = OLD.workspace_id AND campaign_id = OLD.campaign_id AND creator_id = OLD.creator_id AND currency = OLD.currency;
  END IF;
  IF is_now THEN
    INSERT INTO campaign_creator_pending AS t (workspace_id, campaign_id, creator_id, currency, orders, amount_cents, commission_cents)
    VALUES (NEW.workspace_id, NEW.campaign_id, NEW.creator_id, NEW.currency, 1, NEW.pending_amount_cents, NEW.pending_commission_cents)
    ON CONFLICT (workspace_id, campaign_id, creator_id, currency) DO UPDATE SET
      orders = t.orders + 1,
      amount_cents = t.amount_cents + EXCLUDED.amount_cents,
      commission_cents = t.commission_cents + EXCLUDED.commission_cents;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "conversions_pending_rollup_insert" AFTER INSERT ON "conversions"
  FOR EACH ROW WHEN (NEW.status::text = 'pending') EXECUTE FUNCTION "conversions_pending_rollup"();--> statement-breakpoint
CREATE TRIGGER "conversions_pending_rollup_update" AFTER UPDATE OF "status", "pending_amount_cents", "pending_commission_cents" ON "conversions"
  FOR EACH ROW WHEN (OLD.status::text = 'pending' OR NEW.status::text = 'pending') EXECUTE FUNCTION "conversions_pending_rollup"();
