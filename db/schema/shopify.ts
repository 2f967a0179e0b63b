import { sql } from "drizzle-orm";
import { bigint, boolean, check, customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, uniqueIndex } from "drizzle-orm/pg-core";
import { belongsTo, createdAt, id, tstz, updatedAt } from "./columns";
import { users } from "./auth";
import { workspaces } from "./workspaces";

export const shopStatus = pgEnum("shop_status", ["connected", "disconnected"]);
export const shopInstallKind = pgEnum("shop_install_kind", ["oauth", "custom_app"]);

/**
 * The Shopify store connected to a workspace. A domain belongs to one workspace for ever (its orders
 * are that workspace's data); a workspace has at most one connected shop. Tokens are encrypted at rest
 * (AES-256-GCM with ENCRYPTION_KEY): `*_enc` columns hold `v1:iv:tag:ciphertext`.
 */
export const shops = pgTable(
  "shops",
  {
    id: id("shop"),
    workspaceId: belongsTo(() => workspaces.id),
    domain: text().notNull(),
    name: text(),
    currency: text(),
    /** The store's IANA time zone (Shopify `shop.ianaTimezone`), read at connect time: new campaigns default to it, dates are shown in it. */
    ianaTimezone: text(),
    status: shopStatus().notNull().default("connected"),
    installKind: shopInstallKind().notNull(),
    scopes: text(),
    accessTokenEnc: text(),
    accessTokenExpiresAt: tstz(),
    refreshTokenEnc: text(),
    refreshTokenExpiresAt: tstz(),
    /** Custom-app installs sign webhooks with their own secret; null → the app's SHOPIFY_API_SECRET. */
    webhookSecretEnc: text(),
    webhooksRegisteredAt: tstz(),
    webhookRegistrationError: text(),
    connectedAt: tstz(),
    disconnectedAt: tstz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // webhook intake and OAuth callback: WHERE domain = $1
    uniqueIndex("shops_domain_key").on(t.domain),
    // settings page and every Admin API call: the connected shop of a workspace
    uniqueIndex("shops_workspace_connected_key").on(t.workspaceId).where(sql`status = 'connected'`),
    index("shops_workspace_id_idx").on(t.workspaceId),
  ],
);

/** A started OAuth install: which workspace and member asked for it. One use, ten minutes. */
export const shopifyOauthStates = pgTable(
  "shopify_oauth_states",
  {
    state: text().primaryKey(),
    workspaceId: belongsTo(() => workspaces.id),
    userId: belongsTo(() => users.id),
    shopDomain: text().notNull(),
    expiresAt: tstz().notNull(),
    usedAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [index("shopify_oauth_states_workspace_id_idx").on(t.workspaceId)],
);

export const deliveryStatus = pgEnum("delivery_status", ["received", "processing", "processed", "failed", "ignored"]);

/** Postgres `bytea`, read and written as a Buffer (postgres.js and PGlite both map it). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/**
 * One Shopify webhook delivery exactly as received. Unique on (shop domain, X-Shopify-Webhook-Id):
 * Shopify's retries and duplicates land on the same row. `workspace_id` is null for unknown shops
 * (recorded as ignored).
 *
 * The body is kept byte for byte: as `raw_body` (text) when its bytes are UTF-8 that Postgres text
 * can hold (no NUL), which is every body Shopify sends; otherwise as `raw_body_bytes` (bytea), so a
 * hostile body is still recorded, acknowledged and then failed with its reason — never a 5xx.
 * Exactly one of the two is set (lib/webhooks/stored-body.ts reads either).
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id("delivery"),
    workspaceId: text().references(() => workspaces.id, { onDelete: "cascade" }),
    shopDomain: text().notNull(),
    webhookId: text().notNull(),
    topic: text().notNull(),
    eventId: text(),
    apiVersion: text(),
    triggeredAt: tstz(),
    headers: jsonb().$type<Record<string, string>>().notNull(),
    rawBody: text(),
    rawBodyBytes: bytea(),
    status: deliveryStatus().notNull().default("received"),
    /**
     * Processing order (lib/jobs/delivery-worker.ts): 0 = refunds, cancellations, uninstalls and
     * privacy requests, claimed before 1 = new and updated orders, so a refund never waits behind a
     * backlog of orders. Set at intake from the topic (lib/webhooks/topics.ts).
     */
    priority: smallint().notNull().default(1),
    /**
     * A worker's claim (status `processing`): who holds it and until when. A claim that expires
     * (a worker killed mid-job) is handed back to `received` and runs again; the worker's own
     * transaction commits only while its claim is still its own, so the job takes effect once.
     */
    claimedBy: text(),
    claimedUntil: tstz(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /**
     * A failed delivery's next automatic retry (backoff, lib/webhooks/retry-policy.ts); null when it
     * is parked: a permanent failure, or out of attempts. Parked deliveries wait for a person's Retry.
     */
    retryAt: tstz(),
    /** When the delivery first failed in its current run of failures (cleared once it is processed). */
    failingSince: tstz(),
    receivedAt: tstz().notNull().defaultNow(),
    processedAt: tstz(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // intake idempotency: INSERT … ON CONFLICT (shop_domain, webhook_id) DO NOTHING
    uniqueIndex("webhook_deliveries_shop_webhook_key").on(t.shopDomain, t.webhookId),
    // deliveries page: WHERE workspace_id = $1 ORDER BY received_at DESC (optionally by status/topic)
    index("webhook_deliveries_workspace_received_idx").on(t.workspaceId, t.receivedAt.desc()),
    // worker claim: the next received delivery, urgent lane first, oldest first (FOR UPDATE SKIP LOCKED)
    index("webhook_deliveries_ready_idx").on(t.priority, t.receivedAt).where(sql`status = 'received'`),
    // worker rescue: claims that expired (a killed worker)
    index("webhook_deliveries_claim_idx").on(t.claimedUntil).where(sql`status = 'processing'`),
    // sweeper: deliveries still waiting or failed, oldest first (small partial index)
    index("webhook_deliveries_pending_idx").on(t.receivedAt).where(sql`status IN ('received', 'processing', 'failed')`),
    // sweeper: failed deliveries whose retry is due
    index("webhook_deliveries_retry_idx").on(t.retryAt).where(sql`status = 'failed' AND retry_at IS NOT NULL`),
    // deliveries page and overview: a workspace's failed deliveries, and how long they have been failing
    index("webhook_deliveries_workspace_failing_idx").on(t.workspaceId, t.failingSince).where(sql`status = 'failed'`),
    check("webhook_deliveries_one_body", sql`(raw_body IS NULL) <> (raw_body_bytes IS NULL)`),
  ],
);

/**
 * Shopify's order facts, stored idempotently by Shopify's order id. Money in integer minor units of
 * the shop currency (`shop_money`). `shopify_updated_at` is the high-water mark: an older
 * `orders/updated` never overwrites a newer one. Personal data (email, customer) is erased by
 * `customers/redact` / `shop/redact` (`redacted_at`), amounts are kept.
 */
export const orders = pgTable(
  "orders",
  {
    id: id("order"),
    workspaceId: belongsTo(() => workspaces.id),
    shopId: belongsTo(() => shops.id),
    shopifyOrderId: bigint({ mode: "number" }).notNull(),
    name: text().notNull(),
    email: text(),
    shopifyCustomerId: bigint({ mode: "number" }),
    customerName: text(),
    currency: text().notNull(),
    /**
     * The order's merchandise after all discounts, without shipping, tax, tips — before refunds:
     * current_subtotal_price_set.shop_money plus the refunds embedded in the same payload (Shopify's
     * `current_*` fields already net out refunds; Tally reverses refunds as their own facts). Follows
     * order edits.
     */
    subtotalCents: bigint({ mode: "number" }).notNull(),
    /** current_subtotal_price_set.shop_money exactly as last received (net of refunds). */
    currentSubtotalCents: bigint({ mode: "number" }).notNull().default(0),
    totalDiscountsCents: bigint({ mode: "number" }).notNull(),
    totalTaxCents: bigint({ mode: "number" }).notNull(),
    /** Sum of line_items[].tax_lines (shop money): inside the subtotal when taxes_included is true. */
    lineItemsTaxCents: bigint({ mode: "number" }).notNull().default(0),
    totalPriceCents: bigint({ mode: "number" }).notNull(),
    taxesIncluded: boolean().notNull().default(false),
    /** Codes from discount_applications[type=discount_code], as typed at checkout. */
    discountCodes: jsonb().$type<string[]>().notNull().default([]),
    landingSite: text(),
    referringSite: text(),
    noteAttributes: jsonb().$type<{ name: string; value: string }[]>().notNull().default([]),
    /** Shopify's `financial_status` as last received (lib/orders/payment-state.ts reads it). */
    financialStatus: text(),
    /** A test order (Bogus Gateway, or a store in test mode): it never earns commission. */
    test: boolean().notNull().default(false),
    cancelledAt: tstz(),
    /** Shopify's `processed_at`: when the order was placed (imported orders: when it was processed). */
    processedAt: tstz(),
    /**
     * When the order became paid: `processed_at` when it was paid from the start, otherwise the
     * `updated_at` of the first version Tally saw paid. Null while unpaid. Payouts hold commission
     * for the return window after this time.
     */
    paidAt: tstz(),
    /** Whether `order_lines` hold this order's lines (false only for orders recorded before lines were stored). */
    linesRecorded: boolean().notNull().default(false),
    shopifyCreatedAt: tstz().notNull(),
    shopifyUpdatedAt: tstz().notNull(),
    redactedAt: tstz(),
    /** pending until the attribution engine has looked at it; then attributed or unattributed. */
    attributionStatus: text({ enum: ["pending", "attributed", "unattributed"] }).notNull().default("pending"),
    /** Why the order was (not) credited, as the engine explained it (lib/attribution). */
    attributionExplanation: jsonb().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // idempotent upsert and lookups by Shopify id: WHERE workspace_id = $1 AND shopify_order_id = $2
    uniqueIndex("orders_workspace_shopify_order_key").on(t.workspaceId, t.shopifyOrderId),
    // orders page: WHERE workspace_id = $1 ORDER BY shopify_created_at DESC
    index("orders_workspace_created_idx").on(t.workspaceId, t.shopifyCreatedAt.desc()),
    // customers/redact and data requests: WHERE workspace_id = $1 AND (shopify_customer_id = $2 OR email = $3)
    index("orders_workspace_customer_idx").on(t.workspaceId, t.shopifyCustomerId),
    index("orders_workspace_email_idx").on(t.workspaceId, t.email),
  ],
);

export type TDiscountAllocation = { applicationIndex: number; amountCents: number };

/**
 * An order's line items as Shopify last stated them (replaced with each newer version of the order,
 * by webhooks, the backfill and reconciliation alike). Money in integer minor units of the shop
 * currency: `price_cents` per unit, `discount_cents` the sum of the line's discount allocations,
 * `tax_cents` the sum of its tax lines. What earns commission is decided from them
 * (lib/ledger/commissionable-amount.ts: gift cards never do); per-product commission rules will too.
 */
export const orderLines = pgTable(
  "order_lines",
  {
    workspaceId: belongsTo(() => workspaces.id),
    orderId: belongsTo(() => orders.id),
    shopifyLineItemId: bigint({ mode: "number" }).notNull(),
    /** Position in the order's `line_items` (0-based). */
    position: integer().notNull(),
    productId: bigint({ mode: "number" }),
    variantId: bigint({ mode: "number" }),
    title: text().notNull(),
    variantTitle: text(),
    /** The line's vendor as the order states it (commission rules can exclude or rate vendors). */
    vendor: text(),
    sku: text(),
    quantity: integer().notNull(),
    /** Shopify's `current_quantity` (after refunds and removals), when stated. */
    currentQuantity: integer(),
    priceCents: bigint({ mode: "number" }).notNull(),
    discountCents: bigint({ mode: "number" }).notNull().default(0),
    discountAllocations: jsonb().$type<TDiscountAllocation[]>().notNull().default([]),
    taxCents: bigint({ mode: "number" }).notNull().default(0),
    giftCard: boolean().notNull().default(false),
    taxable: boolean().notNull().default(true),
  },
  (t) => [
    // an order's lines: WHERE order_id = $1 ORDER BY position (replaced as a whole on each newer version)
    primaryKey({ columns: [t.orderId, t.shopifyLineItemId] }),
    index("order_lines_workspace_idx").on(t.workspaceId),
  ],
);

export type TRefundLine = { lineItemId: number | null; quantity: number | null; subtotalCents: number; taxCents: number; giftCard: boolean | null };

/**
 * Shopify's refund facts, idempotent by Shopify's refund id. `subtotal_cents` is the sum of
 * refund_line_items[].subtotal_set.shop_money (net of discounts, without tax); shipping refunds are
 * kept apart in `shipping_cents`. A refund may arrive before its order: it has no FK to orders.
 */
export const refunds = pgTable(
  "refunds",
  {
    id: id("refund"),
    workspaceId: belongsTo(() => workspaces.id),
    shopId: belongsTo(() => shops.id),
    shopifyRefundId: bigint({ mode: "number" }).notNull(),
    shopifyOrderId: bigint({ mode: "number" }).notNull(),
    currency: text().notNull(),
    subtotalCents: bigint({ mode: "number" }).notNull(),
    taxCents: bigint({ mode: "number" }).notNull().default(0),
    shippingCents: bigint({ mode: "number" }).notNull().default(0),
    /** The refunded lines (which line, how many, its merchandise and tax): a gift card's refund reverses nothing. Empty for refunds recorded before lines were kept. */
    lines: jsonb().$type<TRefundLine[]>().notNull().default([]),
    note: text(),
    shopifyCreatedAt: tstz().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // idempotency: INSERT … ON CONFLICT (workspace_id, shopify_refund_id) DO NOTHING
    uniqueIndex("refunds_workspace_shopify_refund_key").on(t.workspaceId, t.shopifyRefundId),
    // an order's refunds: WHERE workspace_id = $1 AND shopify_order_id = $2
    index("refunds_workspace_order_idx").on(t.workspaceId, t.shopifyOrderId),
  ],
);

export const privacyRequestTopic = pgEnum("privacy_request_topic", ["customers/data_request", "customers/redact", "shop/redact"]);

/** Shopify's privacy requests and what Tally did about them (the export for a data request). */
export const privacyRequests = pgTable(
  "privacy_requests",
  {
    id: id("privacyRequest"),
    workspaceId: belongsTo(() => workspaces.id),
    deliveryId: text().notNull(),
    topic: privacyRequestTopic().notNull(),
    shopifyCustomerId: bigint({ mode: "number" }),
    customerEmail: text(),
    ordersAffected: integer().notNull().default(0),
    /** For customers/data_request: the customer's stored data, for the brand to send on. */
    export: jsonb().$type<Record<string, unknown>>(),
    completedAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("privacy_requests_delivery_key").on(t.deliveryId),
    index("privacy_requests_workspace_created_idx").on(t.workspaceId, t.createdAt.desc()),
  ],
);
