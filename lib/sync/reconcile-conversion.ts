import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, ledgerEntries, orders, refunds } from "@/db/schema";
import { commissionFor } from "@/lib/attribution/decide-attribution";
import { toDecimalString } from "@/lib/money";

type Conversion = typeof conversions.$inferSelect;

export type ConversionExpectation = {
  /** The order's merchandise before refunds: current subtotal + refunded merchandise, line tax removed when prices include tax. */
  amountCents: number;
  /** Refunded merchandise (each refund's line subtotals, tax removed when prices include tax), at most the amount; all of it once cancelled. */
  refundAmountCents: number;
  commissionCents: number;
  refundedCommissionCents: number;
};

/**
 * What a conversion's maintained totals must be, from the order's recorded facts (which the
 * reconciliation has just refreshed from Shopify), by the rules the ledger applies as events arrive
 * (lib/attribution, lib/refunds/reverse-order-refunds.ts): commission `commissionFor(amount)`, 0 when
 * denied; each refund, in order, reverses its merchandise (never more than what is left) and its own
 * share of the commission (commission × refund ÷ amount, rounded down); a fully refunded or cancelled
 * order has reversed all of it.
 */
export function expectedTotals(
  input: {
    order: Pick<typeof orders.$inferSelect, "subtotalCents" | "lineItemsTaxCents" | "taxesIncluded" | "cancelledAt">;
    /** In the order the ledger applies them: created at, then refund id. */
    refunds: Pick<typeof refunds.$inferSelect, "subtotalCents" | "taxCents">[];
  },
  conversion: Pick<Conversion, "status" | "commissionRateBps">,
): ConversionExpectation {
  const { order } = input;
  const amount = Math.max(0, order.subtotalCents - (order.taxesIncluded ? order.lineItemsTaxCents : 0));
  const commission = conversion.status === "denied" ? 0 : commissionFor(amount, conversion.commissionRateBps);
  let refunded = 0;
  let refundedCommission = 0;
  const reverse = (merchandise: number) => {
    const part = Math.max(0, Math.min(merchandise, amount - refunded));
    if (part === 0) return;
    const share = Number((BigInt(commission) * BigInt(part)) / BigInt(amount));
    refundedCommission += Math.max(0, Math.min(share, commission - refundedCommission));
    refunded += part;
  };
  for (const r of input.refunds) reverse(r.subtotalCents - (order.taxesIncluded ? r.taxCents : 0));
  if (order.cancelledAt) reverse(amount - refunded);
  if (amount > 0 && refunded >= amount) refundedCommission = commission;
  return { amountCents: amount, refundAmountCents: refunded, commissionCents: commission, refundedCommissionCents: refundedCommission };
}

export type ReconcileOutcome =
  | { kind: "no_conversion" }
  | { kind: "matches" }
  | { kind: "corrected"; netAmountCents: number; netCommissionCents: number; entries: number };

const money = (cents: number, currency: string) => `${toDecimalString(cents, currency)} ${currency}`;

/**
 * Compares one order's conversion with Shopify's truth as recorded, and when the amounts differ
 * (an order edited after a refund, a refund capped against a stale amount, a bug), writes
 * `adjustment` entries — `reconcile:{runId}:amount` and `reconcile:{runId}:refund`, each with its
 * cause in words — and moves the conversion's maintained totals in the same transaction, under the
 * conversion's row lock (concurrent refunds of the order wait). Commission is recomputed only when an
 * amount differs: a commission that an admin's approve/deny moved is the ledger's to keep.
 * `db` must be a transaction. Idempotent per run (cause keys), and a second run finds nothing to do.
 */
export async function reconcileConversion(db: Db, input: { workspaceId: string; shopifyOrderId: number; runId: string; at?: Date }): Promise<ReconcileOutcome> {
  const [c] = await db
    .select()
    .from(conversions)
    .where(and(eq(conversions.workspaceId, input.workspaceId), eq(conversions.shopifyOrderId, input.shopifyOrderId)))
    .for("update");
  if (!c) return { kind: "no_conversion" };
  const [order] = await db.select().from(orders).where(eq(orders.id, c.orderId));
  if (!order) return { kind: "no_conversion" };
  const orderRefunds = await db
    .select()
    .from(refunds)
    .where(and(eq(refunds.workspaceId, input.workspaceId), eq(refunds.shopifyOrderId, input.shopifyOrderId)))
    .orderBy(asc(refunds.shopifyCreatedAt), asc(refunds.shopifyRefundId));
  const want = expectedTotals({ order, refunds: orderRefunds }, c);
  if (want.amountCents === c.orderAmountCents && want.refundAmountCents === c.refundAmountCents) return { kind: "matches" };

  const at = input.at ?? new Date();
  const amountDelta = want.amountCents - c.orderAmountCents;
  const commissionDelta = want.commissionCents - c.commissionCents;
  const refundDelta = want.refundAmountCents - c.refundAmountCents;
  const refundedCommissionDelta = want.refundedCommissionCents - c.refundedCommissionCents;
  // Each part moves the totals only if its entry was written: entries and totals stay in step.
  let amountWritten = false;
  let refundWritten = false;
  if (amountDelta !== 0 || commissionDelta !== 0) {
    const [row] = await db
      .insert(ledgerEntries)
      .values({
        workspaceId: c.workspaceId,
        conversionId: c.id,
        kind: "adjustment",
        amountCents: amountDelta,
        commissionCents: commissionDelta,
        currency: c.currency,
        causeKey: `reconcile:${input.runId}:amount`,
        note: `Reconciliation with Shopify: order ${c.orderName} amounts to ${money(want.amountCents, c.currency)} before refunds, the ledger had ${money(c.orderAmountCents, c.currency)}; the commission follows (${money(want.commissionCents, c.currency)}).`,
        occurredAt: at,
      })
      .onConflictDoNothing({ target: [ledgerEntries.conversionId, ledgerEntries.causeKey] })
      .returning({ id: ledgerEntries.id });
    amountWritten = Boolean(row);
  }
  if (refundDelta !== 0 || refundedCommissionDelta !== 0) {
    const [row] = await db
      .insert(ledgerEntries)
      .values({
        workspaceId: c.workspaceId,
        conversionId: c.id,
        kind: "adjustment",
        amountCents: -refundDelta,
        commissionCents: -refundedCommissionDelta,
        currency: c.currency,
        causeKey: `reconcile:${input.runId}:refund`,
        note: order.cancelledAt
          ? `Reconciliation with Shopify: order ${c.orderName} is cancelled, so all of it (${money(want.refundAmountCents, c.currency)}) is reversed; the ledger had ${money(c.refundAmountCents, c.currency)} reversed. The reversed commission follows.`
          : `Reconciliation with Shopify: ${money(want.refundAmountCents, c.currency)} of order ${c.orderName} was refunded, the ledger had ${money(c.refundAmountCents, c.currency)} reversed. The reversed commission follows (${money(want.refundedCommissionCents, c.currency)}).`,
        occurredAt: at,
      })
      .onConflictDoNothing({ target: [ledgerEntries.conversionId, ledgerEntries.causeKey] })
      .returning({ id: ledgerEntries.id });
    refundWritten = Boolean(row);
  }
  if (!amountWritten && !refundWritten) return { kind: "matches" };
  const amount = amountWritten ? want.amountCents : c.orderAmountCents;
  const refunded = refundWritten ? want.refundAmountCents : c.refundAmountCents;
  await db
    .update(conversions)
    .set({
      ...(amountWritten
        ? { orderAmountCents: sql`${conversions.orderAmountCents} + ${amountDelta}`, commissionCents: sql`${conversions.commissionCents} + ${commissionDelta}` }
        : {}),
      ...(refundWritten
        ? {
            refundAmountCents: sql`${conversions.refundAmountCents} + ${refundDelta}`,
            refundedCommissionCents: sql`${conversions.refundedCommissionCents} + ${refundedCommissionDelta}`,
          }
        : {}),
      ...(amount > 0 && refunded >= amount ? { status: "reversed" as const } : {}),
      updatedAt: new Date(),
    })
    .where(eq(conversions.id, c.id));
  const entries = Number(amountWritten) + Number(refundWritten);
  return {
    kind: "corrected",
    netAmountCents: (amountWritten ? amountDelta : 0) - (refundWritten ? refundDelta : 0),
    netCommissionCents: (amountWritten ? commissionDelta : 0) - (refundWritten ? refundedCommissionDelta : 0),
    entries,
  };
}
