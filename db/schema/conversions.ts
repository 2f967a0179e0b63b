import { bigint, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, tstz, updatedAt } from "./columns";
import { campaigns, clicks, discountCodes, enrollments } from "./campaigns";
import { creators } from "./creators";
import { orders, shops } from "./shopify";
import { workspaces } from "./workspaces";

export const conversionType = pgEnum("conversion_type", ["coupon", "link"]);
export const conversionStatus = pgEnum("conversion_status", ["approved", "flagged", "denied", "reversed"]);

/**
 * The one attribution of an order to a creator. Unique on (workspace, Shopify order id): two
 * conversions for one order are impossible. Money facts are the ledger's; the `*_cents` totals here
 * are a rollup maintained in the same transaction as each ledger entry (sums of `ledger_entries`).
 */
export const conversions = pgTable(
  "conversions",
  {
    id: id("conversion"),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    shopId: text()
      .notNull()
      .references(() => shops.id),
    orderId: text()
      .notNull()
      .references(() => orders.id),
    shopifyOrderId: bigint({ mode: "number" }).notNull(),
    orderName: text().notNull(),
    orderCreatedAt: tstz().notNull(),
    campaignId: text()
      .notNull()
      .references(() => campaigns.id),
    creatorId: text()
      .notNull()
      .references(() => creators.id),
    enrollmentId: text()
      .notNull()
      .references(() => enrollments.id),
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
    // creator portal: a creator's conversions across brands
    index("conversions_creator_created_idx").on(t.creatorId, t.orderCreatedAt.desc()),
    index("conversions_order_idx").on(t.orderId),
  ],
);

export const ledgerKind = pgEnum("ledger_kind", ["sale", "reversal", "adjustment"]);

/**
 * Append-only money movements of a conversion: the sale, each refund's reversal, adjustments (order
 * edits, status changes, reconciliation). Never updated or deleted. Unique on (conversion, cause key)
 * — `sale`, `refund:{id}`, `edit:{updated_at}`, `status:{audit id}` — so an event applies once.
 */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: id("ledgerEntry"),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversionId: text()
      .notNull()
      .references(() => conversions.id),
    kind: ledgerKind().notNull(),
    amountCents: bigint({ mode: "number" }).notNull(),
    commissionCents: bigint({ mode: "number" }).notNull(),
    currency: text().notNull(),
    causeKey: text().notNull(),
    /** The webhook delivery (or person, or job) that caused it, and why, in words. */
    deliveryId: text(),
    note: text(),
    occurredAt: tstz().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // idempotency of every money movement
    uniqueIndex("ledger_entries_conversion_cause_key").on(t.conversionId, t.causeKey),
    // statements and reconciliation: WHERE workspace_id = $1 ORDER BY occurred_at
    index("ledger_entries_workspace_occurred_idx").on(t.workspaceId, t.occurredAt),
  ],
);

