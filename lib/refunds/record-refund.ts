import type { Db } from "@/db/client";
import { and, eq } from "drizzle-orm";
import { orders, refunds } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { toDecimalString, toMinorUnits } from "@/lib/money";
import type { TRefundPayload } from "@/lib/shopify/payloads";

/**
 * Shopify's refund → Tally's refund facts. The refunded merchandise is the sum of
 * refund_line_items[].subtotal_set.shop_money (already net of discounts, without tax). Shipping is
 * kept apart: refund_shipping_lines, or — when absent — the shipping_refund order adjustments,
 * which are the same money again and never added on top. Each refunded line is kept (which line, its
 * merchandise and tax, whether it is a gift card) so that a gift card's refund reverses nothing.
 */
export function refundFacts(input: { workspaceId: string; shopId: string; refund: TRefundPayload; currency?: string }) {
  const { refund } = input;
  const currency =
    refund.refund_line_items[0]?.subtotal_set.shop_money.currency_code ??
    refund.refund_shipping_lines[0]?.subtotal_amount_set?.shop_money.currency_code ??
    refund.order_adjustments[0]?.amount_set?.shop_money.currency_code ??
    input.currency ??
    "USD";
  const sum = (amounts: (string | undefined)[]) => amounts.reduce((s, a) => s + (a ? toMinorUnits(a, currency) : 0), 0);
  const subtotal = sum(refund.refund_line_items.map((l) => l.subtotal_set.shop_money.amount));
  const tax = sum(refund.refund_line_items.map((l) => l.total_tax_set?.shop_money.amount));
  const shippingLines = sum(refund.refund_shipping_lines.map((l) => l.subtotal_amount_set?.shop_money.amount));
  const lines = refund.refund_line_items.map((l) => ({
    lineItemId: l.line_item_id ?? null,
    quantity: l.quantity ?? null,
    subtotalCents: toMinorUnits(l.subtotal_set.shop_money.amount, currency),
    taxCents: l.total_tax_set ? toMinorUnits(l.total_tax_set.shop_money.amount, currency) : 0,
    giftCard: typeof l.line_item?.gift_card === "boolean" ? l.line_item.gift_card : null,
  }));
  const shippingAdjustments = -sum(
    refund.order_adjustments.filter((a) => a.kind === "shipping_refund").map((a) => a.amount_set?.shop_money.amount),
  );
  return {
    workspaceId: input.workspaceId,
    shopId: input.shopId,
    shopifyRefundId: refund.id,
    shopifyOrderId: refund.order_id,
    currency,
    subtotalCents: subtotal,
    taxCents: tax,
    shippingCents: refund.refund_shipping_lines.length > 0 ? shippingLines : shippingAdjustments,
    lines,
    note: refund.note ?? null,
    shopifyCreatedAt: new Date(refund.created_at),
  };
}

/** Records a refund once by Shopify's refund id, however many times and ways it arrives. */
export async function recordRefund(
  db: Db,
  input: { workspaceId: string; shopId: string; refund: TRefundPayload },
): Promise<{ inserted: boolean }> {
  const facts = refundFacts(input);
  await assertRefundFitsOrder(db, facts);
  const [row] = await db
    .insert(refunds)
    .values(facts)
    .onConflictDoNothing({ target: [refunds.workspaceId, refunds.shopifyRefundId] })
    .returning({ id: refunds.id });
  return { inserted: Boolean(row) };
}

/**
 * A refund can never give back more merchandise than its whole order had: such a refund is
 * impossible, and is refused (validation error: the delivery fails once with this reason, and
 * nothing is reversed). Only the refund itself is compared, not its sum with the order's other
 * refunds: partial refunds, edits and restocks make that sum a matter for the reversal rules, which
 * never take back more than was credited. A refund that arrives before its order is not checked here.
 */
async function assertRefundFitsOrder(db: Db, facts: ReturnType<typeof refundFacts>) {
  const [order] = await db
    .select({ subtotalCents: orders.subtotalCents, currency: orders.currency })
    .from(orders)
    .where(and(eq(orders.workspaceId, facts.workspaceId), eq(orders.shopifyOrderId, facts.shopifyOrderId)))
    .limit(1);
  if (order && facts.subtotalCents > order.subtotalCents) {
    throw new AppError(
      "validation_failed",
      `Refund ${facts.shopifyRefundId} gives back ${toDecimalString(facts.subtotalCents, facts.currency)} ${facts.currency} of merchandise, more than the order had (${toDecimalString(order.subtotalCents, order.currency)} ${order.currency}).`,
    );
  }
}
