import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { belongsTo, createdAt, id, requiredRef, tstz, updatedAt } from "./columns";
import { creators } from "./creators";
import { workspaces } from "./workspaces";

/**
 * - `draft`: created; its entries are set aside (stamped) but nothing was sent; it can be cancelled.
 * - `processing`: the brand sent the money (an export was uploaded to PayPal, a bank run started).
 * - `paid`: every item that did not fail was paid.
 * - `cancelled`: a draft given up; its entries were released back to payable.
 */
export const payoutStatus = pgEnum("payout_status", ["draft", "processing", "paid", "cancelled"]);
/** An item is `pending` until its payout is marked paid; `failed` (with a reason) or `cancelled` release its entries. */
export const payoutItemStatus = pgEnum("payout_item_status", ["pending", "paid", "failed", "cancelled"]);

/**
 * One payment run of a workspace in one currency (lib/payouts). `number` is the brand's sequence
 * (P-0001, P-0002, …). At most one run per (workspace, currency) is in progress (draft or
 * processing): a unique partial index, so two admins starting a run at once get one payout.
 */
export const payouts = pgTable(
  "payouts",
  {
    id: id("payout"),
    workspaceId: belongsTo(() => workspaces.id),
    number: integer().notNull(),
    currency: text().notNull(),
    status: payoutStatus().notNull().default("draft"),
    /** Entries payable at this instant were included. */
    cutoffAt: tstz().notNull(),
    /** Creators whose payable balance was not above this were left for a later run. */
    minimumAmountCents: bigint({ mode: "number" }).notNull().default(0),
    /** Sum of the items that did not fail or get cancelled. */
    totalCents: bigint({ mode: "number" }).notNull().default(0),
    itemsCount: integer().notNull().default(0),
    entriesCount: integer().notNull().default(0),
    /** The brand's reference for the whole payment (a PayPal batch id, a bank transfer reference). */
    reference: text(),
    createdByUserId: text(),
    processingAt: tstz(),
    paidAt: tstz(),
    cancelledAt: tstz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // payouts page: WHERE workspace_id = $1 ORDER BY number DESC; and the sequence itself
    uniqueIndex("payouts_workspace_number_key").on(t.workspaceId, t.number),
    // one run in progress per currency
    uniqueIndex("payouts_in_progress_key")
      .on(t.workspaceId, t.currency)
      .where(sql`status IN ('draft', 'processing')`),
  ],
);

/** One creator's share of a payout: the sum of the ledger entries stamped with it. */
export const payoutItems = pgTable(
  "payout_items",
  {
    id: id("payoutItem"),
    workspaceId: belongsTo(() => workspaces.id),
    payoutId: belongsTo(() => payouts.id),
    creatorId: requiredRef(() => creators.id),
    currency: text().notNull(),
    /** Commission of the stamped entries, clawbacks netted: always above zero. */
    amountCents: bigint({ mode: "number" }).notNull(),
    entriesCount: integer().notNull(),
    ordersCount: integer().notNull(),
    /** The first and last day of the entries it pays. */
    periodStart: tstz().notNull(),
    periodEnd: tstz().notNull(),
    status: payoutItemStatus().notNull().default("pending"),
    reference: text(),
    failureReason: text(),
    paidAt: tstz(),
    failedAt: tstz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // one item per creator in a payout; the payout page lists them
    uniqueIndex("payout_items_payout_creator_key").on(t.payoutId, t.creatorId),
    // creator portal and balance: WHERE workspace_id = $1 AND creator_id = $2; creator's history across brands
    index("payout_items_creator_idx").on(t.creatorId, t.createdAt),
    check("payout_items_amount_positive", sql`${t.amountCents} > 0`),
  ],
);

/**
 * Which ledger entries a payout item pays: every paid cent is tied to its entries. The ledger stays
 * append-only; a stamp is released (never deleted) when its item fails or its payout is cancelled,
 * and the partial unique index makes it impossible for an entry to be in two live items.
 *
 * No foreign keys, on purpose: a run stamps up to a million entries in one statement, and per-row
 * foreign-key checks made that 3–6× slower (measured: 184k stamps in 15 s with them, ~3 s without).
 * Stamps are written only by lib/payouts/create-payout.ts, from a join on the items it has just
 * inserted and the ledger entries it read, in the same transaction.
 */
export const payoutItemEntries = pgTable(
  "payout_item_entries",
  {
    payoutItemId: text().notNull(),
    ledgerEntryId: text().notNull(),
    workspaceId: text().notNull(),
    releasedAt: tstz(),
  },
  (t) => [
    // an item's entries (its lines, exports, releasing them)
    index("payout_item_entries_item_idx").on(t.payoutItemId),
    // THE constraint: an entry is in at most one live payout item. Also serves "is this entry stamped?"
    uniqueIndex("payout_item_entries_live_entry_key").on(t.ledgerEntryId).where(sql`released_at IS NULL`),
  ],
);

/**
 * A creator's net commission with one workspace in one currency: the sum of every ledger entry's
 * `commission_cents`, kept by the `ledger_entries_balances` trigger (db/sql/ledger-entries-payouts.sql)
 * in the statement that inserts the entries, so it can never disagree with the ledger. Balances read
 * it instead of summing a million entries: `in_payouts` and `paid` are sums of payout items, `pending`
 * is the short tail of entries still inside the hold, and `payable` is what is left
 * (lib/payouts/get-balances.ts). Nothing else writes it.
 */
export const creatorBalances = pgTable(
  "creator_balances",
  {
    workspaceId: belongsTo(() => workspaces.id),
    creatorId: text().notNull(),
    currency: text().notNull(),
    netCents: bigint({ mode: "number" }).notNull().default(0),
    entriesCount: bigint({ mode: "number" }).notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    // a workspace's balances (liability, payout runs)
    primaryKey({ columns: [t.workspaceId, t.creatorId, t.currency] }),
    // the creator portal: one creator across brands
    index("creator_balances_creator_idx").on(t.creatorId),
  ],
);

export const payoutRunStatus = pgEnum("payout_run_status", ["running", "done", "failed"]);

/**
 * A payout run a brand started in the portal, done in the background (lib/payouts/payout-runs.ts):
 * the progress the page polls ("312 of 500 creators"), then the payout it made or why it made none.
 * Progress is written outside the run's transaction (the payout itself appears all at once or not at
 * all); `done` and the payout are committed together. At most one run per (workspace, currency) is
 * running: a unique partial index, so a second start is a 409. `updated_at` is the heartbeat: a run
 * whose process died stops beating and is marked failed when it is next looked at.
 */
export const payoutRuns = pgTable(
  "payout_runs",
  {
    id: id("payoutRun"),
    workspaceId: belongsTo(() => workspaces.id),
    currency: text().notNull(),
    status: payoutRunStatus().notNull().default("running"),
    cutoffAt: tstz().notNull(),
    minimumAmountCents: bigint({ mode: "number" }).notNull().default(0),
    /** Creators with a payable balance above the minimum at the cutoff (0 until counted). */
    creatorsTotal: integer().notNull().default(0),
    creatorsDone: integer().notNull().default(0),
    payoutId: text(),
    /** Why it made no payout, in words a brand can act on. */
    error: text(),
    createdByUserId: text(),
    finishedAt: tstz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // one run at a time per currency
    uniqueIndex("payout_runs_running_key")
      .on(t.workspaceId, t.currency)
      .where(sql`status = 'running'`),
    // the payouts page: the workspace's latest runs
    index("payout_runs_workspace_created_idx").on(t.workspaceId, t.createdAt),
  ],
);
