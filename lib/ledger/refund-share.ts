/**
 * A refund's share of an order's revenue and commission. Pure; the one definition used by refund
 * reversals (lib/refunds) and reconciliation's expected totals (lib/sync).
 */

export type RefundLineFact = {
  lineItemId: number | null;
  subtotalCents: number;
  taxCents: number;
  /** As the refund payload states it (`line_item.gift_card`), when it does. */
  giftCard: boolean | null;
};

export type RefundFacts = {
  /** Σ of the refunded lines' subtotals (net of discounts, without tax unless prices include it). */
  subtotalCents: number;
  taxCents: number;
  /** Empty for refunds recorded before their lines were kept: then the whole subtotal counts. */
  lines: readonly RefundLineFact[];
};

/**
 * The merchandise a refund takes back from the commissionable amount: its lines' subtotals, tax
 * removed when prices include it, gift-card lines left out (a gift card never earned, so its refund
 * reverses nothing). Shipping refunds are never part of it.
 */
export function refundedMerchandise(refund: RefundFacts, order: { taxesIncluded: boolean; giftCardLineIds: ReadonlySet<number> }): { amountCents: number; giftCardCents: number } {
  const net = (subtotal: number, tax: number) => subtotal - (order.taxesIncluded ? tax : 0);
  if (refund.lines.length === 0) return { amountCents: net(refund.subtotalCents, refund.taxCents), giftCardCents: 0 };
  let amount = 0;
  let giftCards = 0;
  for (const l of refund.lines) {
    const isGiftCard = l.giftCard ?? (l.lineItemId !== null && order.giftCardLineIds.has(l.lineItemId));
    if (isGiftCard) giftCards += net(l.subtotalCents, l.taxCents);
    else amount += net(l.subtotalCents, l.taxCents);
  }
  return { amountCents: amount, giftCardCents: giftCards };
}

export type RefundShareInput = {
  /** What the refund takes back (`refundedMerchandise`). */
  merchandiseCents: number;
  /** The conversion's commissionable amount and commission (before refunds)… */
  orderAmountCents: number;
  commissionCents: number;
  /** …and what earlier refunds already took back. */
  refundedAmountCents: number;
  refundedCommissionCents: number;
};

/**
 * Revenue: the merchandise, never more than what is left of the amount. Commission: the refund's own
 * share, commission × revenue ÷ amount, rounded down in exact integer arithmetic (BigInt: the
 * product can pass 2^53) — independent of the other refunds, so refunds arriving in any order, or
 * twice, give the same ledger — and never more than the commission left. Full refunds settle the
 * cents the roundings leave through a `rounding` entry (see `roundingLeft`).
 */
export function refundShare(input: RefundShareInput): { amountCents: number; commissionCents: number } {
  const remaining = input.orderAmountCents - input.refundedAmountCents;
  const amount = Math.max(0, Math.min(input.merchandiseCents, remaining));
  if (amount === 0 || input.orderAmountCents <= 0) return { amountCents: amount, commissionCents: 0 };
  const share = Number((BigInt(Math.max(0, input.commissionCents)) * BigInt(amount)) / BigInt(input.orderAmountCents));
  const commission = Math.max(0, Math.min(share, input.commissionCents - input.refundedCommissionCents));
  return { amountCents: amount, commissionCents: commission };
}

/** Once all of the amount is refunded, the commission the per-refund roundings left (0 otherwise). */
export function roundingLeft(t: { orderAmountCents: number; refundedAmountCents: number; commissionCents: number; refundedCommissionCents: number }): number {
  if (t.orderAmountCents <= 0 || t.refundedAmountCents < t.orderAmountCents) return 0;
  return Math.max(0, t.commissionCents - t.refundedCommissionCents);
}
