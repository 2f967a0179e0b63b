import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { belongsTo, createdAt, id, requiredRef, tstz, updatedAt } from "./columns";
import { campaigns, clicks, discountCodes, enrollments } from "./campaigns";
import { creators } from "./creators";
import { orders, shops } from "./shopify";
import { workspaces } from "./workspaces";

export const conversionType = pgEnum("conversion_type", ["coupon", "link"]);
/**
 * - `pending`: the order is not paid yet (Shopify's `financial_status` pending, authorized,
 *   partially_paid, or one Tally does not know). Nothing is earned: no ledger entry; the commission
 *   it will earn once paid is kept apart in `pending_*_cents` ("awaiting payment").
 * - `approved` / `flagged` / `denied`: paid; the rules' verdict (self-referral, new creator, a
 *   brand's review). Denied earns no commission but its sale counts.
 * - `reversed`: earned, then all of it taken back by refunds or a cancellation.
 * - `voided`: never paid (payment voided, or the unpaid order cancelled): nothing was ever earned.
 * A status that never earned (pending, denied, voided) never becomes `reversed`.
 */
export const conversionStatus = pgEnum("conversion_status", ["approved", "flagged", "denied", "reversed", "pending", "voided"]);

/**
 * The one attribution of an order to a creator. Unique on (workspace, Shopify order id): two
 * conversions for one order are impossible. Money facts are the ledger's; the `*_cents` totals here
 * are a rollup maintained in the same transaction as each ledger entry (sums of `ledger_entries`),
 * moved only by `lib/ledger/append-ledger-entry.ts`. `pending_*_cents` are not ledger money: what a
 * `pending` conversion will earn once its order is paid (0 otherwise), rolled up per campaign and
 * creator by the `conversions_pending_rollup` trigger (db/sql/conversions-pending-rollup.sql).
 */
export const conversions = pgTable(
  "conversions",
  {
    id: id("conversion"),
    workspaceId: belongsTo(() => workspaces.id),
    shopId: requiredRef(() => shops.id),
    orderId: requiredRef(() => orders.id),
    shopifyOrderId: bigint({ mode: "number" }).notNull(),
    orderName: text().notNull(),
    orderCreatedAt: tstz().notNull(),
    campaignId: requiredRef(() => campaigns.id),
    creatorId: requiredRef(() => creators.id),
    enrollmentId: requiredRef(() => enrollments.id),
    codeId: text().references(() => discountCodes.id),
    clickId: text().references(() => clicks.id),
    type: conversionType().notNull(),
    code: text(),
    status: conversionStatus().notNull(),
    currency: text().notNull(),
    commissionRateBps: integer().notNull(),
    /** Attributed amount at order time (discounted subtotal without shipping and tax), edits included. */
    orderAmountCents: bigint({ mode: "number" }).notNull(),
    /** Commission earned on the sale (0 when denied), edits and status changes included. */
    commissionCents: bigint({ mode: "number" }).notNull(),
    /** Refunded merchandise and the commission reversed with it (positive numbers). */
    refundAmountCents: bigint({ mode: "number" }).notNull().default(0),
    refundedCommissionCents: bigint({ mode: "number" }).notNull().default(0),
    /** Time of the last refund, or null. */
    refundAt: tstz(),
    /** Awaiting payment: the order's commissionable amount and the commission it will earn once paid (0 unless `pending`). */
    pendingAmountCents: bigint({ mode: "number" }).notNull().default(0),
    pendingCommissionCents: bigint({ mode: "number" }).notNull().default(0),
    /**
     * A Shopify test order credited before Tally left test orders out (corrected by reconciliation):
     * it stays `denied` with nothing in the ledger and is left out of every creator-facing figure.
     * New test orders get no conversion at all.
     */
    testOrder: boolean().notNull().default(false),
    explanation: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // one conversion per order, ever
    uniqueIndex("conversions_workspace_order_key").on(t.workspaceId, t.shopifyOrderId),
    // API sync: WHERE workspace_id = $1 [AND updated_at >= $2] ORDER BY updated_at, id (keyset)
    index("conversions_workspace_updated_idx").on(t.workspaceId, t.updatedAt, t.id),
    // campaign and creator conversion pages: WHERE workspace_id = $1 AND campaign_id = $2 ORDER BY order_created_at DESC
    index("conversions_workspace_campaign_created_idx").on(t.workspaceId, t.campaignId, t.orderCreatedAt.desc()),
    index("conversions_workspace_creator_created_idx").on(t.workspaceId, t.creatorId, t.orderCreatedAt.desc()),
    // brand review queue (lib/attribution/list-conversion-queue.ts): WHERE workspace_id = $1
    // [AND order_created_at in a date range] [AND (order_created_at, id) < cursor]
    // ORDER BY order_created_at DESC, id DESC, read backwards; the same with status = $2 (the
    // flagged queue) and code = $2; totals of a filtered set read the same ranges.
    index("conversions_workspace_placed_idx").on(t.workspaceId, t.orderCreatedAt, t.id),
    index("conversions_workspace_status_placed_idx").on(t.workspaceId, t.status, t.orderCreatedAt, t.id),
    index("conversions_workspace_code_placed_idx").on(t.workspaceId, t.code, t.orderCreatedAt, t.id).where(sql`${t.code} is not null`),
    // creator portal: a creator's conversions across brands
    index("conversions_creator_created_idx").on(t.creatorId, t.orderCreatedAt.desc()),
    index("conversions_order_idx").on(t.orderId),
  ],
);

/**
 * What a ledger entry is (lib/ledger/kinds.ts says which side of the figures each kind moves):
 * - `sale`: the order earned (cause `sale`; `sale:paid` when earned again after a correction);
 * - `edit`: an order edited before any refund (`edit:{updated_at}`);
 * - `refund`: a refund's merchandise and its share of the commission (`refund:{shopify refund id}`);
 * - `cancellation`: what is left when the order is cancelled (`cancel`);
 * - `rounding`: the last cents of commission once fully refunded (`refund-rounding`);
 * - `status_change`: a brand admin approved or denied (`status:{audit id}`);
 * - `reconcile_amount` / `reconcile_refund`: reconciliation with Shopify (`reconcile:{run}:amount|refund`);
 * - `ineligible` / `ineligible_refund`: an order credited before Tally's eligibility rules (a test
 *   order; an unpaid or voided order) taken out of the figures, sale side and refund side
 *   (`ineligible:{reason}`, `ineligible:{reason}:refund`).
 * - `rule_change`: a commission-rule change applied to an order already credited (`rule_change:{run id}`).
 */
export const ledgerEntryKind = pgEnum("ledger_entry_kind", [
  "sale",
  "edit",
  "refund",
  "cancellation",
  "rounding",
  "status_change",
  "reconcile_amount",
  "reconcile_refund",
  "ineligible",
  "ineligible_refund",
  "rule_change",
]);

/**
 * Append-only money movements of a conversion. Never updated or deleted; written only by
 * `lib/ledger/` (one function appends an entry and moves the conversion's totals in the same
 * transaction). Unique on (conversion, cause key) so an event applies once; the cause key is only
 * that idempotency key — what an entry is, is its `kind`.
 *
 * The `ledger_entries_rollup` trigger keeps the dashboard rollups (db/schema/dashboard.ts) in the
 * same transaction; its current body is db/sql/ledger-entries-rollup.sql. The payouts triggers
 * (db/sql/ledger-entries-payouts.sql) fill `creator_id` and `hold_from` from the conversion and its
 * order as each entry is inserted, and keep `creator_balances` in the same statement.
 */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: id("ledgerEntry"),
    workspaceId: belongsTo(() => workspaces.id),
    conversionId: requiredRef(() => conversions.id),
    kind: ledgerEntryKind().notNull(),
    amountCents: bigint({ mode: "number" }).notNull(),
    commissionCents: bigint({ mode: "number" }).notNull(),
    currency: text().notNull(),
    causeKey: text().notNull(),
    /** The webhook delivery (or person, or job) that caused it, and why, in words. */
    deliveryId: text(),
    note: text(),
    occurredAt: tstz().notNull(),
    /**
     * Set by the `ledger_entries_derive` trigger on insert (writers never pass them): the conversion's
     * creator, and when the return-window hold counts from (the order's `paid_at`, else its
     * `processed_at`, else when it was created). An entry is payable `payout_hold_days` after
     * `hold_from` (lib/payouts/payable-at.ts).
     */
    creatorId: text(),
    holdFrom: tstz(),
    createdAt: createdAt(),
  },
  (t) => [
    // balances: what a creator holds that is not yet payable is a range of hold_from (the tail past
    // the cached net, lib/payouts/get-balances.ts); a payout run reads one creator's entries
    index("ledger_entries_creator_hold_idx").on(t.creatorId, t.holdFrom),
    // idempotency of every money movement
    uniqueIndex("ledger_entries_conversion_cause_key").on(t.conversionId, t.causeKey),
    // statements and reconciliation: WHERE workspace_id = $1 ORDER BY occurred_at
    index("ledger_entries_workspace_occurred_idx").on(t.workspaceId, t.occurredAt),
  ],
);

