-- The ledger_entries_rollup trigger function: keeps campaign_creator_totals (with the dashboard's
-- version), campaign_creator_days (with running totals) and campaign_day_deltas (folded into
-- campaign_days) in the same transaction as each ledger entry (db/schema/dashboard.ts says what each
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
  prev record;
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
    last_sale_at = GREATEST(t.last_sale_at, EXCLUDED.last_sale_at),
    version = nextval('dashboard_version_seq');
  -- The creator's row of the day, with running totals (cum_*) through the day: a new day starts from
  -- the creator's last day before it. The totals upsert above holds the creator's row lock until
  -- commit, so writers of one creator apply one after another and each reads the other's rows.
  SELECT d.cum_orders, d.cum_gross_cents, d.cum_refund_cents, d.cum_commission_cents, d.cum_reversed_commission_cents, d.cum_last_sale_at
    INTO prev FROM campaign_creator_days d
    WHERE d.workspace_id = NEW.workspace_id AND d.campaign_id = c.campaign_id AND d.creator_id = c.creator_id AND d.currency = NEW.currency AND d.day < c.day
    ORDER BY d.day DESC LIMIT 1;
  INSERT INTO campaign_creator_days AS t (workspace_id, campaign_id, day, creator_id, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents, last_sale_at,
      cum_orders, cum_gross_cents, cum_refund_cents, cum_commission_cents, cum_reversed_commission_cents, cum_last_sale_at)
  VALUES (NEW.workspace_id, c.campaign_id, c.day, c.creator_id, NEW.currency, d_orders, d_gross, d_refund, d_commission, d_reversed, sale_at,
      coalesce(prev.cum_orders, 0) + d_orders, coalesce(prev.cum_gross_cents, 0) + d_gross, coalesce(prev.cum_refund_cents, 0) + d_refund,
      coalesce(prev.cum_commission_cents, 0) + d_commission, coalesce(prev.cum_reversed_commission_cents, 0) + d_reversed, GREATEST(prev.cum_last_sale_at, sale_at))
  ON CONFLICT (workspace_id, campaign_id, creator_id, currency, day) DO UPDATE SET
    orders = t.orders + EXCLUDED.orders,
    gross_cents = t.gross_cents + EXCLUDED.gross_cents,
    refund_cents = t.refund_cents + EXCLUDED.refund_cents,
    commission_cents = t.commission_cents + EXCLUDED.commission_cents,
    reversed_commission_cents = t.reversed_commission_cents + EXCLUDED.reversed_commission_cents,
    last_sale_at = GREATEST(t.last_sale_at, EXCLUDED.last_sale_at),
    cum_orders = t.cum_orders + EXCLUDED.orders,
    cum_gross_cents = t.cum_gross_cents + EXCLUDED.gross_cents,
    cum_refund_cents = t.cum_refund_cents + EXCLUDED.refund_cents,
    cum_commission_cents = t.cum_commission_cents + EXCLUDED.commission_cents,
    cum_reversed_commission_cents = t.cum_reversed_commission_cents + EXCLUDED.reversed_commission_cents,
    cum_last_sale_at = GREATEST(t.cum_last_sale_at, EXCLUDED.last_sale_at);
  -- An entry dated before the creator's later days (a late refund, a backfill) runs into them too.
  UPDATE campaign_creator_days SET
    cum_orders = cum_orders + d_orders,
    cum_gross_cents = cum_gross_cents + d_gross,
    cum_refund_cents = cum_refund_cents + d_refund,
    cum_commission_cents = cum_commission_cents + d_commission,
    cum_reversed_commission_cents = cum_reversed_commission_cents + d_reversed,
    cum_last_sale_at = GREATEST(cum_last_sale_at, sale_at)
  WHERE workspace_id = NEW.workspace_id AND campaign_id = c.campaign_id AND creator_id = c.creator_id AND currency = NEW.currency AND day > c.day;
  -- Not campaign_days itself: one row per campaign-day shared by every writer was the hot row that
  -- serialised a burst. An appended delta waits on no one; lib/dashboard/fold-campaign-days.ts folds them.
  INSERT INTO campaign_day_deltas (workspace_id, campaign_id, day, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents)
  VALUES (NEW.workspace_id, c.campaign_id, c.day, NEW.currency, d_orders, d_gross, d_refund, d_commission, d_reversed);
  RETURN NULL;
END $$;
