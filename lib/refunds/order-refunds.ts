import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderLines, refunds } from "@/db/schema";

/** An order's recorded refunds in the order they are applied: by Shopify's time, then refund id. */
export function refundsOfOrder(db: Db, order: { workspaceId: string; shopifyOrderId: number }) {
  return db
    .select()
    .from(refunds)
    .where(and(eq(refunds.workspaceId, order.workspaceId), eq(refunds.shopifyOrderId, order.shopifyOrderId)))
    .orderBy(asc(refunds.shopifyCreatedAt), asc(refunds.shopifyRefundId));
}

/** The order's gift-card lines (Shopify line item ids): a gift card never earned, so its refund reverses nothing. */
export async function giftCardLineIds(db: Db, orderId: string): Promise<Set<number>> {
  const lines = await db
    .select({ id: orderLines.shopifyLineItemId })
    .from(orderLines)
    .where(and(eq(orderLines.orderId, orderId), eq(orderLines.giftCard, true)));
  return new Set(lines.map((l) => l.id));
}
