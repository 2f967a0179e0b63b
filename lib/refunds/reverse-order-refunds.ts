import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, ledgerEntries, orders, refunds } from "@/db/schema";

type Conversion = typeof conversions.$inferSelect;

/**
 * Reverses, on the order's conversion, every recorded refund of the order not reversed yet
 * (idempotent by refund id: cause `refund:{id}`), and — for a cancelled order — whatever is left
 * (`cancel`). Refunds recorded before the order was attributed are applied now: call this whenever
 * an order's conversion may have appeared or a refund was recorded.
 *
 * Amounts: the refund's merchandise (`refund_line_items[].subtotal_set`, net of discounts; its tax
 * removed when the shop's prices include tax), never more than what is left. Each refund reverses
 * its own share of the commission (commission × refunded ÷ order amount, rounded down): a share that
 * does not depend on the other refunds, so refunds arriving in any order, or twice, write the same
 * ledger, and the total reversed never exceeds what was earned. When the order is fully refunded, a
 * `refund-rounding` entry settles the cents the roundings left, so the net returns exactly to zero.
 * A denied conversion earned nothing, so nothing of its commission moves.
 */
export async function reverseOrderRefunds(
  db: Db,
  input: { workspaceId: string; shopifyOrderId: number; deliveryId?: string | null },
): Promise<{ reversed: number }> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    // Lock the conversion: concurrent refunds of one order apply one after another.
    const [conversion] = await tx
      .select()
      .from(conversions)
      .where(and(eq(conversions.workspaceId, input.workspaceId), eq(conversions.shopifyOrderId, input.shopifyOrderId)))
      .for("update");
    if (!conversion) return { reversed: 0 };
    const [order] = await tx.select().from(orders).where(eq(orders.id, conversion.orderId));
    const orderRefunds = await tx
      .select()
      .from(refunds)
      .where(and(eq(refunds.workspaceId, input.workspaceId), eq(refunds.shopifyOrderId, input.shopifyOrderId)))
      .orderBy(asc(refunds.shopifyCreatedAt), asc(refunds.shopifyRefundId));
    let c: Conversion = conversion;
    let reversed = 0;
    for (const refund of orderRefunds) {
      const merchandise = refund.subtotalCents - (order?.taxesIncluded ? refund.taxCents : 0);
      const next = await reverse(tx, c, { causeKey: `refund:${refund.shopifyRefundId}`, amount: merchandise, at: refund.shopifyCreatedAt, note: refund.note, deliveryId: input.deliveryId ?? null, isRefund: true });
      if (next) {
        c = next;
        reversed++;
      }
    }
    if (c.refundAmountCents >= c.orderAmountCents && c.refundedCommissionCents < c.commissionCents) {
      const settled = await settle(tx, c, input.deliveryId ?? null);
      if (settled) c = settled;
    }
    if (order?.cancelledAt) {
      const next = await reverse(tx, c, { causeKey: "cancel", amount: c.orderAmountCents - c.refundAmountCents, at: order.cancelledAt, note: "Order cancelled in Shopify.", deliveryId: input.deliveryId ?? null, isRefund: false });
      if (next) {
        c = next;
        reversed++;
      }
    }
    return { reversed };
  });
}

async function reverse(
  tx: Db,
  c: Conversion,
  e: { causeKey: string; amount: number; at: Date; note: string | null; deliveryId: string | null; isRefund: boolean },
): Promise<Conversion | null> {
  const remaining = c.orderAmountCents - c.refundAmountCents;
  const amount = Math.max(0, Math.min(e.amount, remaining));
  if (amount === 0) return null; // shipping-only refund, or nothing left: merchandise untouched
  const cumulative = c.refundAmountCents + amount;
  // Its own share, rounded down, in exact integer arithmetic (BigInt: the product can pass 2^53).
  const share = Number((BigInt(c.commissionCents) * BigInt(amount)) / BigInt(c.orderAmountCents));
  const commission = Math.max(0, Math.min(share, c.commissionCents - c.refundedCommissionCents));
  const [entry] = await tx
    .insert(ledgerEntries)
    .values({
      workspaceId: c.workspaceId,
      conversionId: c.id,
      kind: "reversal",
      amountCents: -amount,
      commissionCents: -commission,
      currency: c.currency,
      causeKey: e.causeKey,
      deliveryId: e.deliveryId,
      note: e.note,
      occurredAt: e.at,
    })
    .onConflictDoNothing({ target: [ledgerEntries.conversionId, ledgerEntries.causeKey] })
    .returning();
  if (!entry) return null;
  const full = cumulative >= c.orderAmountCents;
  const [updated] = await tx
    .update(conversions)
    .set({
      refundAmountCents: sql`${conversions.refundAmountCents} + ${amount}`,
      refundedCommissionCents: sql`${conversions.refundedCommissionCents} + ${commission}`,
      refundAt: e.isRefund ? sql`GREATEST(${conversions.refundAt}, ${e.at.toISOString()}::timestamptz)` : sql`${conversions.refundAt}`,
      ...(full ? { status: "reversed" as const } : {}),
      updatedAt: new Date(),
    })
    .where(eq(conversions.id, c.id))
    .returning();
  const next = updated!;
  if (full && next.refundedCommissionCents < next.commissionCents) return (await settle(tx, next, e.deliveryId)) ?? next;
  return next;
}

/** Fully refunded: reverse the cents that per-refund rounding left, so net commission is exactly zero. */
async function settle(tx: Db, c: Conversion, deliveryId: string | null): Promise<Conversion | null> {
  const left = c.commissionCents - c.refundedCommissionCents;
  if (left <= 0) return null;
  const [entry] = await tx
    .insert(ledgerEntries)
    .values({
      workspaceId: c.workspaceId,
      conversionId: c.id,
      kind: "reversal",
      amountCents: 0,
      commissionCents: -left,
      currency: c.currency,
      causeKey: "refund-rounding",
      deliveryId,
      note: "Fully refunded: the last cents of commission, left by rounding each refund's share down.",
      occurredAt: c.refundAt ?? new Date(),
    })
    .onConflictDoNothing({ target: [ledgerEntries.conversionId, ledgerEntries.causeKey] })
    .returning();
  if (!entry) return null;
  const [updated] = await tx
    .update(conversions)
    .set({ refundedCommissionCents: sql`${conversions.refundedCommissionCents} + ${left}`, updatedAt: new Date() })
    .where(eq(conversions.id, c.id))
    .returning();
  return updated!;
}
