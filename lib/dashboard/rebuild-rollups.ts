import { sql } from "drizzle-orm";
import { ENTRY_DAY, ENTRY_ORDERS, ENTRY_SUMS } from "./ledger-classes";
import type { Db } from "@/db/client";

/**
 * Rebuilds a workspace's dashboard rollups from its ledger (and awaiting payment from its pending
 * conversions), in one transaction: the same sums the
 * `ledger_entries_rollup` trigger maintains entry by entry (migration 0007 ran this for existing
 * ledgers). For bulk loads that bypass the trigger, and as an operator's check
 * (`npm run tally -- dashboard:rebuild <workspace>`): a test proves it yields exactly what the
 * trigger wrote.
 */
export async function rebuildRollups(db: Db, input: { workspaceId: string }) {
  const sums = sql`
    ${ENTRY_ORDERS},
    ${ENTRY_SUMS},
    max(e.occurred_at) FILTER (WHERE e.kind = 'sale')`;
  const ws = input.workspaceId;
  return db.transaction(async (tx) => {
    // Lock out concurrent ledger writers of this workspace's rollups while they are rebuilt.
    await tx.execute(sql`LOCK TABLE campaign_creator_totals, campaign_creator_days, campaign_days, campaign_day_deltas, campaign_creator_pending IN SHARE ROW EXCLUSIVE MODE`);
    await tx.execute(sql`DELETE FROM campaign_creator_totals WHERE workspace_id = ${ws}`);
    await tx.execute(sql`DELETE FROM campaign_creator_days WHERE workspace_id = ${ws}`);
    await tx.execute(sql`DELETE FROM campaign_days WHERE workspace_id = ${ws}`);
    // Deltas not folded yet are part of what is rebuilt: campaign_days comes whole from the ledger.
    await tx.execute(sql`DELETE FROM campaign_day_deltas WHERE workspace_id = ${ws}`);
    await tx.execute(sql`DELETE FROM campaign_creator_pending WHERE workspace_id = ${ws}`);
    await tx.execute(sql`
      INSERT INTO campaign_creator_totals (workspace_id, campaign_id, creator_id, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents, last_sale_at)
      SELECT e.workspace_id, c.campaign_id, c.creator_id, e.currency, ${sums}
      FROM ledger_entries e JOIN conversions c ON c.id = e.conversion_id
      WHERE e.workspace_id = ${ws}
      GROUP BY e.workspace_id, c.campaign_id, c.creator_id, e.currency`);
    // Day rows with the running totals through each day (the trigger's cum_* columns).
    await tx.execute(sql`
      INSERT INTO campaign_creator_days (workspace_id, campaign_id, day, creator_id, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents, last_sale_at,
        cum_orders, cum_gross_cents, cum_refund_cents, cum_commission_cents, cum_reversed_commission_cents, cum_last_sale_at)
      SELECT workspace_id, campaign_id, day, creator_id, currency, orders, gross, refund, commission, reversed, last_sale_at,
        sum(orders) OVER r, sum(gross) OVER r, sum(refund) OVER r, sum(commission) OVER r, sum(reversed) OVER r, max(last_sale_at) OVER r
      FROM (
        SELECT e.workspace_id, c.campaign_id, ${ENTRY_DAY} AS day, c.creator_id, e.currency, ${ENTRY_ORDERS} AS orders, ${ENTRY_SUMS},
          max(e.occurred_at) FILTER (WHERE e.kind = 'sale') AS last_sale_at
        FROM ledger_entries e JOIN conversions c ON c.id = e.conversion_id JOIN campaigns cam ON cam.id = c.campaign_id
        WHERE e.workspace_id = ${ws}
        GROUP BY e.workspace_id, c.campaign_id, ${ENTRY_DAY}, c.creator_id, e.currency
      ) g
      WINDOW r AS (PARTITION BY workspace_id, campaign_id, creator_id, currency ORDER BY day)`);
    await tx.execute(sql`
      INSERT INTO campaign_days (workspace_id, campaign_id, day, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents)
      SELECT workspace_id, campaign_id, day, currency, sum(orders), sum(gross_cents), sum(refund_cents), sum(commission_cents), sum(reversed_commission_cents)
      FROM campaign_creator_days WHERE workspace_id = ${ws}
      GROUP BY workspace_id, campaign_id, day, currency`);
    // Awaiting payment is not ledger money: the pending conversions themselves (the conversions_pending_rollup trigger's sums).
    await tx.execute(sql`
      INSERT INTO campaign_creator_pending (workspace_id, campaign_id, creator_id, currency, orders, amount_cents, commission_cents)
      SELECT workspace_id, campaign_id, creator_id, currency, count(*), sum(pending_amount_cents), sum(pending_commission_cents)
      FROM conversions WHERE workspace_id = ${ws} AND status = 'pending'
      GROUP BY workspace_id, campaign_id, creator_id, currency`);
  });
}
