import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, ledgerEntries, refunds, type orders } from "@/db/schema";
import { appendLedgerEntry, type ConversionRow } from "@/lib/ledger/append-ledger-entry";
import { recordConversionEvent } from "@/lib/events/record-conversion-event";
import type { CommissionableAmount } from "@/lib/ledger/commissionable-amount";
import { saleInLedger } from "@/lib/ledger/conversion-states";
import { takeOutOfFigures } from "@/lib/ledger/take-out-of-figures";
import { orderPayment } from "./commissionable-order";
import { earningsOf } from "./conversion-earnings";
import { formatMoney, listWords } from "./format";
import type { Explanation, ReviewStatus } from "./types";

type OrderRow = typeof orders.$inferSelect;

/**
 * Keeps an existing conversion in step with its order, by the same rules whichever way the order
 * arrived (webhook, backfill, reconciliation, replay). Under the conversion's row lock:
 * - `pending` and Shopify now says paid → it earns: the `sale` entry (dated on the order's day) for
 *   the order's commissionable amount now, and the review verdict becomes its status;
 *   voided (or cancelled unpaid) → `voided`, nothing earned; still unpaid → what it will earn follows
 *   order edits.
 * - credited (its sale in the ledger) but the order does not earn under Tally's rules — a test
 *   order, or one not paid (or never paid) — the credit is taken out through `ineligible` entries
 *   that say why (`takeOutOfFigures`); an unpaid one becomes `pending` again and earns once paid.
 * - otherwise an order edited before any refund: the difference as an `edit` entry (after a refund,
 *   amounts move only through refunds and reconciliation; for a conversion credited before amounts
 *   followed the order's lines, only through reconciliation, which says why).
 * Returns whether anything changed.
 */
export async function followOrder(db: Db, input: { conversionId: string; order: OrderRow; deliveryId: string | null; now?: Date }): Promise<boolean> {
  const { order, deliveryId } = input;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [c] = await tx.select().from(conversions).where(eq(conversions.id, input.conversionId)).for("update");
    if (!c || c.status === "voided" || c.testOrder) return false;
    const payment = orderPayment(order);
    const earnings = await earningsOf(tx, order, c);
    const amount = { ...earnings.base, amountCents: earnings.amountCents };
    const review = reviewOf(c);
    const commission = review === "denied" ? 0 : earnings.commissionCents;
    const now = input.now ?? new Date();

    if (c.status === "pending") {
      if (payment.state === "paid") {
        const [earlier] = await tx.select({ id: ledgerEntries.id }).from(ledgerEntries).where(and(eq(ledgerEntries.conversionId, c.id), eq(ledgerEntries.causeKey, "sale"))).limit(1);
        const written = await appendLedgerEntry(
          tx,
          c,
          {
            kind: "sale",
            causeKey: earlier ? "sale:paid" : "sale",
            amountCents: amount.amountCents,
            commissionCents: commission,
            occurredAt: order.shopifyCreatedAt,
            note: `Paid in Shopify (${order.financialStatus}): the commission is earned.${review === "denied" ? " Commission denied (self-referral)." : ""}`,
            deliveryId,
          },
          { status: review, pendingAmountCents: 0, pendingCommissionCents: 0 },
        );
        return written !== null;
      }
      if (payment.state === "voided") {
        const [voided] = await tx
          .update(conversions)
          .set({ status: "voided", pendingAmountCents: 0, pendingCommissionCents: 0, updatedAt: now })
          .where(eq(conversions.id, c.id))
          .returning();
        await recordConversionEvent(tx, { type: "conversion.status_changed", conversion: voided!, sourceKey: `conversion:${c.id}:voided`, extra: { previous_status: c.status } });
        return true;
      }
      if (amount.amountCents === c.pendingAmountCents && commission === c.pendingCommissionCents) return false;
      const [edited] = await tx
        .update(conversions)
        .set({ pendingAmountCents: amount.amountCents, pendingCommissionCents: commission, updatedAt: now })
        .where(eq(conversions.id, c.id))
        .returning();
      await recordConversionEvent(tx, {
        type: "conversion.adjusted",
        conversion: edited!,
        sourceKey: `conversion:${c.id}:pending:${order.shopifyUpdatedAt.toISOString()}:${amount.amountCents}`,
        extra: { adjustment: { kind: "pending_edit", amount: amount.amountCents - c.pendingAmountCents, commission: commission - c.pendingCommissionCents, occurred_at: order.shopifyUpdatedAt.toISOString(), note: "Order edited in Shopify while awaiting payment." } },
      });
      return true;
    }

    if (!saleInLedger(c.status)) return false;
    const ordered = `order ${order.name}`;
    if (order.test) {
      const done = await takeOutOfFigures(tx, c, {
        reason: "test_order",
        note: `Test order: ${ordered} was placed as a Shopify test order, and test orders earn no commission. It was credited before Tally left test orders out; its sale leaves the figures.`,
        occurredAt: now,
        deliveryId,
        change: { status: "denied", testOrder: true },
      });
      return done !== null;
    }
    if (payment.state !== "paid") {
      const unpaid = payment.state === "unpaid";
      const done = await takeOutOfFigures(tx, c, {
        reason: unpaid ? "unpaid" : "voided",
        note: unpaid
          ? `Not paid: Shopify says ${ordered} is ${order.financialStatus ?? "not paid"}. It was credited before Tally waited for payment; its sale leaves the figures until it is paid.`
          : `Never paid: ${ordered} was ${order.cancelledAt ? "cancelled" : "voided"} before it was paid. It was credited before Tally waited for payment; nothing was earned.`,
        occurredAt: now,
        deliveryId,
        change: unpaid ? { status: "pending", pendingAmountCents: amount.amountCents, pendingCommissionCents: commission } : { status: "voided" },
      });
      return done !== null;
    }
    return applyOrderEdit(tx, c, order, amount, commission, deliveryId);
  });
}

/** The review verdict of a conversion: stored with the decision; for older ones, what its status says. */
export function reviewOf(c: Pick<ConversionRow, "status" | "explanation">): ReviewStatus {
  if (c.status === "approved" || c.status === "flagged" || c.status === "denied") return c.status;
  const stored = (c.explanation as Partial<Explanation> | null)?.review;
  return stored === "flagged" || stored === "denied" ? stored : "approved";
}

/**
 * An order edited before any refund (its commissionable amount changed): the difference goes into the
 * ledger as an `edit` entry, keyed by the order's `updated_at` so that the same edit applies once.
 * After a refund, amounts move only through refunds (Shopify's `current_*` fields mix the two).
 */
async function applyOrderEdit(tx: Db, c: ConversionRow, order: OrderRow, amount: CommissionableAmount, commission: number, deliveryId: string | null): Promise<boolean> {
  if (c.status === "reversed" || amount.amountCents === c.orderAmountCents) return false;
  // Credited before amounts were decided by the order's lines (no structured decision): a different
  // amount may come from the rules (gift cards now left out) rather than an edit, so reconciliation
  // corrects it, in words that say which.
  if ((c.explanation as Partial<Explanation> | null)?.version !== 2) return false;
  const [anyRefund] = await tx.select({ id: refunds.id }).from(refunds).where(and(eq(refunds.workspaceId, order.workspaceId), eq(refunds.shopifyOrderId, order.shopifyOrderId))).limit(1);
  if (anyRefund) return false;
  const money = (cents: number) => formatMoney(cents, c.currency);
  const giftCards = amount.excludedLines.length > 0 ? ` Gift cards earn no commission: ${listWords(amount.excludedLines.map((l) => `${l.title} (${money(l.amountCents)})`))} left out.` : "";
  const written = await appendLedgerEntry(tx, c, {
    kind: "edit",
    causeKey: `edit:${order.shopifyUpdatedAt.toISOString()}`,
    amountCents: amount.amountCents - c.orderAmountCents,
    commissionCents: commission - c.commissionCents,
    occurredAt: order.shopifyUpdatedAt,
    note: `Order edited in Shopify: the commissionable amount is now ${money(amount.amountCents)} (was ${money(c.orderAmountCents)}).${giftCards}`,
    deliveryId,
  });
  return written !== null;
}
