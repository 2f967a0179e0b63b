import { sql } from "drizzle-orm";
import type { ledgerEntryKind } from "@/db/schema";

/**
 * What a ledger entry is, and which side of the figures it moves. One definition, read by the
 * append function (which totals of the conversion move), the dashboard's SQL (ledger-sums, CSV
 * exports, rollup rebuild) and the creator portal; the `ledger_entries_rollup` trigger
 * (db/sql/ledger-entries-rollup.sql) spells out the same lists.
 */
export type LedgerEntryKind = (typeof ledgerEntryKind.enumValues)[number];

/** Kinds that take money back (refund side): the conversion's refunded totals move. */
export const REFUND_SIDE_KINDS = ["refund", "cancellation", "rounding", "reconcile_refund", "ineligible_refund"] as const satisfies readonly LedgerEntryKind[];

/** Kinds that move the sale (gross side): the conversion's amount and commission move. */
export const SALE_SIDE_KINDS = ["sale", "edit", "status_change", "reconcile_amount", "ineligible", "rule_change"] as const satisfies readonly LedgerEntryKind[];

export type RefundSideKind = (typeof REFUND_SIDE_KINDS)[number];

export function isRefundSide(kind: LedgerEntryKind): kind is RefundSideKind {
  return (REFUND_SIDE_KINDS as readonly string[]).includes(kind);
}

/** How an entry moves the order count: a sale adds the order, `ineligible` takes it out of the figures. */
export function ordersDelta(kind: LedgerEntryKind): number {
  return kind === "sale" ? 1 : kind === "ineligible" ? -1 : 0;
}

const list = (kinds: readonly string[]) => kinds.map((k) => `'${k}'`).join(", ");

/** SQL: entries (aliased `e`) on the refund side. */
export const REFUND_ENTRY = sql.raw(`(e.kind IN (${list(REFUND_SIDE_KINDS)}))`);

/** SQL: an entry's (aliased `e`) effect on the order count. */
export const ORDERS_DELTA = sql.raw(`(CASE e.kind WHEN 'sale' THEN 1 WHEN 'ineligible' THEN -1 ELSE 0 END)`);
