import { commissionFor } from "@/lib/attribution/commission";
import { commissionableAmount } from "@/lib/ledger/commissionable-amount";
import type { CommissionEvaluation, CommissionRule, CustomerKind, EvaluateInput, EvaluatedLine, LineBasis, ProductFacts, RuleLine } from "./types";

/**
 * The commission of one order under a campaign's rules, line by line. Pure and deterministic; the one
 * definition used by live attribution, refunds and the what-if preview.
 *
 * - Each line's commissionable amount is what it collected: price × quantity − its discount
 *   allocations, its tax removed when prices include tax. Gift cards never earn (and are not part of
 *   the amount), as before.
 * - Rules are tried in order; the first rule that matches a line decides it: `exclude` (the line
 *   leaves the commissionable amount, like a gift card), a `rate` (basis points of the line), or a
 *   `fixed_per_unit` amount (× quantity, never more than the line collected). A rule matches a line
 *   when its customer condition holds and the line matches any of its targets (no targets = every
 *   line). No rule matches → the creator's roster rate, else the campaign rate.
 * - Lines at different rates (or fixed amounts) are each rounded on their own, half up
 *   (`commissionFor`); the order's commission is their sum. When every earning line is at one and the
 *   same rate (no rules, or rules that all give one rate), the order is rounded once, as before rules
 *   existed — rate × the whole amount — and that commission is spread over the lines by their amounts
 *   (largest remainders get the odd cents), so a campaign without rules earns exactly what it did.
 * - A minimum order amount compares the order's amount before rule exclusions (gift cards already
 *   out); below it nothing is earned. A cap per order scales the lines down so that they add up to
 *   the cap exactly (largest remainders get the odd cents, first line first on ties), so each line
 *   keeps its own share for refunds.
 * - Orders whose lines were not recorded, or whose lines do not add up to Shopify's subtotal, are one
 *   whole-order line for the amount Shopify states: only rules without product targets apply to it.
 */
export function evaluateCommission(input: EvaluateInput): CommissionEvaluation {
  const { order, plan } = input;
  const base = commissionableAmount({ subtotalCents: order.subtotalCents, lineItemsTaxCents: order.lineItemsTaxCents, taxesIncluded: order.taxesIncluded, lines: order.lines });
  const fallback: { rateBps: number; basis: LineBasis } =
    input.creatorRateBps !== null ? { rateBps: input.creatorRateBps, basis: { type: "creator_rate" } } : { rateBps: input.campaignRateBps, basis: { type: "campaign_rate" } };

  const perLineAmounts = order.lines && !base.discrepancy && !base.giftCardsOnly ? order.lines.map((l) => lineAmount(l, order.taxesIncluded)) : null;
  const perLine = perLineAmounts !== null && perLineAmounts.every((a) => a >= 0) && sum(perLineAmounts.filter((_, i) => !order.lines![i]!.giftCard)) === base.amountCents;

  const wholeOrder: RuleLine = { lineItemId: null, productId: null, variantId: null, title: "Whole order", quantity: 1, priceCents: base.amountCents, discountCents: 0, taxCents: 0, giftCard: false };
  const lines: readonly RuleLine[] = perLine ? order.lines! : base.giftCardsOnly && order.lines ? order.lines : [wholeOrder];
  const amounts = perLine ? perLineAmounts! : base.giftCardsOnly && order.lines ? order.lines.map((l) => lineAmount(l, order.taxesIncluded)) : [base.amountCents];

  const ruled: EvaluatedLine[] = lines.map((line, i) => {
    const collected = Math.max(0, amounts[i]!);
    const common = { lineItemId: line.lineItemId, title: line.title, quantity: line.quantity, collectedCents: collected };
    if (line.giftCard) return { ...common, amountCents: 0, commissionCents: 0, rateBps: null, fixedPerUnitCents: null, excluded: true, basis: { type: "gift_card" } };
    const index = plan.rules.findIndex((r) => ruleMatches(r, line, input.customer, input.products, perLine));
    if (index < 0) return { ...common, amountCents: collected, commissionCents: commissionFor(collected, fallback.rateBps), rateBps: fallback.rateBps, fixedPerUnitCents: null, excluded: false, basis: fallback.basis };
    const rule = plan.rules[index]!;
    const basis: LineBasis = { type: "rule", ruleId: rule.id, ruleIndex: index, name: rule.name };
    switch (rule.action.type) {
      case "exclude":
        return { ...common, amountCents: 0, commissionCents: 0, rateBps: null, fixedPerUnitCents: null, excluded: true, basis };
      case "rate":
        return { ...common, amountCents: collected, commissionCents: commissionFor(collected, rule.action.rateBps), rateBps: rule.action.rateBps, fixedPerUnitCents: null, excluded: false, basis };
      case "fixed_per_unit":
        return { ...common, amountCents: collected, commissionCents: fixedCommission(rule.action.amountCents, line.quantity, collected), rateBps: null, fixedPerUnitCents: rule.action.amountCents, excluded: false, basis };
    }
  });

  const evaluated = roundTogetherAtOneRate(ruled);
  const amountCents = sum(evaluated.map((l) => l.amountCents));
  if (plan.minOrderAmountCents !== null && base.amountCents < plan.minOrderAmountCents) {
    return {
      amountCents,
      commissionCents: 0,
      lines: evaluated.map((l) => (l.commissionCents === 0 ? l : { ...l, uncappedCommissionCents: l.commissionCents, commissionCents: 0 })),
      perLine,
      cap: null,
      belowMinimum: { minCents: plan.minOrderAmountCents, orderAmountCents: base.amountCents },
      customer: input.customer,
    };
  }
  const before = sum(evaluated.map((l) => l.commissionCents));
  if (plan.capPerOrderCents !== null && before > plan.capPerOrderCents) {
    const shares = scaleTo(
      evaluated.map((l) => l.commissionCents),
      plan.capPerOrderCents,
    );
    return {
      amountCents,
      commissionCents: plan.capPerOrderCents,
      lines: evaluated.map((l, i) => (shares[i] === l.commissionCents ? l : { ...l, uncappedCommissionCents: l.commissionCents, commissionCents: shares[i]! })),
      perLine,
      cap: { capCents: plan.capPerOrderCents, beforeCents: before },
      belowMinimum: null,
      customer: input.customer,
    };
  }
  return { amountCents, commissionCents: before, lines: evaluated, perLine, cap: null, belowMinimum: null, customer: input.customer };
}

/**
 * Every earning line at one rate: the commission is that rate on their total, rounded once, spread
 * over the lines by amount. Otherwise the lines as they are (each rounded on its own).
 */
function roundTogetherAtOneRate(lines: EvaluatedLine[]): EvaluatedLine[] {
  const earning = lines.filter((l) => !l.excluded);
  if (earning.length < 2) return lines;
  const rate = earning[0]!.rateBps;
  if (rate === null || earning.some((l) => l.rateBps !== rate || l.fixedPerUnitCents !== null)) return lines;
  const total = commissionFor(sum(earning.map((l) => l.amountCents)), rate);
  const shares = scaleTo(
    earning.map((l) => l.amountCents),
    total,
  );
  let k = 0;
  return lines.map((l) => (l.excluded ? l : { ...l, commissionCents: shares[k++]! }));
}

/** Whether the lines were rounded together at one rate (refunds then take the order's share, as before rules). */
export function oneRate(lines: readonly EvaluatedLine[]): boolean {
  const earning = lines.filter((l) => !l.excluded);
  return earning.length > 0 && earning.every((l) => l.rateBps !== null && l.rateBps === earning[0]!.rateBps && l.fixedPerUnitCents === null);
}

/** What a line collected: price × quantity − discounts, tax removed when prices include it. */
export function lineAmount(line: Pick<RuleLine, "priceCents" | "quantity" | "discountCents" | "taxCents">, taxesIncluded: boolean): number {
  return line.priceCents * line.quantity - line.discountCents - (taxesIncluded ? line.taxCents : 0);
}

/** Whether a rule decides a line: its customer condition holds and the line matches one of its targets (none = all). */
export function ruleMatches(rule: CommissionRule, line: RuleLine, customer: CustomerKind, products: ReadonlyMap<number, ProductFacts> | undefined, perLine = true): boolean {
  if (rule.customer !== "any" && rule.customer !== customer) return false;
  const t = rule.targets;
  const targeted = t.productIds.length + t.variantIds.length + t.collectionIds.length + t.tags.length + t.vendors.length > 0;
  if (!targeted) return true;
  if (!perLine) return false; // the whole-order line has no product
  if (line.productId !== null && t.productIds.includes(line.productId)) return true;
  if (line.variantId !== null && t.variantIds.includes(line.variantId)) return true;
  const facts = line.productId !== null ? products?.get(line.productId) : undefined;
  if (t.collectionIds.length > 0 && facts && facts.collectionIds.some((c) => t.collectionIds.includes(c))) return true;
  if (t.tags.length > 0 && facts) {
    const tags = new Set(facts.tags.map(fold));
    if (t.tags.some((tag) => tags.has(fold(tag)))) return true;
  }
  if (t.vendors.length > 0) {
    const vendors = [line.vendor, facts?.vendor].filter((v): v is string => typeof v === "string").map(fold);
    if (t.vendors.some((v) => vendors.includes(fold(v)))) return true;
  }
  return false;
}

const fold = (s: string) => s.trim().toLowerCase();

function fixedCommission(perUnitCents: number, quantity: number, collectedCents: number): number {
  if (perUnitCents <= 0 || quantity <= 0 || collectedCents <= 0) return 0;
  const total = BigInt(perUnitCents) * BigInt(quantity);
  return total > BigInt(collectedCents) ? collectedCents : Number(total);
}

/**
 * Non-negative integers scaled down to add up to `target` exactly (target below their sum): each gets
 * floor(v × target ÷ sum), and the cents left go one each to the largest remainders (earlier first on
 * ties). Exact integer arithmetic (BigInt).
 */
export function scaleTo(values: readonly number[], target: number): number[] {
  const total = BigInt(sum(values));
  if (total === 0n) return values.map(() => 0);
  const t = BigInt(Math.max(0, target));
  const parts = values.map((v, i) => {
    const p = BigInt(v) * t;
    return { i, floor: p / total, rest: p % total };
  });
  let left = t - parts.reduce((s, p) => s + p.floor, 0n);
  const byRest = [...parts].sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  const out = parts.map((p) => p.floor);
  for (const p of byRest) {
    if (left <= 0n) break;
    out[p.i]! += 1n;
    left -= 1n;
  }
  return out.map(Number);
}

const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
