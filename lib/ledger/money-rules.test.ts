import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commissionableAmount, type CommissionableLine } from "./commissionable-amount";
import { refundedMerchandise, refundShare, roundingLeft } from "./refund-share";

const line = (over: Partial<CommissionableLine> = {}): CommissionableLine => ({ title: "Serum", quantity: 1, priceCents: 6000, discountCents: 0, taxCents: 0, giftCard: false, ...over });
const gift = (priceCents = 2500, quantity = 1): CommissionableLine => line({ title: "Gift card", priceCents, quantity, giftCard: true });
const net = (l: CommissionableLine) => l.priceCents * l.quantity - l.discountCents;

describe("commissionableAmount: table", () => {
  it.each([
    ["one product, 10 % off", { subtotalCents: 5400, lines: [line({ discountCents: 600 })] }, { amountCents: 5400, excludedCents: 0, discrepancy: null }],
    ["a gift card beside a product (percentage code: the gift card takes no discount)", { subtotalCents: 7900, lines: [line({ discountCents: 600 }), gift()] }, { amountCents: 5400, excludedCents: 2500, discrepancy: null }],
    ["a gift card beside a product (fixed $10 off)", { subtotalCents: 7500, lines: [line({ discountCents: 1000 }), gift()] }, { amountCents: 5000, excludedCents: 2500, discrepancy: null }],
    ["gift cards only", { subtotalCents: 5000, lines: [gift(2500, 2)] }, { amountCents: 0, excludedCents: 5000, giftCardsOnly: true }],
    ["prices include tax: the eligible lines' tax comes off", { subtotalCents: 8500, taxesIncluded: true, lines: [line({ priceCents: 6000, taxCents: 1000 }), gift()] }, { amountCents: 5000, taxRemovedCents: 1000 }],
    ["tax not included: the subtotal holds no tax to remove", { subtotalCents: 6000, lines: [line({ taxCents: 480 })] }, { amountCents: 6000, taxRemovedCents: 0 }],
    ["lines that do not add up: Shopify's subtotal, flagged", { subtotalCents: 5400, lines: [line({ priceCents: 7000 })] }, { amountCents: 5400, discrepancy: { linesCents: 7000, subtotalCents: 5400 } }],
    ["lines that do not add up, with a gift card: the subtotal less the gift card", { subtotalCents: 9000, lines: [line(), gift()] }, { amountCents: 6500, discrepancy: { linesCents: 8500, subtotalCents: 9000 } }],
    ["an order of no lines at all (bad input)", { subtotalCents: 5400, lines: [] }, { amountCents: 5400, discrepancy: { linesCents: 0, subtotalCents: 5400 }, giftCardsOnly: false }],
    ["lines unknown (recorded before lines were kept): the subtotal, tax removed", { subtotalCents: 8500, lineItemsTaxCents: 1000, taxesIncluded: true, lines: null }, { amountCents: 7500, linesKnown: false, discrepancy: null }],
    ["never below zero", { subtotalCents: 1000, lines: [gift(2500)], }, { amountCents: 0 }],
  ] as const)("%s", (_label, input, want) => {
    const got = commissionableAmount({ lineItemsTaxCents: 0, taxesIncluded: false, ...input, lines: input.lines === null ? null : [...input.lines] });
    expect(got).toMatchObject(want);
  });

  it("names the gift cards it leaves out", () => {
    expect(commissionableAmount({ subtotalCents: 10_400, lineItemsTaxCents: 0, taxesIncluded: false, lines: [line({ discountCents: 600 }), gift(2500, 2)] }).excludedLines).toEqual([
      { title: "Gift card", quantity: 2, amountCents: 5000, reason: "gift_card" },
    ]);
  });

  it("refuses amounts that are not integers of minor units", () => {
    expect(() => commissionableAmount({ subtotalCents: 10.5, lineItemsTaxCents: 0, taxesIncluded: false, lines: null })).toThrow(RangeError);
    expect(() => commissionableAmount({ subtotalCents: 1000, lineItemsTaxCents: 0, taxesIncluded: false, lines: [line({ priceCents: 0.5 })] })).toThrow(RangeError);
  });
});

const arbLine = fc.record({
  title: fc.constantFrom("Serum", "Cream", "Toner"),
  quantity: fc.integer({ min: 1, max: 5 }),
  priceCents: fc.integer({ min: 0, max: 50_000 }),
  discountCents: fc.integer({ min: 0, max: 20_000 }),
  taxCents: fc.integer({ min: 0, max: 5_000 }),
  giftCard: fc.boolean(),
}).map((l) => ({ ...l, discountCents: l.giftCard ? 0 : Math.min(l.discountCents, l.priceCents * l.quantity) }));

describe("commissionableAmount: properties", () => {
  it("lines that add up: the eligible lines' net (less their tax when included); never more than the subtotal nor below zero", () => {
    fc.assert(
      fc.property(fc.array(arbLine, { minLength: 1, maxLength: 6 }), fc.boolean(), (lines, taxesIncluded) => {
        const subtotal = lines.reduce((s, l) => s + net(l), 0);
        const got = commissionableAmount({ subtotalCents: subtotal, lineItemsTaxCents: 0, taxesIncluded, lines });
        const eligible = lines.filter((l) => !l.giftCard);
        const want = eligible.length === 0 ? 0 : Math.max(0, eligible.reduce((s, l) => s + net(l) - (taxesIncluded ? l.taxCents : 0), 0));
        expect(got.discrepancy).toBeNull();
        expect(got.amountCents).toBe(want);
        expect(got.amountCents).toBeGreaterThanOrEqual(0);
        expect(got.amountCents).toBeLessThanOrEqual(Math.max(0, subtotal));
        expect(got.excludedCents).toBe(lines.filter((l) => l.giftCard).reduce((s, l) => s + net(l), 0));
      }),
    );
  });

  it("a gift card added to an order never changes what earns", () => {
    fc.assert(
      fc.property(fc.array(arbLine.filter((l) => !l.giftCard), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 3 }), (lines, price, quantity) => {
        const subtotal = lines.reduce((s, l) => s + net(l), 0);
        const without = commissionableAmount({ subtotalCents: subtotal, lineItemsTaxCents: 0, taxesIncluded: false, lines });
        const withCard = commissionableAmount({ subtotalCents: subtotal + price * quantity, lineItemsTaxCents: 0, taxesIncluded: false, lines: [...lines, gift(price, quantity)] });
        expect(withCard.amountCents).toBe(without.amountCents);
      }),
    );
  });

  it("lines that do not add up are always reported, and the amount follows Shopify's subtotal", () => {
    fc.assert(
      fc.property(fc.array(arbLine, { minLength: 1, maxLength: 4 }), fc.integer({ min: -5000, max: 5000 }).filter((d) => d !== 0), (lines, off) => {
        const linesCents = lines.reduce((s, l) => s + net(l), 0);
        const got = commissionableAmount({ subtotalCents: linesCents + off, lineItemsTaxCents: 0, taxesIncluded: false, lines });
        expect(got.discrepancy).toEqual({ linesCents, subtotalCents: linesCents + off });
        if (!got.giftCardsOnly) expect(got.amountCents).toBe(Math.max(0, linesCents + off - got.excludedCents));
      }),
    );
  });
});

describe("refundShare: table", () => {
  const order = { orderAmountCents: 8500, commissionCents: 1275, refundedAmountCents: 0, refundedCommissionCents: 0 };
  it.each([
    ["a partial refund: its own share, rounded down", { ...order, merchandiseCents: 3400 }, { amountCents: 3400, commissionCents: 510 }],
    ["more than is left: capped", { ...order, refundedAmountCents: 8000, refundedCommissionCents: 1200, merchandiseCents: 3400 }, { amountCents: 500, commissionCents: 75 }],
    ["nothing left", { ...order, refundedAmountCents: 8500, refundedCommissionCents: 1275, merchandiseCents: 100 }, { amountCents: 0, commissionCents: 0 }],
    ["shipping or gift cards only (no merchandise)", { ...order, merchandiseCents: 0 }, { amountCents: 0, commissionCents: 0 }],
    ["a denied conversion (no commission): the sale's amount only", { ...order, commissionCents: 0, merchandiseCents: 3400 }, { amountCents: 3400, commissionCents: 0 }],
    ["rounded down: 1 cent of 3", { orderAmountCents: 3, commissionCents: 1, refundedAmountCents: 0, refundedCommissionCents: 0, merchandiseCents: 1 }, { amountCents: 1, commissionCents: 0 }],
    ["past 2^53 in the product: exact", { orderAmountCents: 9_000_000_000_000, commissionCents: 1_350_000_000_000, refundedAmountCents: 0, refundedCommissionCents: 0, merchandiseCents: 3_000_000_000_001 }, { amountCents: 3_000_000_000_001, commissionCents: 450_000_000_000 }],
  ] as const)("%s", (_label, input, want) => {
    expect(refundShare(input)).toEqual(want);
  });

  it("the rounding left once fully refunded", () => {
    expect(roundingLeft({ orderAmountCents: 3, commissionCents: 1, refundedAmountCents: 3, refundedCommissionCents: 0 })).toBe(1);
    expect(roundingLeft({ orderAmountCents: 3, commissionCents: 1, refundedAmountCents: 2, refundedCommissionCents: 0 })).toBe(0);
  });

  it("a refund's merchandise: gift-card lines (by the refund's flag or the order's line) reverse nothing; tax comes off when prices include it", () => {
    const refund = {
      subtotalCents: 9000,
      taxCents: 900,
      lines: [
        { lineItemId: 1, subtotalCents: 4000, taxCents: 400, giftCard: false },
        { lineItemId: 2, subtotalCents: 2500, taxCents: 0, giftCard: null },
        { lineItemId: 3, subtotalCents: 2500, taxCents: 500, giftCard: true },
      ],
    };
    expect(refundedMerchandise(refund, { taxesIncluded: false, giftCardLineIds: new Set([2]) })).toEqual({ amountCents: 4000, giftCardCents: 5000 });
    expect(refundedMerchandise(refund, { taxesIncluded: true, giftCardLineIds: new Set() })).toEqual({ amountCents: 4000 - 400 + 2500, giftCardCents: 2000 });
    // Refunds recorded before their lines were kept: the whole subtotal, as then.
    expect(refundedMerchandise({ subtotalCents: 3400, taxCents: 272, lines: [] }, { taxesIncluded: false, giftCardLineIds: new Set() })).toEqual({ amountCents: 3400, giftCardCents: 0 });
  });
});

describe("refundShare: properties", () => {
  it("refunds in any order never reverse more than was earned, and a full refund plus its rounding returns exactly to zero", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 0, max: 400_000 }), { minLength: 1, maxLength: 6 }),
        (amount, rateBps, parts) => {
          const commission = Math.floor((amount * rateBps + 5000) / 10_000);
          const apply = (order: number[]) => {
            let refunded = 0;
            let refundedCommission = 0;
            const shares: number[] = [];
            for (const p of order) {
              const s = refundShare({ merchandiseCents: p, orderAmountCents: amount, commissionCents: commission, refundedAmountCents: refunded, refundedCommissionCents: refundedCommission });
              expect(s.amountCents).toBeLessThanOrEqual(amount - refunded);
              expect(s.commissionCents).toBeLessThanOrEqual(commission - refundedCommission);
              expect(s.commissionCents).toBeLessThanOrEqual(Math.floor((commission * s.amountCents) / amount));
              refunded += s.amountCents;
              refundedCommission += s.commissionCents;
              shares.push(s.commissionCents);
            }
            refundedCommission += roundingLeft({ orderAmountCents: amount, commissionCents: commission, refundedAmountCents: refunded, refundedCommissionCents: refundedCommission });
            return { refunded, refundedCommission };
          };
          const forward = apply(parts);
          const backward = apply([...parts].reverse());
          expect(forward.refunded).toBe(Math.min(amount, parts.reduce((s, p) => s + p, 0)));
          expect(backward.refunded).toBe(forward.refunded);
          expect(forward.refundedCommission).toBeLessThanOrEqual(commission);
          if (forward.refunded === amount) {
            expect(forward.refundedCommission).toBe(commission);
            expect(backward.refundedCommission).toBe(commission);
          }
        },
      ),
    );
  });
});
