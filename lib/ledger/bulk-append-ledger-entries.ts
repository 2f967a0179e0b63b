import type postgres from "postgres";
import { REFUND_SIDE_KINDS } from "./kinds";

const list = (kinds: readonly string[]) => kinds.map((k) => `'${k}'`).join(", ");

/**
 * The bulk form of `appendLedgerEntry`, for seeders and benchmarks that load hundreds of thousands
 * of entries with one statement: inserts the entries `source` selects — columns `id, workspace_id,
 * conversion_id, kind, amount_cents, commission_cents, currency, cause_key, occurred_at`, in that
 * order — idempotent by (conversion, cause key) like every entry, and moves each conversion's
 * running totals by the entries written, in the same statement (so the same transaction), by the
 * same rules (lib/ledger/kinds.ts). Returns how many entries were written.
 *
 * `derived`: the source also yields `creator_id, hold_from` (what the `ledger_entries_derive` trigger
 * would set), for a load with triggers off (`session_replication_role = replica`); such a load then
 * rebuilds `creator_balances` (lib/payouts/rebuild-creator-balances.ts), as it rebuilds the rollups.
 */
export async function bulkAppendLedgerEntries(
  sql: postgres.Sql | postgres.TransactionSql,
  source: postgres.PendingQuery<postgres.Row[]>,
  options: { derived?: boolean } = {},
): Promise<number> {
  const refundSide = sql.unsafe(`kind IN (${list(REFUND_SIDE_KINDS)})`);
  const derived = options.derived ? sql.unsafe(", creator_id, hold_from") : sql.unsafe("");
  const [row] = await sql<{ n: string }[]>`
    WITH written AS (
      INSERT INTO ledger_entries (id, workspace_id, conversion_id, kind, amount_cents, commission_cents, currency, cause_key, occurred_at${derived})
      ${source}
      ON CONFLICT (conversion_id, cause_key) DO NOTHING
      RETURNING conversion_id, kind, amount_cents, commission_cents, occurred_at
    ), moved AS (
      SELECT conversion_id,
        coalesce(sum(amount_cents) FILTER (WHERE NOT ${refundSide}), 0) AS amount,
        coalesce(sum(commission_cents) FILTER (WHERE NOT ${refundSide}), 0) AS commission,
        coalesce(-sum(amount_cents) FILTER (WHERE ${refundSide}), 0) AS refunded,
        coalesce(-sum(commission_cents) FILTER (WHERE ${refundSide}), 0) AS refunded_commission,
        max(occurred_at) FILTER (WHERE kind = 'refund') AS refund_at,
        count(*) AS n
      FROM written GROUP BY conversion_id
    ), updated AS (
      UPDATE conversions c SET
        order_amount_cents = c.order_amount_cents + m.amount,
        commission_cents = c.commission_cents + m.commission,
        refund_amount_cents = c.refund_amount_cents + m.refunded,
        refunded_commission_cents = c.refunded_commission_cents + m.refunded_commission,
        refund_at = GREATEST(c.refund_at, m.refund_at)
      FROM moved m WHERE c.id = m.conversion_id
      RETURNING m.n
    )
    SELECT coalesce(sum(n), 0) AS n FROM updated`;
  return Number(row?.n ?? 0);
}
