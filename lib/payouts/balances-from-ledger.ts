import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import type { Balance, BalanceScope } from "./get-balances";

/**
 * The same balances as `getBalances`, derived the slow way: from every ledger entry, its conversion
 * and its order, with none of the derived columns or cached rows the fast path reads (the hold start
 * from `orders`, the creator from `conversions`, the net and the payout sums from the entries and
 * their stamps). Not for pages: the property test and bench:payouts check the fast path against it.
 */
export async function balancesFromLedger(db: Db, scope: BalanceScope, asOf: Date = new Date()): Promise<Balance[]> {
  const at = asOf.toISOString();
  const release = sql.raw("(COALESCE(o.paid_at, o.processed_at, c.order_created_at) + make_interval(days => w.payout_hold_days))");
  const payableAt = sql`(CASE WHEN e.commission_cents > 0 THEN ${release} ELSE GREATEST(e.occurred_at, ${release}) END)`;
  const where: SQL[] = [];
  if (scope.workspaceId) where.push(sql`e.workspace_id = ${scope.workspaceId}`);
  if (scope.creatorId) where.push(sql`c.creator_id = ${scope.creatorId}`);
  if (scope.currency) where.push(sql`e.currency = ${scope.currency}`);
  const rows = await queryRows<Record<string, string | Date | null>>(
    db,
    sql`
      SELECT e.workspace_id, c.creator_id, e.currency,
        COALESCE(SUM(e.commission_cents) FILTER (WHERE s.ledger_entry_id IS NULL AND ${payableAt} > ${at}::timestamptz), 0) AS pending,
        COALESCE(SUM(e.commission_cents) FILTER (WHERE s.ledger_entry_id IS NULL AND ${payableAt} <= ${at}::timestamptz), 0) AS payable,
        COALESCE(SUM(e.commission_cents) FILTER (WHERE i.status = 'pending'), 0) AS in_payouts,
        COALESCE(SUM(e.commission_cents) FILTER (WHERE i.status = 'paid'), 0) AS paid,
        COALESCE(SUM(e.commission_cents), 0) AS net,
        MIN(${payableAt}) FILTER (WHERE s.ledger_entry_id IS NULL AND ${payableAt} > ${at}::timestamptz AND e.commission_cents > 0) AS next_payable_at
      FROM ledger_entries e
      JOIN conversions c ON c.id = e.conversion_id JOIN orders o ON o.id = c.order_id JOIN workspaces w ON w.id = e.workspace_id
      LEFT JOIN payout_item_entries s ON s.ledger_entry_id = e.id AND s.released_at IS NULL LEFT JOIN payout_items i ON i.id = s.payout_item_id
      WHERE ${sql.join(where, sql` AND `)}
      GROUP BY e.workspace_id, c.creator_id, e.currency
      ORDER BY e.workspace_id, c.creator_id, e.currency`,
  );
  return rows.map((r) => ({
    workspaceId: String(r.workspace_id),
    creatorId: String(r.creator_id),
    currency: String(r.currency),
    pending: Number(r.pending),
    payable: Number(r.payable),
    inPayouts: Number(r.in_payouts),
    paid: Number(r.paid),
    net: Number(r.net),
    nextPayableAt: r.next_payable_at === null ? null : new Date(r.next_payable_at as string),
  }));
}
