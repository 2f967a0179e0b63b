import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { PAYABLE_AT, UNSTAMPED } from "./payable-at";

/**
 * A creator's commission with one workspace in one currency, split by where it is (integer minor
 * units). `pending + payable + in_payouts + paid` is the creator's net ledger total, to the cent, at
 * every moment.
 * - `pending`: earned, still inside the hold (`next_payable_at`: when the next part is released);
 * - `payable`: past the hold and in no payout (negative when clawbacks exceed what accrued since);
 * - `in_payouts`: in a payout not yet paid (draft or processing);
 * - `paid`: in payout items marked paid.
 */
export type Balance = {
  workspaceId: string;
  creatorId: string;
  currency: string;
  pending: number;
  payable: number;
  inPayouts: number;
  paid: number;
  /** pending + payable + in_payouts + paid */
  net: number;
  nextPayableAt: Date | null;
};

type Row = {
  workspace_id: string;
  creator_id: string;
  currency: string;
  net: string;
  pending: string;
  in_payouts: string;
  paid: string;
  next_payable_at: Date | string | null;
};

export type BalanceScope = { workspaceId: string; creatorId?: string; currency?: string } | { creatorId: string; workspaceId?: undefined; currency?: string };

/**
 * Balances of the creators a filter selects, at `asOf` (default now). Scope by workspace (a brand's
 * view, every creator or one) or by creator (the creator portal, every brand): the WHERE clause
 * carries the tenant.
 *
 * Never a sum over the whole ledger, and never a counter that can drift from it:
 * - the net is `creator_balances`, which the ledger's insert trigger keeps in the same statement as
 *   the entries (db/sql/ledger-entries-payouts.sql);
 * - `in_payouts` and `paid` are sums of payout items (an item's amount is the sum of the entries
 *   stamped with it, written in the same transaction as the stamps);
 * - `pending` is the tail of entries not payable at `asOf` and in no payout: a range of `hold_from`
 *   on `ledger_entries_creator_hold_idx` (the last `hold days` of sales), plus refunds dated after
 *   `asOf` on `ledger_entries_workspace_occurred_idx`;
 * - `payable` is what is left: net − pending − in_payouts − paid.
 * `balancesFromLedger` (./balances-from-ledger.ts) derives the same from every entry; the property
 * test and bench:payouts check that the two agree.
 */
export async function getBalances(db: Db, scope: BalanceScope, asOf: Date = new Date()): Promise<Balance[]> {
  const at = asOf.toISOString();
  const where: SQL[] = [];
  if (scope.workspaceId) where.push(sql`cb.workspace_id = ${scope.workspaceId}`);
  if (scope.creatorId) where.push(sql`cb.creator_id = ${scope.creatorId}`);
  if (scope.currency) where.push(sql`cb.currency = ${scope.currency}`);
  const rows = await queryRows<Row>(
    db,
    sql`
      WITH b AS MATERIALIZED (
        SELECT cb.workspace_id, cb.creator_id, cb.currency, cb.net_cents, w.payout_hold_days AS hold
        FROM creator_balances cb JOIN workspaces w ON w.id = cb.workspace_id
        WHERE ${sql.join(where, sql` AND `)}
      ), tail AS (
        SELECT e.workspace_id, e.creator_id, e.currency, e.commission_cents, ${PAYABLE_AT} AS payable_at
        FROM b
        JOIN ledger_entries e ON e.creator_id = b.creator_id AND e.hold_from > ${at}::timestamptz - make_interval(days => b.hold + 1)
          AND e.workspace_id = b.workspace_id AND e.currency = b.currency
        JOIN workspaces w ON w.id = e.workspace_id
        WHERE ${PAYABLE_AT} > ${at}::timestamptz AND ${UNSTAMPED}
        UNION ALL
        SELECT e.workspace_id, e.creator_id, e.currency, e.commission_cents, ${PAYABLE_AT} AS payable_at
        FROM ledger_entries e JOIN workspaces w ON w.id = e.workspace_id
        WHERE e.workspace_id IN (SELECT workspace_id FROM b) AND e.occurred_at > ${at}::timestamptz AND e.commission_cents < 0
          AND e.hold_from <= ${at}::timestamptz - make_interval(days => w.payout_hold_days + 1)
          AND EXISTS (SELECT 1 FROM b WHERE b.workspace_id = e.workspace_id AND b.creator_id = e.creator_id AND b.currency = e.currency)
          AND ${PAYABLE_AT} > ${at}::timestamptz AND ${UNSTAMPED}
      ), pend AS (
        SELECT workspace_id, creator_id, currency, SUM(commission_cents) AS pending,
          MIN(payable_at) FILTER (WHERE commission_cents > 0) AS next_payable_at
        FROM tail GROUP BY workspace_id, creator_id, currency
      )
      SELECT b.workspace_id, b.creator_id, b.currency, b.net_cents AS net,
        COALESCE(pend.pending, 0) AS pending, COALESCE(it.in_payouts, 0) AS in_payouts, COALESCE(it.paid, 0) AS paid, pend.next_payable_at
      FROM b
      LEFT JOIN pend ON pend.workspace_id = b.workspace_id AND pend.creator_id = b.creator_id AND pend.currency = b.currency
      LEFT JOIN LATERAL (
        SELECT SUM(i.amount_cents) FILTER (WHERE i.status = 'pending') AS in_payouts, SUM(i.amount_cents) FILTER (WHERE i.status = 'paid') AS paid
        FROM payout_items i
        WHERE i.creator_id = b.creator_id AND i.workspace_id = b.workspace_id AND i.currency = b.currency AND i.status IN ('pending', 'paid')
      ) it ON true
      ORDER BY b.workspace_id, b.creator_id, b.currency`,
  );
  return rows.map((r) => {
    const net = Number(r.net);
    const pending = Number(r.pending);
    const inPayouts = Number(r.in_payouts);
    const paid = Number(r.paid);
    return {
      workspaceId: r.workspace_id,
      creatorId: r.creator_id,
      currency: r.currency,
      pending,
      payable: net - pending - inPayouts - paid,
      inPayouts,
      paid,
      net,
      nextPayableAt: r.next_payable_at === null ? null : new Date(r.next_payable_at),
    };
  });
}

/** A brand's liability per currency: what its creators hold pending, payable (only positive balances are owed) and in payouts. */
export async function getLiability(db: Db, workspaceId: string, asOf: Date = new Date()) {
  const balances = await getBalances(db, { workspaceId }, asOf);
  const byCurrency = new Map<string, { currency: string; pending: number; payable: number; inPayouts: number; paid: number; creatorsPayable: number }>();
  for (const b of balances) {
    const t = byCurrency.get(b.currency) ?? { currency: b.currency, pending: 0, payable: 0, inPayouts: 0, paid: 0, creatorsPayable: 0 };
    t.pending += b.pending;
    t.payable += Math.max(0, b.payable);
    t.inPayouts += b.inPayouts;
    t.paid += b.paid;
    if (b.payable > 0) t.creatorsPayable++;
    byCurrency.set(b.currency, t);
  }
  return [...byCurrency.values()];
}
