-- Days are the campaign's own days: an entry counts on its occurred_at's date in the campaign's time
-- zone (campaigns.timezone, fixed at creation), so a Los Angeles brand's evening sales fall on their
-- own day. The trigger computes the day that way, and the day rollups are rebuilt from the ledger.
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
END $$;
--> statement-breakpoint
DELETE FROM campaign_creator_days;
--> statement-breakpoint
DELETE FROM campaign_days;
--> statement-breakpoint
INSERT INTO campaign_creator_days (workspace_id, campaign_id, day, creator_id, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents, last_sale_at)
SELECT e.workspace_id, c.campaign_id, (e.occurred_at AT TIME ZONE cam.timezone)::date, c.creator_id, e.currency,
  count(*) FILTER (WHERE e.kind = 'sale'),
  coalesce(sum(e.amount_cents) FILTER (WHERE NOT (e.kind = 'reversal' OR e.cause_key LIKE 'reconcile:%:refund')), 0),
  coalesce(-sum(e.amount_cents) FILTER (WHERE e.kind = 'reversal' OR e.cause_key LIKE 'reconcile:%:refund'), 0),
  coalesce(sum(e.commission_cents) FILTER (WHERE NOT (e.kind = 'reversal' OR e.cause_key LIKE 'reconcile:%:refund')), 0),
  coalesce(-sum(e.commission_cents) FILTER (WHERE e.kind = 'reversal' OR e.cause_key LIKE 'reconcile:%:refund'), 0),
  max(e.occurred_at) FILTER (WHERE e.kind = 'sale')
FROM ledger_entries e JOIN conversions c ON c.id = e.conversion_id JOIN campaigns cam ON cam.id = c.campaign_id
GROUP BY e.workspace_id, c.campaign_id, (e.occurred_at AT TIME ZONE cam.timezone)::date, c.creator_id, e.currency;
--> statement-breakpoint
INSERT INTO campaign_days (workspace_id, campaign_id, day, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents)
SELECT workspace_id, campaign_id, day, currency, sum(orders), sum(gross_cents), sum(refund_cents), sum(commission_cents), sum(reversed_commission_cents)
FROM campaign_creator_days
GROUP BY workspace_id, campaign_id, day, currency;
