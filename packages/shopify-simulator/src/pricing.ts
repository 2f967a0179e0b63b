/**
 * Checkout arithmetic: discount allocation across lines and tax, all in integer minor units.
 *
 * Conventions (matching the fixtures and the real captures they were checked against):
 *  - Automatic discounts are calculated first, then manual/code discounts in application-index
 *    order, each on what is left of the line after the previous ones (see the draft-order capture:
 *    a 15% manual discount after a 5.00 automatic one takes 15% of 94.00 on that line).
 *  - A percentage discount takes round(Σ remaining × pct) and spreads it proportionally across the
 *    targeted lines (largest remainder, so the per-line allocations sum exactly to the code amount).
 *  - A fixed "across" discount spreads min(amount, Σ remaining) proportionally; a fixed "each"
 *    discount takes min(amount × quantity, remaining) on every targeted line.
 *  - Tax is per line on the discounted line amount: round(net × rate), or the included part
 *    round(net × rate / (1 + rate)) when taxes are included. Shipping is taxed only if asked.
 *  - Gift-card lines take no discount (Shopify never applies a discount to a gift card) and no tax.
 */
import { allocateProportionally, roundHalfAwayFromZero } from "./money";
import type { DiscountAllocationRecord, TaxLineRecord } from "./types";

export interface PricingLine {
  price: number;
  quantity: number;
  taxable: boolean;
  /** A gift card: no discount ever applies to it (Shopify's rule), and it is not taxed. */
  giftCard?: boolean;
}

export interface PricingDiscount {
  type: "discount_code" | "manual" | "automatic";
  valueType: "percentage" | "fixed_amount";
  /** Percentage points (15 = 15%) or minor units. */
  value: number;
  allocationMethod: "across" | "each";
  /** Line indexes the discount is restricted to; undefined = all lines. */
  lineIndexes?: readonly number[];
}

export interface PricingInput {
  lines: readonly PricingLine[];
  /** In application-index order. */
  discounts: readonly PricingDiscount[];
  taxRate: number;
  taxTitle: string;
  taxesIncluded: boolean;
  shippingPrice: number | null;
  taxShipping: boolean;
}

export interface PricingResult {
  allocations: DiscountAllocationRecord[][];
  lineTaxLines: TaxLineRecord[][];
  shippingTaxLines: TaxLineRecord[];
  /** Σ allocations per discount application (index aligned with `discounts`). */
  applicationAmounts: number[];
}

export function priceOrder(input: PricingInput): PricingResult {
  const { lines, discounts } = input;
  const allocations: DiscountAllocationRecord[][] = lines.map(() => []);
  const remaining = lines.map((l) => l.price * l.quantity);
  const applicationAmounts = discounts.map(() => 0);

  const order = discounts
    .map((d, index) => ({ d, index }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.index - b.index);

  for (const { d, index } of order) {
    const targets = (d.lineIndexes ?? lines.map((_, i) => i)).filter((i) => i >= 0 && i < lines.length && !lines[i]!.giftCard);
    const perLine = new Map<number, number>();
    if (d.valueType === "percentage") {
      const base = targets.reduce((sum, i) => sum + (remaining[i] ?? 0), 0);
      const total = Math.min(base, roundHalfAwayFromZero((base * d.value) / 100));
      const parts = allocateProportionally(total, targets.map((i) => remaining[i] ?? 0));
      targets.forEach((i, k) => perLine.set(i, parts[k] ?? 0));
    } else if (d.allocationMethod === "each") {
      for (const i of targets) {
        const line = lines[i];
        if (!line) continue;
        perLine.set(i, Math.min(d.value * line.quantity, remaining[i] ?? 0));
      }
    } else {
      const base = targets.reduce((sum, i) => sum + (remaining[i] ?? 0), 0);
      const total = Math.min(d.value, base);
      const parts = allocateProportionally(total, targets.map((i) => remaining[i] ?? 0));
      targets.forEach((i, k) => perLine.set(i, parts[k] ?? 0));
    }
    for (const [i, amount] of perLine) {
      if (amount <= 0) continue;
      remaining[i] = (remaining[i] ?? 0) - amount;
      allocations[i]?.push({ applicationIndex: index, amount });
      applicationAmounts[index] = (applicationAmounts[index] ?? 0) + amount;
    }
  }
  for (const list of allocations) list.sort((a, b) => a.applicationIndex - b.applicationIndex);

  const tax = (net: number): number =>
    input.taxesIncluded
      ? roundHalfAwayFromZero((net * input.taxRate) / (1 + input.taxRate))
      : roundHalfAwayFromZero(net * input.taxRate);

  const lineTaxLines = lines.map((line, i): TaxLineRecord[] =>
    line.taxable && !line.giftCard && input.taxRate > 0
      ? [{ title: input.taxTitle, rate: input.taxRate, price: tax(remaining[i] ?? 0) }]
      : [],
  );
  const shippingTaxLines: TaxLineRecord[] =
    input.taxShipping && input.taxRate > 0 && input.shippingPrice !== null && input.shippingPrice > 0
      ? [{ title: input.taxTitle, rate: input.taxRate, price: tax(input.shippingPrice) }]
      : [];

  return { allocations, lineTaxLines, shippingTaxLines, applicationAmounts };
}

function rank(d: PricingDiscount): number {
  return d.type === "automatic" ? 0 : 1;
}

/** Aggregates tax lines by (title, rate), preserving first-seen order. */
export function aggregateTaxLines(lists: readonly (readonly TaxLineRecord[])[]): TaxLineRecord[] {
  const out: TaxLineRecord[] = [];
  for (const list of lists) {
    for (const t of list) {
      const existing = out.find((o) => o.title === t.title && o.rate === t.rate);
      if (existing) existing.price += t.price;
      else out.push({ ...t });
    }
  }
  return out;
}
