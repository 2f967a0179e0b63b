CREATE TABLE "campaign_days" (
	"workspace_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"currency" text NOT NULL,
	"day" date NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"gross_cents" bigint DEFAULT 0 NOT NULL,
	"refund_cents" bigint DEFAULT 0 NOT NULL,
	"commission_cents" bigint DEFAULT 0 NOT NULL,
	"reversed_commission_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_days_workspace_id_campaign_id_day_currency_pk" PRIMARY KEY("workspace_id","campaign_id","day","currency")
);
--> statement-breakpoint
ALTER TABLE "campaign_days" ADD CONSTRAINT "campaign_days_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_days" ADD CONSTRAINT "campaign_days_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The rollup trigger also keeps campaign_days (see db/schema/dashboard.ts).
CREATE OR REPLACE FUNCTION "ledger_entries_rollup"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c record;
  is_refund boolean := NEW.kind = 'reversal' OR NEW.cause_key LIKE 'reconcile:%:refund';
  d_orders integer := CASE WHEN NEW.kind = 'sale' THEN 1 ELSE 0 END;
  d_gross bigint := CASE WHEN is_refund THEN 0 ELSE NEW.amount_cents END;
  d_refund bigint := CASE WHEN is_refund THEN -NEW.amount_cents ELSE 0 END;
  d_commission bigint := CASE WHEN is_refund THEN 0 ELSE NEW.commission_cents END;
  d_reversed bigint := CASE WHEN is_refund THEN -NEW.commission_cents ELSE 0 END;
  sale_at timestamptz := CASE WHEN NEW.kind = 'sale' THEN NEW.occurred_at END;
BEGIN
  SELECT campaign_id, creator_id INTO c FROM conversions WHERE id = NEW.conversion_id;
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
  VALUES (NEW.workspace_id, c.campaign_id, (NEW.occurred_at AT TIME ZONE 'UTC')::date, c.creator_id, NEW.currency, d_orders, d_gross, d_refund, d_commission, d_reversed, sale_at)
  ON CONFLICT (workspace_id, campaign_id, day, creator_id, currency) DO UPDATE SET
    orders = t.orders + EXCLUDED.orders,
    gross_cents = t.gross_cents + EXCLUDED.gross_cents,
    refund_cents = t.refund_cents + EXCLUDED.refund_cents,
    commission_cents = t.commission_cents + EXCLUDED.commission_cents,
    reversed_commission_cents = t.reversed_commission_cents + EXCLUDED.reversed_commission_cents,
    last_sale_at = GREATEST(t.last_sale_at, EXCLUDED.last_sale_at);
  INSERT INTO campaign_days AS t (workspace_id, campaign_id, day, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents)
  VALUES (NEW.workspace_id, c.campaign_id, (NEW.occurred_at AT TIME ZONE 'UTC')::date, NEW.currency, d_orders, d_gross, d_refund, d_commission, d_reversed)
  ON CONFLICT (workspace_id, campaign_id, day, currency) DO UPDATE SET
    orders = t.orders + EXCLUDED.orders,
    gross_cents = t.gross_cents + EXCLUDED.gross_cents,
    refund_cents = t.refund_cents + EXCLUDED.refund_cents,
    commission_cents = t.commission_cents + EXCLUDED.commission_cents,
    reversed_commission_cents = t.reversed_commission_cents + EXCLUDED.reversed_commission_cents;
  RETURN NULL;
END $$;
--> statement-breakpoint
INSERT INTO campaign_days (workspace_id, campaign_id, day, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents)
SELECT workspace_id, campaign_id, day, currency, sum(orders), sum(gross_cents), sum(refund_cents), sum(commission_cents), sum(reversed_commission_cents)
FROM campaign_creator_days
GROUP BY workspace_id, campaign_id, day, currency;
