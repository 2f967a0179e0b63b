import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";

const BATCH = 20_000;

/**
 * Folds campaign_day_deltas (appended by the ledger rollup trigger, one per entry) into
 * campaign_days, oldest first, in batches: each batch deletes its deltas and adds their sums to the
 * campaign-day rows in one statement, so a delta counts exactly once — in campaign_days or still
 * as a delta, which readers add (getCampaignDashboard's series). Ledger writers never touch
 * campaign_days, so folding makes none of them wait; concurrent folders take disjoint deltas
 * (SKIP LOCKED) and lock campaign-day rows in key order (no deadlock between folders).
 *
 * Runs on the sweeper's timer in-process and as an Inngest cron; `scope` folds one campaign.
 * Returns how many deltas were folded.
 */
export async function foldCampaignDays(db: Db, scope?: { workspaceId: string; campaignId: string }): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await queryRows<{ moved: string }>(
      db,
      sql`
        WITH moved AS (
          DELETE FROM campaign_day_deltas WHERE id IN (
            SELECT id FROM campaign_day_deltas
            ${scope ? sql`WHERE workspace_id = ${scope.workspaceId} AND campaign_id = ${scope.campaignId}` : sql``}
            ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
          RETURNING workspace_id, campaign_id, day, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents
        ), folded AS (
          INSERT INTO campaign_days AS t (workspace_id, campaign_id, day, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents)
          SELECT workspace_id, campaign_id, day, currency, sum(orders), sum(gross_cents), sum(refund_cents), sum(commission_cents), sum(reversed_commission_cents)
          FROM moved GROUP BY workspace_id, campaign_id, day, currency
          ORDER BY workspace_id, campaign_id, day, currency
          ON CONFLICT (workspace_id, campaign_id, day, currency) DO UPDATE SET
            orders = t.orders + EXCLUDED.orders,
            gross_cents = t.gross_cents + EXCLUDED.gross_cents,
            refund_cents = t.refund_cents + EXCLUDED.refund_cents,
            commission_cents = t.commission_cents + EXCLUDED.commission_cents,
            reversed_commission_cents = t.reversed_commission_cents + EXCLUDED.reversed_commission_cents
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM moved) AS moved, (SELECT count(*) FROM folded) AS days`,
    );
    const moved = Number(row?.moved ?? 0);
    total += moved;
    if (moved < BATCH) return total;
  }
}
