import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, creators, orders, refunds } from "@/db/schema";

/** Recorded orders of a workspace with their refunded merchandise, newest first. */
export async function listOrders(db: Db, input: { workspaceId: string; limit?: number }) {
  const refunded = db
    .select({
      shopifyOrderId: refunds.shopifyOrderId,
      refundedCents: sql<number>`sum(${refunds.subtotalCents})::bigint`.as("refunded_cents"),
      refundCount: sql<number>`count(*)::int`.as("refund_count"),
    })
    .from(refunds)
    .where(eq(refunds.workspaceId, input.workspaceId))
    .groupBy(refunds.shopifyOrderId)
    .as("refunded");
  const rows = await db
    .select({
      id: orders.id,
      name: orders.name,
      shopifyOrderId: orders.shopifyOrderId,
      email: orders.email,
      currency: orders.currency,
      subtotalCents: orders.subtotalCents,
      totalPriceCents: orders.totalPriceCents,
      discountCodes: orders.discountCodes,
      cancelledAt: orders.cancelledAt,
      financialStatus: orders.financialStatus,
      test: orders.test,
      createdAt: orders.shopifyCreatedAt,
      redactedAt: orders.redactedAt,
      refundedCents: refunded.refundedCents,
      refundCount: refunded.refundCount,
      attributionStatus: orders.attributionStatus,
      creditedTo: creators.fullName,
    })
    .from(orders)
    .leftJoin(refunded, eq(refunded.shopifyOrderId, orders.shopifyOrderId))
    .leftJoin(conversions, and(eq(conversions.workspaceId, orders.workspaceId), eq(conversions.orderId, orders.id)))
    .leftJoin(creators, eq(creators.id, conversions.creatorId))
    .where(and(eq(orders.workspaceId, input.workspaceId)))
    .orderBy(desc(orders.shopifyCreatedAt))
    .limit(input.limit ?? 100);
  return rows.map((r) => ({ ...r, refundedCents: Number(r.refundedCents ?? 0), refundCount: r.refundCount ?? 0 }));
}
