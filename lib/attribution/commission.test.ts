import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commissionFor } from "./commission";
import { formatMoney, formatRate } from "./format";

describe("commissionFor", () => {
  it.each([
    [9000, 1500, 1350], // 15 % of $90.00
    [1, 5000, 1], // 0.5 → 1
    [3, 5000, 2], // 1.5 → 2
    [1, 3333, 0], // 0.3333 → 0
    [2, 2500, 1], // 0.5 → 1
    [14, 2500, 4], // 3.5 → 4
    [13, 2500, 3], // 3.25 → 3
    [9999, 1, 1], // 0.9999 → 1
    [4999, 1, 0], // 0.4999 → 0
    [5000, 1, 1], // 0.5 → 1
    [0, 1500, 0],
    [-500, 1500, 0],
    [9000, 0, 0],
    [9000, -100, 0],
    [9000, 10_000, 9000],
    [9000, 25_000, 9000], // never more than the amount
    [Number.MAX_SAFE_INTEGER, 10_000, Number.MAX_SAFE_INTEGER],
    [Number.MAX_SAFE_INTEGER, 5000, 4503599627370496], // 4503599627370495.5 → up, exactly
  ])("%i × %i bps → %i", (amount, rate, expected) => {
    expect(commissionFor(amount, rate)).toBe(expected);
  });

  it.each([
    [90.5, 1500],
    [9000, 15.5],
    [Number.NaN, 1500],
    [Number.POSITIVE_INFINITY, 1500],
    [2 ** 53, 1500],
  ])("refuses %s × %s (not integers)", (amount, rate) => {
    expect(() => commissionFor(amount, rate)).toThrow(RangeError);
  });

  it("rounds half up and stays within [0, amount] (property)", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: -20_000, max: 40_000 }), (amount, rate) => {
        const commission = commissionFor(amount, rate);
        expect(Number.isSafeInteger(commission)).toBe(true);
        expect(commission).toBeGreaterThanOrEqual(0);
        expect(commission).toBeLessThanOrEqual(Math.max(0, amount));
        if (amount > 0 && rate > 0 && rate <= 10_000) {
          // exact reference: quotient, plus one when the remainder is half the divisor or more
          const product = BigInt(amount) * BigInt(rate);
          const expected = product / 10_000n + (product % 10_000n >= 5_000n ? 1n : 0n);
          expect(BigInt(commission)).toBe(expected);
        }
      }),
    );
  });
});

describe("formatting for explanations", () => {
  it.each([
    [1350, "USD", "$13.50"],
    [5, "USD", "$0.05"],
    [1000, "JPY", "¥1,000"],
    [123456, "EUR", "€1,234.56"],
    [12345, "KWD", "KWD 12.345"],
    [1350, "usd", "$13.50"],
    [1350, "XX", "1350 XX (minor units)"],
  ])("formatMoney(%i, %s) → %s", (minor, currency, expected) => {
    expect(formatMoney(minor, currency).replace(/\u00a0/g, " ")).toBe(expected);
  });

  it.each([
    [1500, "15 %"],
    [1250, "12.5 %"],
    [3333, "33.33 %"],
    [5, "0.05 %"],
    [0, "0 %"],
    [10_000, "100 %"],
  ])("formatRate(%i) → %s", (bps, expected) => {
    expect(formatRate(bps)).toBe(expected);
  });
});
