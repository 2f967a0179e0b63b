import { sql } from "drizzle-orm";
import { ENTRY_DAY, ENTRY_ORDERS, ENTRY_SUMS, REFUND_ENTRY, entryDayWithin } from "./ledger-classes";
import { queryRows, type Db } from "@/db/client";
import type { DashboardRange } from "./date-range";

/**
 * The dashboard's per-creator figures computed the naive way, straight from the append-only ledger
 * (ledger_entries ⋈ conversions, grouped). It is the definition the rollups must equal — the
 * integration tests compare against it — and the baseline `npm run bench:dashboard` measures.
 * Never used by a page: at a million orders it reads every entry of the campaign.
 */
export async function creatorSumsFromLedger(db: Db, scope: { workspaceId: string; campaignId: string; currency: string }, range: DashboardRange) {
  const rows = await queryRows<{ creator_id: string; orders: string; gross: string; refund: string; commission: string; reversed: string; last_sale_at: Date | string | null }>(
    db,
    sql`
      SELECT c.creator_id,
        ${ENTRY_ORDERS} AS orders,
        ${ENTRY_SUMS},
        max(e.occurred_at) FILTER (WHERE e.kind = 'sale') AS last_sale_at
      FROM ledger_entries e
      JOIN conversions c ON c.id = e.conversion_id
      JOIN campaigns cam ON cam.id = c.campaign_id
      WHERE c.workspace_id = ${scope.workspaceId} AND c.campaign_id = ${scope.campaignId} AND e.currency = ${scope.currency}
        ${entryDayWithin(range)}
      GROUP BY c.creator_id`,
  );
  return rows.map((r) => ({
    creatorId: r.creator_id,
    orders: Number(r.orders),
    grossCents: Number(r.gross),
    refundCents: Number(r.refund),
    commissionCents: Number(r.commission),
    reversedCommissionCents: Number(r.reversed),
    lastSaleAt: r.last_sale_at ? new Date(r.last_sale_at).toISOString() : null,
  }));
}

/** Gross and refunds per campaign-local day straight from the ledger (the naive baseline of the chart). */
export async function seriesFromLedger(db: Db, scope: { workspaceId: string; campaignId: string; currency: string }, range: DashboardRange) {
  return queryRows<{ day: string; gross: string; refund: string }>(
    db,
    sql`
      SELECT ${ENTRY_DAY}::text AS day,
        coalesce(sum(e.amount_cents) FILTER (WHERE NOT ${REFUND_ENTRY}), 0) AS gross,
        coalesce(-sum(e.amount_cents) FILTER (WHERE ${REFUND_ENTRY}), 0) AS refund
      FROM ledger_entries e
      JOIN conversions c ON c.id = e.conversion_id
      JOIN campaigns cam ON cam.id = c.campaign_id
      WHERE c.workspace_id = ${scope.workspaceId} AND c.campaign_id = ${scope.campaignId} AND e.currency = ${scope.currency}
        ${entryDayWithin(range)}
      GROUP BY 1 ORDER BY 1`,
  );
}
