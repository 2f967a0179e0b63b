CREATE TABLE "campaign_day_deltas" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_day_deltas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"currency" text NOT NULL,
	"day" date NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"gross_cents" bigint DEFAULT 0 NOT NULL,
	"refund_cents" bigint DEFAULT 0 NOT NULL,
	"commission_cents" bigint DEFAULT 0 NOT NULL,
	"reversed_commission_cents" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_day_deltas" ADD CONSTRAINT "campaign_day_deltas_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_day_deltas" ADD CONSTRAINT "campaign_day_deltas_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_day_deltas_campaign_idx" ON "campaign_day_deltas" USING btree ("workspace_id","campaign_id","id");--> statement-breakpoint
-- The rollup trigger appends campaign-day deltas instead of updating campaign_days (db/schema/dashboard.ts); current body: db/sql/ledger-entries-rollup.sql.
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
  -- Not campaign_days itself: one row per campaign-day shared by every writer was the hot row that
  -- serialised a burst. An appended delta waits on no one; lib/dashboard/fold-campaign-days.ts folds them.
  INSERT INTO campaign_day_deltas (workspace_id, campaign_id, day, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents)
  VALUES (NEW.workspace_id, c.campaign_id, c.day, NEW.currency, d_orders, d_gross, d_refund, d_commission, d_reversed);
  RETURN NULL;
END $$;
