import { sql, type SQL } from "drizzle-orm";

/**
 * When an entry's commission becomes payable: the one rule, as SQL over `ledger_entries e` and
 * `workspaces w` (every payouts query joins them under these names).
 *
 * - The entry is released `payout_hold_days` after `e.hold_from` — when its order was paid
 *   (`orders.paid_at`: Shopify's `processed_at` when paid from the start, else when it became paid),
 *   set on the entry by the `ledger_entries_derive` trigger as it is written — with the hold read from
 *   the workspace now, so that changing the hold applies to everything not yet in a payout.
 * - A positive entry (the sale, an edit up, an approval) is payable at the release.
 * - A negative entry (refund, cancellation, denial, correction) is never held: it is payable when it
 *   happened — except that it never comes before the release of the sale it takes back, so a refund
 *   inside the return window lowers the pending amount instead of making the payable one negative.
 *   After the sale was paid, that is the clawback deducted from the next payout.
 *
 * So an entry is still pending at `t` only if `hold_from > t - hold` or (a negative one) it happened
 * after `t`: the tail that balances sum, on `ledger_entries_creator_hold_idx` and
 * `ledger_entries_workspace_occurred_idx` (lib/payouts/get-balances.ts).
 */
const RELEASE = "(e.hold_from + make_interval(days => w.payout_hold_days))";

export const RELEASE_AT: SQL = sql.raw(RELEASE);

export const PAYABLE_AT: SQL = sql.raw(`(CASE WHEN e.commission_cents > 0 THEN ${RELEASE} ELSE GREATEST(e.occurred_at, ${RELEASE}) END)`);

/** The joins the two expressions read, from `ledger_entries e` (and the conversion as `c`). */
export const ENTRY_JOINS: SQL = sql.raw("JOIN conversions c ON c.id = e.conversion_id JOIN workspaces w ON w.id = e.workspace_id");

/** The live stamp of an entry (`s`, null when in no payout) and its item (`i`). */
export const STAMP_JOINS: SQL = sql.raw(
  "LEFT JOIN payout_item_entries s ON s.ledger_entry_id = e.id AND s.released_at IS NULL LEFT JOIN payout_items i ON i.id = s.payout_item_id",
);

/** The entry is in no live payout item. */
export const UNSTAMPED: SQL = sql.raw("NOT EXISTS (SELECT 1 FROM payout_item_entries s WHERE s.ledger_entry_id = e.id AND s.released_at IS NULL)");
