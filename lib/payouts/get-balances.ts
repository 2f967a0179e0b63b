import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { ENTRY_JOINS, PAYABLE_AT, STAMP_JOINS } from "./payable-at";

/**
 * A creator's commission with one workspace in one currency, split by where it is (integer minor
 * units). Derived from the ledger on every read, never a counter: `pending + payable + in_payouts +
 * paid` is the creator's net ledger total, to the cent, at every moment.
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
  pending: string;
  payable: string;
  in_payouts: string;
  paid: string;
  net: string;
  next_payable_at: Date | string | null;
};

/**
 * Balances of the creators a filter selects, at `asOf` (default now). Scope by workspace (a brand's
 * view, every creator or one) or by creator (the creator portal, every brand): the WHERE clause
 * carries the tenant.
 */
export async function getBalances(
  db: Db,
  scope: { workspaceId: string; creatorId?: string; currency?: string } | { creatorId: string; workspaceId?: undefined; currency?: string },
  asOf: Date = new Date(),
): Promise<Balance[]> {
  const at = asOf.toISOString();
  const where: SQL[] = [];
  if (scope.workspaceId) where.push(sql`e.workspace_id = ${scope.workspaceId}`);
  if (scope.creatorId) where.push(sql`c.creator_id = ${scope.creatorId}`);
  if (scope.currency) where.push(sql`e.currency = ${scope.currency}`);
  const rows = await queryRows<Row>(
    db,
    sql`
      SELECT e.workspace_id, c.creator_id, e.currency,
        COALESCE(SUM(e.commission_cents) FILTER (WHERE s.ledger_entry_id IS NULL AND ${PAYABLE_AT} > ${at}::timestamptz), 0) AS pending,
        COALESCE(SUM(e.commission_cents) FILTER (WHERE s.ledger_entry_id IS NULL AND ${PAYABLE_AT} <= ${at}::timestamptz), 0) AS payable,
        COALESCE(SUM(e.commission_cents) FILTER (WHERE i.status = 'pending'), 0) AS in_payouts,
        COALESCE(SUM(e.commission_cents) FILTER (WHERE i.status = 'paid'), 0) AS paid,
        COALESCE(SUM(e.commission_cents), 0) AS net,
        MIN(${PAYABLE_AT}) FILTER (WHERE s.ledger_entry_id IS NULL AND ${PAYABLE_AT} > ${at}::timestamptz AND e.commission_cents > 0) AS next_payable_at
      FROM ledger_entries e ${ENTRY_JOINS} ${STAMP_JOINS}
      WHERE ${sql.join(where, sql` AND `)}
      GROUP BY e.workspace_id, c.creator_id, e.currency
      ORDER BY e.workspace_id, c.creator_id, e.currency`,
  );
  return rows.map((r) => ({
    workspaceId: r.workspace_id,
    creatorId: r.creator_id,
    currency: r.currency,
    pending: Number(r.pending),
    payable: Number(r.payable),
    inPayouts: Number(r.in_payouts),
    paid: Number(r.paid),
    net: Number(r.net),
    nextPayableAt: r.next_payable_at === null ? null : new Date(r.next_payable_at),
  }));
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
