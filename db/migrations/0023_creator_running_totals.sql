CREATE SEQUENCE "public"."dashboard_version_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "campaign_creator_days" DROP CONSTRAINT "campaign_creator_days_workspace_id_campaign_id_day_creator_id_currency_pk";--> statement-breakpoint
ALTER TABLE "campaign_creator_days" ADD CONSTRAINT "campaign_creator_days_workspace_id_campaign_id_creator_id_currency_day_pk" PRIMARY KEY("workspace_id","campaign_id","creator_id","currency","day");--> statement-breakpoint
ALTER TABLE "campaign_creator_days" ADD COLUMN "cum_orders" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_creator_days" ADD COLUMN "cum_gross_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_creator_days" ADD COLUMN "cum_refund_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_creator_days" ADD COLUMN "cum_commission_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_creator_days" ADD COLUMN "cum_reversed_commission_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_creator_days" ADD COLUMN "cum_last_sale_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_creator_pending" ADD COLUMN "version" bigint DEFAULT nextval('dashboard_version_seq') NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_creator_totals" ADD COLUMN "version" bigint DEFAULT nextval('dashboard_version_seq') NOT NULL;--> statement-breakpoint
CREATE INDEX "campaign_creator_pending_version_idx" ON "campaign_creator_pending" USING btree ("workspace_id","campaign_id","version");--> statement-breakpoint
CREATE INDEX "campaign_creator_totals_version_idx" ON "campaign_creator_totals" USING btree ("workspace_id","campaign_id","version");--> statement-breakpoint
-- Running totals for the rows already there (db/schema/dashboard.ts: campaign_creator_days).
UPDATE campaign_creator_days d SET
  cum_orders = w.cum_orders, cum_gross_cents = w.cum_gross_cents, cum_refund_cents = w.cum_refund_cents,
  cum_commission_cents = w.cum_commission_cents, cum_reversed_commission_cents = w.cum_reversed_commission_cents, cum_last_sale_at = w.cum_last_sale_at
FROM (
  SELECT workspace_id, campaign_id, creator_id, currency, day,
    sum(orders) OVER r AS cum_orders, sum(gross_cents) OVER r AS cum_gross_cents, sum(refund_cents) OVER r AS cum_refund_cents,
    sum(commission_cents) OVER r AS cum_commission_cents, sum(reversed_commission_cents) OVER r AS cum_reversed_commission_cents, max(last_sale_at) OVER r AS cum_last_sale_at
  FROM campaign_creator_days
  WINDOW r AS (PARTITION BY workspace_id, campaign_id, creator_id, currency ORDER BY day)
) w
WHERE d.workspace_id = w.workspace_id AND d.campaign_id = w.campaign_id AND d.creator_id = w.creator_id AND d.currency = w.currency AND d.day = w.day;
--> statement-breakpoint
-- Current bodies: db/sql/ledger-entries-rollup.sql (running totals, versions) and db/sql/conversions-pending-rollup.sql (versions).
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
--> statement-breakpoint
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
