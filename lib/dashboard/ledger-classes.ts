import { sql } from "drizzle-orm";
import { ORDERS_DELTA, REFUND_ENTRY } from "@/lib/ledger/kinds";

/**
 * Which ledger entries (aliased `e`) are refunds for the dashboard, and how each moves the order
 * count, by the entry's kind (lib/ledger/kinds.ts). The `ledger_entries_rollup` trigger
 * (db/sql/ledger-entries-rollup.sql) applies the same rule.
 */
export { ORDERS_DELTA, REFUND_ENTRY };

/** Orders (sales, less orders taken out as ineligible) of entries `e`. */
export const ENTRY_ORDERS = sql`coalesce(sum(${ORDERS_DELTA}), 0)`;

/** Gross, refunds (positive), commission and reversed commission (positive) of entries `e`. */
export const ENTRY_SUMS = sql`
  coalesce(sum(e.amount_cents) FILTER (WHERE NOT ${REFUND_ENTRY}), 0) AS gross,
  coalesce(-sum(e.amount_cents) FILTER (WHERE ${REFUND_ENTRY}), 0) AS refund,
  coalesce(sum(e.commission_cents) FILTER (WHERE NOT ${REFUND_ENTRY}), 0) AS commission,
  coalesce(-sum(e.commission_cents) FILTER (WHERE ${REFUND_ENTRY}), 0) AS reversed`;

/** An entry's day in its campaign's time zone (campaigns aliased `cam`), as the rollups date it. */
export const ENTRY_DAY = sql.raw(`(e.occurred_at AT TIME ZONE cam.timezone)::date`);

/** Entries whose campaign-local day falls in [from, to] (either end open when null). */
export function entryDayWithin(range: { from: string | null; to: string | null }) {
  return sql`${range.from ? sql`AND ${ENTRY_DAY} >= ${range.from}::date` : sql``} ${range.to ? sql`AND ${ENTRY_DAY} <= ${range.to}::date` : sql``}`;
}
