import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders } from "@/db/schema";
import { toMinorUnits } from "@/lib/money";
import { checkoutCodes, type TOrderPayload } from "@/lib/shopify/payloads";

export type OrderFacts = typeof orders.$inferInsert;

/** Shopify's order payload → Tally's order facts, in integer minor units of the shop currency. */
export function orderFacts(input: { workspaceId: string; shopId: string; order: TOrderPayload }): OrderFacts {
  const { order } = input;
  const currency = order.current_subtotal_price_set.shop_money.currency_code;
  const money = (set: { shop_money: { amount: string } } | undefined) => (set ? toMinorUnits(set.shop_money.amount, currency) : 0);
  const lineItemsTax = order.line_items.reduce(
    (sum, line) =>
      sum +
      line.tax_lines.reduce(
        (s, t) => s + (t.price_set ? toMinorUnits(t.price_set.shop_money.amount, currency) : t.price ? toMinorUnits(t.price, currency) : 0),
        0,
      ),
    0,
  );
  const refundedInPayload = order.refunds.reduce(
    (sum, refund) => sum + refund.refund_line_items.reduce((s, l) => s + toMinorUnits(l.subtotal_set.shop_money.amount, currency), 0),
    0,
  );
  const currentSubtotal = money(order.current_subtotal_price_set);
  const firstLast = [order.customer?.first_name, order.customer?.last_name].filter(Boolean).join(" ");
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
    shopifyCreatedAt: new Date(order.created_at),
    shopifyUpdatedAt: new Date(order.updated_at),
  };
}

/**
 * Records an order idempotently by Shopify's order id. A payload older than what is stored
 * (`updated_at` below the high-water mark; Shopify does not order deliveries) changes nothing.
 * Personal data stays erased once an order has been redacted.
 */
export async function recordOrder(
  db: Db,
  input: { workspaceId: string; shopId: string; order: TOrderPayload },
): Promise<{ id: string; applied: boolean }> {
  const facts = orderFacts(input);
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
        shopifyUpdatedAt: excluded("shopify_updated_at"),
        updatedAt: new Date(),
      },
      setWhere: sql`${orders.shopifyUpdatedAt} <= ${excluded("shopify_updated_at")}`,
    })
    .returning({ id: orders.id });
  return { id: row?.id ?? "", applied: Boolean(row) };
}
