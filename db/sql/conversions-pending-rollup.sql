-- The conversions_pending_rollup trigger function: keeps campaign_creator_pending (orders awaiting
-- payment per campaign and creator) in the same transaction as each conversion's change. This file
-- is its current body; the latest migration that replaces the function carries the same text (a
-- test compares them with the function in the database).
--
-- A conversion counts while its status is `pending`, with its pending_amount_cents and
-- pending_commission_cents; the trigger adds the new row's share and takes out the old row's. Every
-- change takes a new dashboard version (db/schema/dashboard.ts).
CREATE OR REPLACE FUNCTION "conversions_pending_rollup"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was boolean := TG_OP = 'UPDATE' AND OLD.status = 'pending';
  is_now boolean := NEW.status = 'pending';
BEGIN
  IF was THEN
    UPDATE campaign_creator_pending SET
      orders = orders - 1,
      amount_cents = amount_cents - OLD.pending_amount_cents,
      commission_cents = commission_cents - OLD.pending_commission_cents,
      version = nextval('dashboard_version_seq')
    WHERE workspace_id = OLD.workspace_id AND campaign_id = OLD.campaign_id AND creator_id = OLD.creator_id AND currency = OLD.currency;
  END IF;
  IF is_now THEN
    INSERT INTO campaign_creator_pending AS t (workspace_id, campaign_id, creator_id, currency, orders, amount_cents, commission_cents)
    VALUES (NEW.workspace_id, NEW.campaign_id, NEW.creator_id, NEW.currency, 1, NEW.pending_amount_cents, NEW.pending_commission_cents)
    ON CONFLICT (workspace_id, campaign_id, creator_id, currency) DO UPDATE SET
      orders = t.orders + 1,
      amount_cents = t.amount_cents + EXCLUDED.amount_cents,
      commission_cents = t.commission_cents + EXCLUDED.commission_cents,
      version = nextval('dashboard_version_seq');
  END IF;
  RETURN NULL;
END $$;
