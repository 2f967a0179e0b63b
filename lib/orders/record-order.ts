import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderLines, orders } from "@/db/schema";
import { toMinorUnits } from "@/lib/money";
import { checkoutCodes, type TLineItem, type TOrderPayload } from "@/lib/shopify/payloads";
import { PAID_FINANCIAL_STATUSES, paymentState } from "@/lib/ledger/payment-state";

export type OrderFacts = typeof orders.$inferInsert;
export type OrderLineFacts = Omit<typeof orderLines.$inferInsert, "workspaceId" | "orderId">;

/** One REST line item → Tally's line facts (money in minor units of the shop currency). */
export function orderLineFacts(line: TLineItem, position: number, currency: string): OrderLineFacts {
  const minor = (set: { shop_money: { amount: string } } | undefined, plain: string | undefined) =>
    set ? toMinorUnits(set.shop_money.amount, currency) : plain !== undefined ? toMinorUnits(plain, currency) : 0;
  const allocations = line.discount_allocations.map((a) => ({ applicationIndex: a.discount_application_index ?? -1, amountCents: minor(a.amount_set, a.amount) }));
  return {
    shopifyLineItemId: line.id,
    position,
    productId: line.product_id ?? null,
    variantId: line.variant_id ?? null,
    title: line.title ?? line.name ?? "",
    variantTitle: line.variant_title || null,
    vendor: line.vendor || null,
    sku: line.sku || null,
    quantity: line.quantity,
    currentQuantity: line.current_quantity ?? null,
    priceCents: minor(line.price_set, line.price),
    discountCents: allocations.reduce((s, a) => s + a.amountCents, 0),
    discountAllocations: allocations,
    taxCents: line.tax_lines.reduce((s, t) => s + minor(t.price_set, t.price), 0),
    giftCard: line.gift_card ?? false,
    taxable: line.taxable ?? true,
  };
}

/** Shopify's order payload → Tally's order facts, in integer minor units of the shop currency. */
export function orderFacts(input: { workspaceId: string; shopId: string; order: TOrderPayload }): OrderFacts & { lines: OrderLineFacts[] } {
  const { order } = input;
  const currency = order.current_subtotal_price_set.shop_money.currency_code;
  const money = (set: { shop_money: { amount: string } } | undefined) => (set ? toMinorUnits(set.shop_money.amount, currency) : 0);
  const lines = order.line_items.map((line, i) => orderLineFacts(line, i, currency));
  const lineItemsTax = lines.reduce((sum, l) => sum + (l.taxCents ?? 0), 0);
  const refundedInPayload = order.refunds.reduce(
    (sum, refund) => sum + refund.refund_line_items.reduce((s, l) => s + toMinorUnits(l.subtotal_set.shop_money.amount, currency), 0),
    0,
  );
  const currentSubtotal = money(order.current_subtotal_price_set);
  const firstLast = [order.customer?.first_name, order.customer?.last_name].filter(Boolean).join(" ");
  const createdAt = new Date(order.created_at);
  const processedAt = order.processed_at ? new Date(order.processed_at) : createdAt;
  return {
    workspaceId: input.workspaceId,
    shopId: input.shopId,
    shopifyOrderId: order.id,
    name: order.name,
    email: (order.email || order.contact_email || order.customer?.email || null)?.trim().toLowerCase() ?? null,
    shopifyCustomerId: order.customer?.id ?? null,
    customerName: firstLast || null,
    currency,
    subtotalCents: currentSubtotal + refundedInPayload,
    currentSubtotalCents: currentSubtotal,
    totalDiscountsCents: money(order.current_total_discounts_set ?? order.total_discounts_set),
    totalTaxCents: money(order.current_total_tax_set ?? order.total_tax_set),
    lineItemsTaxCents: lineItemsTax,
    totalPriceCents: money(order.current_total_price_set ?? order.total_price_set),
    taxesIncluded: order.taxes_included,
    discountCodes: checkoutCodes(order),
    landingSite: order.landing_site ?? null,
    referringSite: order.referring_site ?? null,
    noteAttributes: order.note_attributes.map((n) => ({ name: n.name, value: n.value })),
    financialStatus: order.financial_status ?? null,
    test: order.test,
    cancelledAt: order.cancelled_at ? new Date(order.cancelled_at) : null,
    processedAt,
    // Paid from the start: paid when processed. Paid later: set by recordOrder from the first paid version seen.
    paidAt: paymentState(order.financial_status).state === "paid" ? processedAt : null,
    linesRecorded: true,
    shopifyCreatedAt: createdAt,
    shopifyUpdatedAt: new Date(order.updated_at),
    lines,
  };
}

const PAID_SQL = sql.raw(`(${PAID_FINANCIAL_STATUSES.map((s) => `'${s}'`).join(", ")})`);

/**
 * Records an order idempotently by Shopify's order id, with its line items (replaced as a whole).
 * A payload older than what is stored (`updated_at` below the high-water mark; Shopify does not
 * order deliveries) changes nothing. Personal data stays erased once an order has been redacted.
 * `paid_at` is set once: `processed_at` for an order first seen paid, otherwise the `updated_at` of
 * the first version that says paid.
 */
export async function recordOrder(
  db: Db,
  input: { workspaceId: string; shopId: string; order: TOrderPayload },
): Promise<{ id: string; applied: boolean }> {
  const { lines, ...facts } = orderFacts(input);
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  const [row] = await db
    .insert(orders)
    .values(facts)
    .onConflictDoUpdate({
      target: [orders.workspaceId, orders.shopifyOrderId],
      set: {
        name: excluded("name"),
        email: sql`CASE WHEN ${orders.redactedAt} IS NULL THEN ${excluded("email")} END`,
        shopifyCustomerId: excluded("shopify_customer_id"),
        customerName: sql`CASE WHEN ${orders.redactedAt} IS NULL THEN ${excluded("customer_name")} END`,
        subtotalCents: excluded("subtotal_cents"),
        currentSubtotalCents: excluded("current_subtotal_cents"),
        totalDiscountsCents: excluded("total_discounts_cents"),
        totalTaxCents: excluded("total_tax_cents"),
        lineItemsTaxCents: excluded("line_items_tax_cents"),
        totalPriceCents: excluded("total_price_cents"),
        taxesIncluded: excluded("taxes_included"),
        discountCodes: excluded("discount_codes"),
        landingSite: excluded("landing_site"),
        referringSite: excluded("referring_site"),
        noteAttributes: excluded("note_attributes"),
        financialStatus: excluded("financial_status"),
        test: excluded("test"),
        cancelledAt: sql`COALESCE(${excluded("cancelled_at")}, ${orders.cancelledAt})`,
        processedAt: excluded("processed_at"),
        paidAt: sql`COALESCE(${orders.paidAt}, CASE WHEN ${excluded("financial_status")} IN ${PAID_SQL} THEN ${excluded("shopify_updated_at")} END)`,
        linesRecorded: sql`true`,
        shopifyUpdatedAt: excluded("shopify_updated_at"),
        updatedAt: new Date(),
      },
      setWhere: sql`${orders.shopifyUpdatedAt} <= ${excluded("shopify_updated_at")}`,
    })
    .returning({ id: orders.id });
  if (!row) return { id: "", applied: false };
  await db.delete(orderLines).where(eq(orderLines.orderId, row.id));
  if (lines.length > 0) await db.insert(orderLines).values(lines.map((l) => ({ ...l, workspaceId: input.workspaceId, orderId: row.id })));
  return { id: row.id, applied: true };
}
