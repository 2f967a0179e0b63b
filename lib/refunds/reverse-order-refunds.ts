import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders } from "@/db/schema";
import { appendLedgerEntry, type ConversionRow } from "@/lib/ledger/append-ledger-entry";
import { saleInLedger, statusWhenFullyReversed } from "@/lib/ledger/conversion-states";
import { refundedMerchandise, refundShare, roundingLeft } from "@/lib/ledger/refund-share";
import { earningsOf, termsOf } from "@/lib/attribution/conversion-earnings";
import { lockConversion } from "@/lib/attribution/lock-conversion";
import { giftCardLineIds as giftCardLinesOf, refundsOfOrder } from "./order-refunds";
import { refundSteps } from "@/lib/commission-rules/refund-steps";

/**
 * Reverses, on the order's conversion, every recorded refund of the order not reversed yet
 * (idempotent by refund id: cause `refund:{id}`), and — for a cancelled order — whatever is left
 * (`cancel`). Refunds recorded before the order was attributed, or while it was unpaid, are applied
 * now: call this whenever an order's conversion may have appeared or been paid, or a refund was
 * recorded.
 *
 * Amounts (lib/ledger/refund-share.ts): the refund's merchandise (net of discounts, tax removed when
 * the shop's prices include it, gift-card lines left out: a gift card never earned), never more than
 * what is left, and its own share of the commission. When the order is fully refunded, a `rounding`
 * entry settles the cents the roundings left, so the net returns exactly to zero.
 *
 * Only a conversion whose sale is in the ledger moves: a pending one waits until it is paid, a
 * voided one never earned. A denied conversion's refunds reverse its sale amount (no commission),
 * and it stays denied: `reversed` means commission was earned and then taken back.
 */
export async function reverseOrderRefunds(
  db: Db,
  input: { workspaceId: string; shopifyOrderId: number; deliveryId?: string | null },
): Promise<{ reversed: number }> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    // Lock the conversion: concurrent refunds of one order apply one after another.
    const conversion = await lockConversion(tx, input);
    if (!conversion || !saleInLedger(conversion.status)) return { reversed: 0 };
    const [order] = await tx.select().from(orders).where(eq(orders.id, conversion.orderId));
    const orderRefunds = await refundsOfOrder(tx, input);
    const giftCardLineIds = await giftCardLinesOf(tx, conversion.orderId);
    const deliveryId = input.deliveryId ?? null;
    // Credited line by line (commission rules): a refund naming its lines reverses each at that line's own rate.
    const lines = order && termsOf(conversion.explanation) ? (await earningsOf(tx, order, conversion)).lines : null;
    const steps = lines
      ? refundSteps({ amountCents: conversion.orderAmountCents, commissionCents: conversion.commissionCents, lines, refunds: orderRefunds, taxesIncluded: order?.taxesIncluded ?? false, giftCardLineIds })
      : null;
    let c: ConversionRow = conversion;
    let reversed = 0;
    for (const [i, refund] of orderRefunds.entries()) {
      const merchandise = refundedMerchandise(refund, { taxesIncluded: order?.taxesIncluded ?? false, giftCardLineIds });
      const step = steps?.[i];
      const byLine = step?.byLine ? { amountCents: step.amountCents, commissionCents: step.commissionCents } : undefined;
      const next = await reverse(tx, c, { kind: "refund", causeKey: `refund:${refund.shopifyRefundId}`, merchandiseCents: merchandise.amountCents, at: refund.shopifyCreatedAt, note: refund.note, deliveryId, byLine });
      if (next) {
        c = next;
        reversed++;
      }
    }
    c = (await settleRounding(tx, c, deliveryId)) ?? c;
    if (order?.cancelledAt) {
      const next = await reverse(tx, c, { kind: "cancellation", causeKey: "cancel", merchandiseCents: c.orderAmountCents - c.refundAmountCents, at: order.cancelledAt, note: "Order cancelled in Shopify.", deliveryId });
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
  c: ConversionRow,
  e: { kind: "refund" | "cancellation"; causeKey: string; merchandiseCents: number; at: Date; note: string | null; deliveryId: string | null; byLine?: { amountCents: number; commissionCents: number } | undefined },
): Promise<ConversionRow | null> {
  const share = e.byLine
    ? {
        // each line at its own rate, never more than what is left of the conversion
        amountCents: Math.max(0, Math.min(e.byLine.amountCents, c.orderAmountCents - c.refundAmountCents)),
        commissionCents: Math.max(0, Math.min(e.byLine.commissionCents, c.commissionCents - c.refundedCommissionCents)),
      }
    : refundShare({
        merchandiseCents: e.merchandiseCents,
        orderAmountCents: c.orderAmountCents,
        commissionCents: c.commissionCents,
        refundedAmountCents: c.refundAmountCents,
        refundedCommissionCents: c.refundedCommissionCents,
      });
  if (share.amountCents === 0) return null; // shipping or gift cards only, or nothing left: merchandise untouched
  const full = c.refundAmountCents + share.amountCents >= c.orderAmountCents;
  const next = await appendLedgerEntry(
    tx,
    c,
    { kind: e.kind, causeKey: e.causeKey, amountCents: -share.amountCents, commissionCents: -share.commissionCents, occurredAt: e.at, note: e.note, deliveryId: e.deliveryId },
    full ? { status: statusWhenFullyReversed(c.status) } : {},
  );
  if (!next) return null;
  return (await settleRounding(tx, next, e.deliveryId)) ?? next;
}

/** Fully refunded: reverse the cents that per-refund rounding left, so net commission is exactly zero. */
async function settleRounding(tx: Db, c: ConversionRow, deliveryId: string | null): Promise<ConversionRow | null> {
  const left = roundingLeft({ orderAmountCents: c.orderAmountCents, refundedAmountCents: c.refundAmountCents, commissionCents: c.commissionCents, refundedCommissionCents: c.refundedCommissionCents });
  if (left <= 0) return null;
  return appendLedgerEntry(tx, c, {
    kind: "rounding",
    causeKey: "refund-rounding",
    amountCents: 0,
    commissionCents: -left,
    occurredAt: c.refundAt ?? new Date(),
    note: "Fully refunded: the last cents of commission, left by rounding each refund's share down.",
    deliveryId,
  });
}
