/**
 * The commissionable amount of an order: what the brand collected for eligible lines — the subtotal
 * after every discount, without shipping, tax, tips and gift cards — in integer minor units of the
 * shop currency. Pure; the one definition used by attribution, order edits and reconciliation.
 *
 * - A gift card is not revenue (it is money the store owes back in goods, and Shopify never lets a
 *   discount code apply to one): gift-card lines are left out, and an order of gift cards only has
 *   nothing to earn on.
 * - When prices include tax (`taxesIncluded`), the eligible lines' tax is removed.
 * - The lines must add up to the subtotal Shopify states (Σ price × quantity − allocations). When
 *   they do not (bad input), the amount follows Shopify's stated subtotal, still without the gift
 *   cards and tax the lines name, and `discrepancy` says by how much, so the conversion is flagged.
 * - Orders recorded before lines were kept (`lines: null`): the subtotal, tax removed — the rule
 *   those orders were credited by; reconciliation re-reads them with their lines.
 */

export type CommissionableLine = {
  title: string;
  quantity: number;
  /** Unit price. */
  priceCents: number;
  /** Σ of the line's discount allocations. */
  discountCents: number;
  /** Σ of the line's tax lines. */
  taxCents: number;
  giftCard: boolean;
};

export type CommissionableInput = {
  /** Shopify's subtotal before refunds: after all discounts, without shipping, tax (unless included) and tips. */
  subtotalCents: number;
  /** Σ of every line's tax (used when the lines are not known). */
  lineItemsTaxCents: number;
  taxesIncluded: boolean;
  lines: readonly CommissionableLine[] | null;
};

export type ExcludedLine = { title: string; quantity: number; amountCents: number; reason: "gift_card" };

export type CommissionableAmount = {
  amountCents: number;
  subtotalCents: number;
  /** Tax taken out because prices included it (0 otherwise). */
  taxRemovedCents: number;
  excludedLines: ExcludedLine[];
  excludedCents: number;
  /** Every line is a gift card: nothing can earn commission. */
  giftCardsOnly: boolean;
  /** The lines do not add up to the subtotal: their sum, against Shopify's subtotal (the amount follows the subtotal). */
  discrepancy: { linesCents: number; subtotalCents: number } | null;
  linesKnown: boolean;
};

const lineNet = (l: CommissionableLine) => l.priceCents * l.quantity - l.discountCents;

export function commissionableAmount(input: CommissionableInput): CommissionableAmount {
  for (const [name, v] of [
    ["subtotalCents", input.subtotalCents],
    ["lineItemsTaxCents", input.lineItemsTaxCents],
  ] as const) {
    if (!Number.isSafeInteger(v)) throw new RangeError(`${name} must be an integer of minor units, got ${v}.`);
  }
  if (input.lines === null) {
    const taxRemoved = input.taxesIncluded ? input.lineItemsTaxCents : 0;
    return {
      amountCents: Math.max(0, input.subtotalCents - taxRemoved),
      subtotalCents: input.subtotalCents,
      taxRemovedCents: taxRemoved,
      excludedLines: [],
      excludedCents: 0,
      giftCardsOnly: false,
      discrepancy: null,
      linesKnown: false,
    };
  }
  for (const l of input.lines) {
    for (const v of [l.quantity, l.priceCents, l.discountCents, l.taxCents]) {
      if (!Number.isSafeInteger(v)) throw new RangeError(`Line "${l.title}" must have integer amounts, got ${v}.`);
    }
  }
  const linesCents = input.lines.reduce((s, l) => s + lineNet(l), 0);
  const excludedLines: ExcludedLine[] = input.lines
    .filter((l) => l.giftCard)
    .map((l) => ({ title: l.title, quantity: l.quantity, amountCents: lineNet(l), reason: "gift_card" as const }));
  const excludedCents = excludedLines.reduce((s, l) => s + l.amountCents, 0);
  const taxRemoved = input.taxesIncluded ? input.lines.filter((l) => !l.giftCard).reduce((s, l) => s + l.taxCents, 0) : 0;
  const discrepancy = linesCents === input.subtotalCents ? null : { linesCents, subtotalCents: input.subtotalCents };
  const giftCardsOnly = input.lines.length > 0 && input.lines.every((l) => l.giftCard);
  return {
    amountCents: giftCardsOnly ? 0 : Math.max(0, input.subtotalCents - excludedCents - taxRemoved),
    subtotalCents: input.subtotalCents,
    taxRemovedCents: taxRemoved,
    excludedLines,
    excludedCents,
    giftCardsOnly,
    discrepancy,
    linesKnown: true,
  };
}
