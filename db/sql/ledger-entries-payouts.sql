-- The payouts triggers on ledger_entries. This file is their current body; the latest migration
-- that replaces a function carries the same text (lib/ledger/trigger-sources.test.ts compares them
-- with the functions in the database). To change one: edit this file, then put the same CREATE OR
-- REPLACE in a new migration (`npx drizzle-kit generate --custom --name <tag>`).
--
-- ledger_entries_derive (BEFORE INSERT, each row): the entry's creator and the time its hold counts
-- from, read from its conversion and order, so every writer (lib/ledger's one-entry and bulk forms)
-- gets them the same way. The hold counts from when the order was paid (`paid_at`: Shopify's
-- `processed_at` for an order paid from the start, else when it became paid), else `processed_at`,
-- else the order's creation.
CREATE OR REPLACE FUNCTION "ledger_entries_derive"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT cv.creator_id, COALESCE(o.paid_at, o.processed_at, cv.order_created_at)
    INTO NEW.creator_id, NEW.hold_from
    FROM conversions cv JOIN orders o ON o.id = cv.order_id WHERE cv.id = NEW.conversion_id;
  RETURN NEW;
END $$;
-- ledger_entries_balances (AFTER INSERT, each statement, over the rows it inserted): adds the entries'
-- commission to creator_balances, one row per (workspace, creator, currency), in the same statement
-- as the entries, so the net there is always the sum of the ledger. Rows are taken in key order, so
-- two statements touching the same creators lock them in the same order.
CREATE OR REPLACE FUNCTION "ledger_entries_balances"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO creator_balances AS b (workspace_id, creator_id, currency, net_cents, entries_count, updated_at)
  SELECT workspace_id, creator_id, currency, SUM(commission_cents), COUNT(*), now()
  FROM new_entries
  GROUP BY workspace_id, creator_id, currency
  ORDER BY workspace_id, creator_id, currency
  ON CONFLICT (workspace_id, creator_id, currency) DO UPDATE SET
    net_cents = b.net_cents + EXCLUDED.net_cents,
    entries_count = b.entries_count + EXCLUDED.entries_count,
    updated_at = now();
  RETURN NULL;
END $$;
