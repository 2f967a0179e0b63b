import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders } from "@/db/schema";
import { commissionFor } from "@/lib/attribution/commission";
import { reviewOf } from "@/lib/attribution/follow-order";
import { appendLedgerEntry } from "@/lib/ledger/append-ledger-entry";
import type { CommissionableAmount } from "@/lib/ledger/commissionable-amount";
import { saleInLedger, statusWhenFullyReversed } from "@/lib/ledger/conversion-states";
import { refundShare, type RefundFacts } from "@/lib/ledger/refund-share";
import { refundSteps } from "@/lib/commission-rules/refund-steps";
import type { EvaluatedLine } from "@/lib/commission-rules/types";
import { earningsOf } from "@/lib/attribution/conversion-earnings";
import { lockConversion } from "@/lib/attribution/lock-conversion";
import { giftCardLineIds as giftCardLinesOf, refundsOfOrder } from "@/lib/refunds/order-refunds";
import { toDecimalString } from "@/lib/money";


export type ConversionExpectation = {
  /** The order's commissionable amount before refunds (lib/ledger/commissionable-amount.ts). */
  amountCents: number;
  /** Refunded merchandise (lib/ledger/refund-share.ts), at most the amount; all of it once cancelled. */
  refundAmountCents: number;
  commissionCents: number;
  refundedCommissionCents: number;
};

/**
 * What a conversion's maintained totals must be, from the order's recorded facts (which the
 * reconciliation has just refreshed from Shopify), by the rules the ledger applies as events arrive:
 * commission `commissionFor(amount)`, 0 when denied; each refund, in order, reverses its merchandise
 * (never more than what is left) and its own share of the commission (`refundShare`); a fully
 * refunded or cancelled order has reversed all of it.
 */
export function expectedTotals(
  input: {
    amountCents: number;
    taxesIncluded: boolean;
    cancelledAt: Date | null;
    /** In the order the ledger applies them: created at, then refund id. */
    refunds: RefundFacts[];
    giftCardLineIds?: ReadonlySet<number>;
    /** What the amount earns under the conversion's terms (lib/attribution/conversion-earnings.ts); default: the rate on the whole amount. */
    earnedCents?: number;
    /** The credited lines, when credited line by line: refunds naming them reverse each at its own rate. */
    lines?: readonly EvaluatedLine[] | null;
  },
  conversion: { review: "approved" | "flagged" | "denied"; commissionRateBps: number },
): ConversionExpectation {
  const amount = input.amountCents;
  const commission = conversion.review === "denied" ? 0 : (input.earnedCents ?? commissionFor(amount, conversion.commissionRateBps));
  const steps = refundSteps({
    amountCents: amount,
    commissionCents: commission,
    lines: input.lines ?? null,
    refunds: input.refunds,
    taxesIncluded: input.taxesIncluded,
    ...(input.giftCardLineIds ? { giftCardLineIds: input.giftCardLineIds } : {}),
  });
  let refunded = steps.reduce((s, x) => s + x.amountCents, 0);
  let refundedCommission = steps.reduce((s, x) => s + x.commissionCents, 0);
  if (input.cancelledAt) {
    const share = refundShare({ merchandiseCents: amount - refunded, orderAmountCents: amount, commissionCents: commission, refundedAmountCents: refunded, refundedCommissionCents: refundedCommission });
    refunded += share.amountCents;
    refundedCommission += share.commissionCents;
  }
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
  const c = await lockConversion(db, input);
  if (!c) return { kind: "no_conversion" };
  // Nothing of it is in the ledger (awaiting payment, never paid, a test order taken out): nothing to reconcile.
  if (!saleInLedger(c.status) || c.testOrder) return { kind: "matches" };
  const [order] = await db.select().from(orders).where(eq(orders.id, c.orderId));
  if (!order) return { kind: "no_conversion" };
  const orderRefunds = await refundsOfOrder(db, input);
  const giftCardLineIds = await giftCardLinesOf(db, order.id);
  const earnings = await earningsOf(db, order, c);
  const amount = { ...earnings.base, amountCents: earnings.amountCents };
  const want = expectedTotals(
    { amountCents: amount.amountCents, taxesIncluded: order.taxesIncluded, cancelledAt: order.cancelledAt, refunds: orderRefunds, giftCardLineIds, earnedCents: earnings.commissionCents, lines: earnings.lines },
    { review: reviewOf(c), commissionRateBps: c.commissionRateBps },
  );
  if (want.amountCents === c.orderAmountCents && want.refundAmountCents === c.refundAmountCents) return { kind: "matches" };

  const at = input.at ?? new Date();
  const amountDelta = want.amountCents - c.orderAmountCents;
  const commissionDelta = want.commissionCents - c.commissionCents;
  const refundDelta = want.refundAmountCents - c.refundAmountCents;
  const refundedCommissionDelta = want.refundedCommissionCents - c.refundedCommissionCents;
  const fully = want.amountCents > 0 && want.refundAmountCents >= want.amountCents ? { status: statusWhenFullyReversed(c.status) } : {};
  // Each part moves the totals only if its entry was written: entries and totals stay in step.
  let current = c;
  let amountWritten = false;
  let refundWritten = false;
  if (amountDelta !== 0 || commissionDelta !== 0) {
    const next = await appendLedgerEntry(
      db,
      current,
      {
        kind: "reconcile_amount",
        causeKey: `reconcile:${input.runId}:amount`,
        amountCents: amountDelta,
        commissionCents: commissionDelta,
        occurredAt: at,
        note: `Reconciliation with Shopify: order ${c.orderName} amounts to ${money(want.amountCents, c.currency)} before refunds${giftCardWords(amount, c.currency)}, the ledger had ${money(c.orderAmountCents, c.currency)}; the commission follows (${money(want.commissionCents, c.currency)}).`,
      },
      fully,
    );
    amountWritten = next !== null;
    current = next ?? current;
  }
  if (refundDelta !== 0 || refundedCommissionDelta !== 0) {
    const next = await appendLedgerEntry(
      db,
      current,
      {
        kind: "reconcile_refund",
        causeKey: `reconcile:${input.runId}:refund`,
        amountCents: -refundDelta,
        commissionCents: -refundedCommissionDelta,
        occurredAt: at,
        note: order.cancelledAt
          ? `Reconciliation with Shopify: order ${c.orderName} is cancelled, so all of it (${money(want.refundAmountCents, c.currency)}) is reversed; the ledger had ${money(c.refundAmountCents, c.currency)} reversed. The reversed commission follows.`
          : `Reconciliation with Shopify: ${money(want.refundAmountCents, c.currency)} of order ${c.orderName} was refunded, the ledger had ${money(c.refundAmountCents, c.currency)} reversed. The reversed commission follows (${money(want.refundedCommissionCents, c.currency)}).`,
      },
      fully,
    );
    refundWritten = next !== null;
  }
  if (!amountWritten && !refundWritten) return { kind: "matches" };
  const entries = Number(amountWritten) + Number(refundWritten);
  return {
    kind: "corrected",
    netAmountCents: (amountWritten ? amountDelta : 0) - (refundWritten ? refundDelta : 0),
    netCommissionCents: (amountWritten ? commissionDelta : 0) - (refundWritten ? refundedCommissionDelta : 0),
    entries,
  };
}

function giftCardWords(amount: CommissionableAmount, currency: string): string {
  if (amount.excludedLines.length === 0) return "";
  return ` (gift cards earn no commission: ${amount.excludedLines.map((l) => `${l.title} ${money(l.amountCents, currency)}`).join(", ")} left out)`;
}
