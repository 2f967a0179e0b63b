import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commissionFor } from "@/lib/attribution/commission";
import { evaluateCommission, oneRate, scaleTo } from "./evaluate";
import { refundByLine, replayLineRefunds } from "./refund-lines";
import { planFromInput, rulesInputSchema } from "./schema";
import { ruleNotes } from "./shadows";
import type { CommissionPlan, CommissionRule, CustomerKind, EvaluateInput, ProductFacts, RuleLine } from "./types";

const NO_TARGETS = { productIds: [], variantIds: [], collectionIds: [], tags: [], vendors: [] };
const rule = (id: string, over: Partial<Omit<CommissionRule, "targets">> & { targets?: Partial<CommissionRule["targets"]> } = {}): CommissionRule => ({
  id,
  name: over.name ?? id,
  customer: over.customer ?? "any",
  action: over.action ?? { type: "rate", rateBps: 2000 },
  targets: { ...NO_TARGETS, ...over.targets },
});
const line = (lineItemId: number, priceCents: number, over: Partial<RuleLine> = {}): RuleLine => ({
  lineItemId,
  productId: lineItemId * 10,
  variantId: lineItemId * 100,
  title: `Line ${lineItemId}`,
  quantity: 1,
  priceCents,
  discountCents: 0,
  taxCents: 0,
  giftCard: false,
  ...over,
});
const plan = (rules: CommissionRule[], over: Partial<CommissionPlan> = {}): CommissionPlan => ({ rules, capPerOrderCents: null, minOrderAmountCents: null, ...over });
const netOf = (ls: RuleLine[]) => ls.reduce((s, l) => s + l.priceCents * l.quantity - l.discountCents, 0);
const evaluate = (lines: RuleLine[], p: CommissionPlan, over: Partial<EvaluateInput> = {}) =>
  evaluateCommission({
    order: { subtotalCents: netOf(lines), lineItemsTaxCents: 0, taxesIncluded: false, lines },
    plan: p,
    campaignRateBps: 1000,
    creatorRateBps: null,
    customer: "unknown",
    ...over,
  });
const products = (...facts: ProductFacts[]) => new Map(facts.map((f) => [f.productId, f]));

describe("evaluateCommission (table)", () => {
  it("no rules: one rate on every line is rounded once on the whole amount, as before rules, and spread over the lines", () => {
    const r = evaluate([line(1, 9000), line(2, 5), line(3, 5)], plan([]));
    // 10 % of 90.10 = 9.01 (each line rounded alone would give 9.00 + 0.01 + 0.01 = 9.02)
    expect(r.commissionCents).toBe(901);
    expect(r.lines.map((l) => l.commissionCents)).toEqual([900, 1, 0]);
    expect(r.amountCents).toBe(9010);
    expect(r.lines.every((l) => l.basis.type === "campaign_rate")).toBe(true);
  });

  it("lines at different rates are each rounded half up on their own", () => {
    const r = evaluate([line(1, 9000), line(2, 5), line(3, 5)], plan([rule("p2", { targets: { productIds: [20] }, action: { type: "rate", rateBps: 1000 } }), rule("p3", { targets: { productIds: [30] }, action: { type: "rate", rateBps: 5000 } })]), { campaignRateBps: 2000 });
    // 20 % of 90.00 = 18.00; 10 % of 0.05 = 0.005 → 0.01; 50 % of 0.05 = 0.025 → 0.03
    expect(r.lines.map((l) => l.commissionCents)).toEqual([1800, 1, 3]);
    expect(r.commissionCents).toBe(1804);
  });

  it("a product rate beats the campaign rate on its line only", () => {
    const r = evaluate([line(1, 10_000), line(2, 5000)], plan([rule("launch", { targets: { productIds: [10] }, action: { type: "rate", rateBps: 2500 } })]));
    expect(r.lines.map((l) => [l.commissionCents, l.rateBps, l.basis.type])).toEqual([
      [2500, 2500, "rule"],
      [500, 1000, "campaign_rate"],
    ]);
    expect(r.commissionCents).toBe(3000);
  });

  it("excluded lines by product, variant, collection, tag and vendor leave the amount and earn nothing", () => {
    const lines = [
      line(1, 1000), // product 10
      line(2, 2000), // variant 200
      line(3, 3000, { productId: 77 }), // in collection 5
      line(4, 4000, { productId: 88 }), // tagged "Sale"
      line(5, 5000, { vendor: "Acme Subscriptions" }),
      line(6, 6000), // earns
    ];
    const facts = products(
      { productId: 77, vendor: null, tags: [], collectionIds: [5] },
      { productId: 88, vendor: null, tags: ["Sale", "summer"], collectionIds: [] },
    );
    const exclude = { type: "exclude" } as const;
    const r = evaluate(
      lines,
      plan([
        rule("p", { targets: { productIds: [10] }, action: exclude }),
        rule("v", { targets: { variantIds: [200] }, action: exclude }),
        rule("c", { targets: { collectionIds: [5] }, action: exclude }),
        rule("t", { targets: { tags: ["sale"] }, action: exclude }),
        rule("vendor", { targets: { vendors: ["acme subscriptions"] }, action: exclude }),
      ]),
      { products: facts },
    );
    expect(r.lines.map((l) => [l.excluded, l.amountCents, l.commissionCents])).toEqual([
      [true, 0, 0],
      [true, 0, 0],
      [true, 0, 0],
      [true, 0, 0],
      [true, 0, 0],
      [false, 6000, 600],
    ]);
    expect(r.lines.map((l) => (l.basis.type === "rule" ? l.basis.ruleId : l.basis.type))).toEqual(["p", "v", "c", "t", "vendor", "campaign_rate"]);
    expect(r.amountCents).toBe(6000);
    expect(r.commissionCents).toBe(600);
  });

  it("a product whose collections and tags are unknown matches no collection or tag rule", () => {
    const r = evaluate([line(1, 1000, { productId: 99 })], plan([rule("t", { targets: { tags: ["sale"] }, action: { type: "exclude" } })]));
    expect(r.lines[0]!.excluded).toBe(false);
    expect(r.commissionCents).toBe(100);
  });

  it("a fixed amount per unit, never more than the line collected", () => {
    const r = evaluate(
      [line(1, 2000, { quantity: 3 }), line(2, 300, { quantity: 2 })],
      plan([rule("fixed", { targets: { productIds: [10, 20] }, action: { type: "fixed_per_unit", amountCents: 500 } })]),
    );
    expect(r.lines.map((l) => [l.collectedCents, l.commissionCents, l.fixedPerUnitCents])).toEqual([
      [6000, 1500, 500],
      [600, 600, 500], // 2 × 5.00 = 10.00, but the line collected 6.00
    ]);
  });

  it("the creator's roster rate replaces the campaign rate; product rules still win", () => {
    const r = evaluate([line(1, 10_000), line(2, 10_000)], plan([rule("launch", { targets: { productIds: [10] }, action: { type: "rate", rateBps: 3000 } })]), { creatorRateBps: 1500 });
    expect(r.lines.map((l) => [l.commissionCents, l.basis.type])).toEqual([
      [3000, "rule"],
      [1500, "creator_rate"],
    ]);
  });

  it.each<[CustomerKind, number, string]>([
    ["first_order", 3000, "rule"],
    ["returning", 500, "rule"],
    ["unknown", 1000, "campaign_rate"],
  ])("customer %s: new vs returning rules", (customer, commission, basis) => {
    const p = plan([rule("new", { customer: "first_order", action: { type: "rate", rateBps: 3000 } }), rule("back", { customer: "returning", action: { type: "rate", rateBps: 500 } })]);
    const r = evaluate([line(1, 10_000)], p, { customer });
    expect(r.commissionCents).toBe(commission);
    expect(r.lines[0]!.basis.type).toBe(basis);
  });

  it("the first matching rule wins when rules overlap", () => {
    const r = evaluate(
      [line(1, 10_000)],
      plan([rule("first", { targets: { productIds: [10] }, action: { type: "rate", rateBps: 500 } }), rule("second", { targets: { variantIds: [100] }, action: { type: "rate", rateBps: 5000 } })]),
    );
    expect(r.lines[0]!.basis).toEqual({ type: "rule", ruleId: "first", ruleIndex: 0, name: "first" });
    expect(r.commissionCents).toBe(500);
  });

  it("a cap scales the lines down to add up to the cap exactly, largest remainders first", () => {
    // 10.00 + 5.00 + 3.33 = 18.33 over a 10.00 cap: 545.55…, 272.77…, 181.66… → 545, 273, 182
    const r = evaluate([line(1, 10_000), line(2, 5000), line(3, 3330)], plan([], { capPerOrderCents: 1000 }));
    expect(r.lines.map((l) => l.uncappedCommissionCents)).toEqual([1000, 500, 333]);
    expect(r.lines.map((l) => l.commissionCents)).toEqual([545, 273, 182]);
    expect(r.commissionCents).toBe(1000);
    expect(r.cap).toEqual({ capCents: 1000, beforeCents: 1833 });
  });

  it("a cap above the commission changes nothing", () => {
    const r = evaluate([line(1, 10_000)], plan([], { capPerOrderCents: 5000 }));
    expect(r.cap).toBeNull();
    expect(r.commissionCents).toBe(1000);
  });

  it("below the minimum order amount nothing is earned (the amount before exclusions counts)", () => {
    const p = plan([rule("x", { targets: { productIds: [10] }, action: { type: "exclude" } })], { minOrderAmountCents: 5000 });
    const below = evaluate([line(1, 3000), line(2, 1999)], p);
    expect(below.commissionCents).toBe(0);
    expect(below.belowMinimum).toEqual({ minCents: 5000, orderAmountCents: 4999 });
    expect(below.amountCents).toBe(1999);
    const at = evaluate([line(1, 3000), line(2, 2000)], p);
    expect(at.belowMinimum).toBeNull();
    expect(at.commissionCents).toBe(200);
  });

  it("discounts and included tax come off each line", () => {
    const lines = [line(1, 12_000, { discountCents: 2000, taxCents: 1667 }), line(2, 6000, { taxCents: 1000 })];
    const r = evaluateCommission({
      order: { subtotalCents: 16_000, lineItemsTaxCents: 2667, taxesIncluded: true, lines },
      plan: plan([rule("launch", { targets: { productIds: [10] }, action: { type: "rate", rateBps: 2000 } })]),
      campaignRateBps: 1000,
      creatorRateBps: null,
      customer: "unknown",
    });
    expect(r.lines.map((l) => [l.amountCents, l.commissionCents])).toEqual([
      [8333, 1667], // 20 % of 83.33 = 16.666 → 16.67
      [5000, 500],
    ]);
    expect(r.amountCents).toBe(13_333);
  });

  it("gift cards never earn and are no part of the amount", () => {
    const r = evaluate([line(1, 5000, { giftCard: true }), line(2, 5000)], plan([]));
    expect(r.lines.map((l) => [l.basis.type, l.commissionCents])).toEqual([
      ["gift_card", 0],
      ["campaign_rate", 500],
    ]);
    expect(r.amountCents).toBe(5000);
  });

  it("lines that do not add up to the subtotal: one whole-order line at Shopify's amount; product rules cannot apply", () => {
    const lines = [line(1, 5000), line(2, 5000)];
    const r = evaluateCommission({
      order: { subtotalCents: 9000, lineItemsTaxCents: 0, taxesIncluded: false, lines },
      plan: plan([rule("launch", { targets: { productIds: [10] }, action: { type: "rate", rateBps: 5000 } }), rule("new", { customer: "first_order", action: { type: "rate", rateBps: 2000 } })]),
      campaignRateBps: 1000,
      creatorRateBps: null,
      customer: "first_order",
    });
    expect(r.perLine).toBe(false);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]!).toMatchObject({ lineItemId: null, amountCents: 9000, commissionCents: 1800, basis: { type: "rule", ruleId: "new" } });
  });

  it("orders recorded without lines are one whole-order line too", () => {
    const r = evaluateCommission({ order: { subtotalCents: 9000, lineItemsTaxCents: 0, taxesIncluded: false, lines: null }, plan: plan([]), campaignRateBps: 1500, creatorRateBps: null, customer: "unknown" });
    expect(r.perLine).toBe(false);
    expect(r.commissionCents).toBe(commissionFor(9000, 1500));
  });
});

describe("refunds line by line (table)", () => {
  // A: 100.00 at 20 % = 20.00; B: 50.00 at the campaign's 10 % = 5.00. Blended, the order earns 16.67 %.
  const lines = [line(1, 10_000), line(2, 5000)];
  const evaluation = evaluate(lines, plan([rule("launch", { targets: { productIds: [10] }, action: { type: "rate", rateBps: 2000 } })]));
  const refundOf = (...parts: [number, number][]) => ({ subtotalCents: parts.reduce((s, [, c]) => s + c, 0), taxCents: 0, lines: parts.map(([id, c]) => ({ lineItemId: id, subtotalCents: c, taxCents: 0, giftCard: false })) });

  it("a refunded line reverses at its own rate, never the blended one", () => {
    const b = refundByLine({ lines: evaluation.lines, refund: refundOf([2, 5000]), taxesIncluded: false, refunded: new Map() });
    expect(b).toEqual({ amountCents: 5000, commissionCents: 500, lines: [{ lineItemId: 2, amountCents: 5000, commissionCents: 500 }] }); // blended would be 8.33
    const a = refundByLine({ lines: evaluation.lines, refund: refundOf([1, 5000]), taxesIncluded: false, refunded: new Map() });
    expect(a!.commissionCents).toBe(1000);
  });

  it("partial refunds of one line settle its last cents with the refund that completes it", () => {
    // 3.33 at 15 % = 0.4995 → 0.50; three refunds of 1.11: 0.16, 0.16, then 0.16 + the 0.02 left
    const ev = evaluate([line(1, 333)], plan([]), { campaignRateBps: 1500 });
    expect(ev.commissionCents).toBe(50);
    const { shares } = replayLineRefunds({ lines: ev.lines, refunds: [refundOf([1, 111]), refundOf([1, 111]), refundOf([1, 111])], taxesIncluded: false });
    expect(shares.map((s) => s!.commissionCents)).toEqual([16, 16, 18]);
  });

  it("a refund of an excluded line or a gift card reverses nothing", () => {
    const ev = evaluate([line(1, 1000), line(2, 1000, { giftCard: true }), line(3, 1000)], plan([rule("x", { targets: { productIds: [10] }, action: { type: "exclude" } })]));
    const r = refundByLine({ lines: ev.lines, refund: refundOf([1, 1000], [2, 1000]), taxesIncluded: false, refunded: new Map() });
    expect(r).toEqual({ amountCents: 0, commissionCents: 0, lines: [] });
  });

  it("a refund that does not name its lines, or names an unknown line, is for the order-wide share (null)", () => {
    expect(refundByLine({ lines: evaluation.lines, refund: { subtotalCents: 1000, taxCents: 0, lines: [] }, taxesIncluded: false, refunded: new Map() })).toBeNull();
    expect(refundByLine({ lines: evaluation.lines, refund: refundOf([999, 1000]), taxesIncluded: false, refunded: new Map() })).toBeNull();
  });

  it("never reverses more than what is left of a line", () => {
    const { shares, refunded } = replayLineRefunds({ lines: evaluation.lines, refunds: [refundOf([2, 4000]), refundOf([2, 4000])], taxesIncluded: false });
    expect(shares.map((s) => [s!.amountCents, s!.commissionCents])).toEqual([
      [4000, 400],
      [1000, 100],
    ]);
    expect(refunded.get(2)).toEqual({ amountCents: 5000, commissionCents: 500 });
  });
});

describe("rules input (422 with the field named)", () => {
  const issues = (v: unknown) => {
    const r = rulesInputSchema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
  };
  it.each([
    [{ rules: [{ action: "rate", rate_bps: 10_001 }] }, "rules.0.rate_bps"],
    [{ rules: [{ action: "rate", rate_bps: -1 }] }, "rules.0.rate_bps"],
    [{ rules: [{ action: "rate" }] }, "rules.0.rate_bps"],
    [{ rules: [{ action: "fixed_per_unit", amount: -5 }] }, "rules.0.amount"],
    [{ rules: [{ action: "fixed_per_unit", amount: 1.5 }] }, "rules.0.amount"],
    [{ rules: [], cap_per_order: -1 }, "cap_per_order"],
    [{ rules: [], min_order_amount: -100 }, "min_order_amount"],
    [{ rules: [{ action: "exclude", product_ids: [0] }] }, "rules.0.product_ids.0"],
    [{ rules: [{ id: "a", action: "exclude" }, { id: "a", action: "exclude" }] }, "rules.1.id"],
    [{ rules: [{ action: "bonus" }] }, "rules.0.action"],
  ])("%j → %s", (input, field) => {
    expect(issues(input)).toContain(field);
  });

  it("accepts overlapping rules and names them", () => {
    const parsed = rulesInputSchema.parse({ rules: [{ action: "rate", rate_bps: 2000, tags: ["launch"] }, { action: "exclude", tags: ["Launch"] }], cap_per_order: 0 });
    const p = planFromInput(parsed);
    expect(p.rules.map((r) => r.name)).toEqual(["20 % on tag launch", "Exclude on tag Launch"]);
    expect(p.rules[0]!.id).toMatch(/^rul_/);
    expect(p.capPerOrderCents).toBe(0);
  });
});

describe("ruleNotes (the editor's warnings)", () => {
  it("says which rule shadows which, which overlap, and which name deleted products", () => {
    const rules = [
      rule("sale", { targets: { tags: ["sale"], productIds: [1, 2] }, action: { type: "exclude" } }),
      rule("p1", { targets: { productIds: [1] } }), // fully under "sale"
      rule("p2-3", { targets: { productIds: [2, 3] } }), // overlaps on product 2
      rule("first", { customer: "first_order" }),
      rule("first-again", { customer: "first_order", targets: { vendors: ["Acme"] } }), // under "first"
      rule("returning", { customer: "returning", targets: { productIds: [9] } }), // "first" cannot meet a returning customer
    ];
    const notes = ruleNotes(rules, products({ productId: 3, vendor: null, tags: [], collectionIds: [], deleted: true }));
    expect(notes).toEqual([
      { type: "shadowed", ruleId: "p1", byRuleId: "sale", byIndex: 0 },
      { type: "overlaps", ruleId: "p2-3", withRuleId: "sale", withIndex: 0 },
      { type: "missing_products", ruleId: "p2-3", productIds: [3] },
      { type: "overlaps", ruleId: "first", withRuleId: "sale", withIndex: 0 },
      { type: "overlaps", ruleId: "first", withRuleId: "p1", withIndex: 1 },
      { type: "overlaps", ruleId: "first", withRuleId: "p2-3", withIndex: 2 },
      { type: "shadowed", ruleId: "first-again", byRuleId: "first", byIndex: 3 },
      // "returning" names product 9 (no earlier rule does) and no first-order rule can meet a returning customer: nothing to say
    ]);
  });
});

// ── Properties ─────────────────────────────────────────────────────────────────────────────────────

const PRODUCT_IDS = [10, 20, 30, 40];
const arbLine = (id: number) =>
  fc
    .record({
      productId: fc.constantFrom(...PRODUCT_IDS),
      quantity: fc.integer({ min: 1, max: 5 }),
      priceCents: fc.integer({ min: 0, max: 50_000 }),
      discountPct: fc.integer({ min: 0, max: 100 }),
      taxCents: fc.integer({ min: 0, max: 2000 }),
      giftCard: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      vendor: fc.constantFrom(null, "Acme", "Other"),
    })
    .map((r): RuleLine => {
      const gross = r.priceCents * r.quantity;
      const discountCents = Math.floor((gross * r.discountPct) / 100);
      return { lineItemId: id, productId: r.productId, variantId: r.productId * 10 + 1, title: `L${id}`, quantity: r.quantity, priceCents: r.priceCents, discountCents, taxCents: Math.min(r.taxCents, gross - discountCents), giftCard: r.giftCard, vendor: r.vendor };
    });
const arbLines = fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbLine(i + 1))));
const arbAction: fc.Arbitrary<CommissionRule["action"]> = fc.oneof(
  fc.constant({ type: "exclude" as const }),
  fc.integer({ min: 0, max: 10_000 }).map((rateBps) => ({ type: "rate" as const, rateBps })),
  fc.integer({ min: 0, max: 5000 }).map((amountCents) => ({ type: "fixed_per_unit" as const, amountCents })),
);
const arbRule = fc
  .record({
    productIds: fc.subarray(PRODUCT_IDS, { maxLength: 2 }),
    tags: fc.subarray(["sale", "launch"], { maxLength: 1 }),
    vendors: fc.subarray(["acme"], { maxLength: 1 }),
    customer: fc.constantFrom<CommissionRule["customer"]>("any", "any", "first_order", "returning"),
    action: arbAction,
  })
  .map((r): Omit<CommissionRule, "id"> => ({ name: "r", customer: r.customer, action: r.action, targets: { ...NO_TARGETS, productIds: r.productIds, tags: r.tags, vendors: r.vendors } }));
const arbPlan: fc.Arbitrary<CommissionPlan> = fc.record({
  rules: fc.array(arbRule, { maxLength: 4 }).map((rs) => rs.map((r, i) => ({ ...r, id: `r${i}` }))),
  capPerOrderCents: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }),
  minOrderAmountCents: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: null }),
});
const FACTS = products({ productId: 10, vendor: "Acme", tags: ["Sale"], collectionIds: [1] }, { productId: 20, vendor: null, tags: ["launch"], collectionIds: [] });
const arbInput = fc.record({
  lines: arbLines,
  plan: arbPlan,
  taxesIncluded: fc.boolean(),
  campaignRateBps: fc.integer({ min: 0, max: 10_000 }),
  creatorRateBps: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
  customer: fc.constantFrom<CustomerKind>("first_order", "returning", "unknown"),
});
type Generated = typeof arbInput extends fc.Arbitrary<infer T> ? T : never;
const toInput = (v: Generated): EvaluateInput => {
  const subtotal = netOf(v.lines);
  return {
    order: { subtotalCents: subtotal, lineItemsTaxCents: v.lines.reduce((s, l) => s + l.taxCents, 0), taxesIncluded: v.taxesIncluded, lines: v.lines },
    plan: v.plan,
    campaignRateBps: v.campaignRateBps,
    creatorRateBps: v.creatorRateBps,
    customer: v.customer,
    products: FACTS,
  };
};

describe("evaluateCommission (properties)", () => {
  it("the order's commission is the sum of its lines, each within [0, its amount], never above the cap; the amount is the sum of the eligible lines", () => {
    fc.assert(
      fc.property(arbInput, (v) => {
        const r = evaluateCommission(toInput(v));
        expect(r.commissionCents).toBe(r.lines.reduce((s, l) => s + l.commissionCents, 0));
        expect(r.amountCents).toBe(r.lines.reduce((s, l) => s + l.amountCents, 0));
        for (const l of r.lines) {
          expect(l.commissionCents).toBeGreaterThanOrEqual(0);
          expect(l.commissionCents).toBeLessThanOrEqual(l.amountCents);
          if (l.excluded) expect([l.amountCents, l.commissionCents]).toEqual([0, 0]);
        }
        if (v.plan.capPerOrderCents !== null) expect(r.commissionCents).toBeLessThanOrEqual(v.plan.capPerOrderCents);
        if (r.belowMinimum) expect(r.commissionCents).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it("each line earns what the first matching rule (else the creator's, else the campaign's rate) gives it, rounded on its own (one rate on every line: rounded once on the whole)", () => {
    fc.assert(
      fc.property(arbInput, (v) => {
        const input = toInput(v);
        const r = evaluateCommission({ ...input, plan: { ...input.plan, capPerOrderCents: null, minOrderAmountCents: null } });
        if (!r.perLine) return;
        if (oneRate(r.lines) && r.lines.filter((l) => !l.excluded).length > 1) {
          const earning = r.lines.filter((l) => !l.excluded);
          expect(r.commissionCents).toBe(commissionFor(earning.reduce((s, l) => s + l.amountCents, 0), earning[0]!.rateBps!));
          return;
        }
        r.lines.forEach((l, i) => {
          const src = v.lines[i]!;
          if (src.giftCard) return expect(l.basis.type).toBe("gift_card");
          const amount = src.priceCents * src.quantity - src.discountCents - (v.taxesIncluded ? src.taxCents : 0);
          const first = v.plan.rules.find((ru) => {
            if (ru.customer !== "any" && ru.customer !== v.customer) return false;
            const t = ru.targets;
            if (t.productIds.length + t.tags.length + t.vendors.length === 0) return true;
            const f = FACTS.get(src.productId!);
            return (
              t.productIds.includes(src.productId!) ||
              (f !== undefined && t.tags.some((tag) => f.tags.map((x) => x.toLowerCase()).includes(tag))) ||
              t.vendors.some((vd) => [src.vendor, f?.vendor].some((x) => x?.toLowerCase() === vd))
            );
          });
          const expected =
            first === undefined
              ? commissionFor(amount, v.creatorRateBps ?? v.campaignRateBps)
              : first.action.type === "exclude"
                ? 0
                : first.action.type === "rate"
                  ? commissionFor(amount, first.action.rateBps)
                  : Math.min(first.action.amountCents * src.quantity, Math.max(0, amount));
          expect(l.commissionCents).toBe(expected);
        });
      }),
      { numRuns: 400 },
    );
  });

  it("refunding every line in any pieces, in any order, reverses exactly each line's own commission (never a blended share)", () => {
    fc.assert(
      fc.property(
        arbInput,
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 6, maxLength: 6 }),
        fc.integer(),
        (v, pieces, seed) => {
          const input = toInput(v);
          const ev = evaluateCommission(input);
          if (!ev.perLine) return;
          // cut each line's collected amount (tax included when prices include it) into pieces, then shuffle
          const parts: { id: number; subtotal: number; tax: number }[] = [];
          ev.lines.forEach((l, i) => {
            const src = v.lines[i]!;
            const n = pieces[i]!;
            const gross = src.priceCents * src.quantity - src.discountCents;
            const tax = v.taxesIncluded ? src.taxCents : 0;
            for (let k = 0; k < n; k++) {
              const s = Math.floor((gross * (k + 1)) / n) - Math.floor((gross * k) / n);
              const t = Math.floor((tax * (k + 1)) / n) - Math.floor((tax * k) / n);
              parts.push({ id: l.lineItemId!, subtotal: s, tax: t });
            }
          });
          const order = fc.sample(fc.shuffledSubarray(parts, { minLength: parts.length, maxLength: parts.length }), { seed, numRuns: 1 })[0]!;
          const refunds = order.map((p) => ({ subtotalCents: p.subtotal, taxCents: p.tax, lines: [{ lineItemId: p.id, subtotalCents: p.subtotal, taxCents: p.tax, giftCard: null }] }));
          const { shares, refunded } = replayLineRefunds({ lines: ev.lines, refunds, taxesIncluded: v.taxesIncluded });
          for (const l of ev.lines) {
            const got = refunded.get(l.lineItemId!) ?? { amountCents: 0, commissionCents: 0 };
            expect(got).toEqual({ amountCents: l.amountCents, commissionCents: l.amountCents > 0 ? l.commissionCents : 0 });
          }
          const total = shares.reduce((s, x) => s + x!.commissionCents, 0);
          expect(total).toBe(ev.lines.filter((l) => l.amountCents > 0).reduce((s, l) => s + l.commissionCents, 0));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("scaleTo: adds up to the target, each part within one cent of its exact share", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 1_000_000 }), (values, t) => {
        const total = values.reduce((s, x) => s + x, 0);
        const target = Math.min(t, total);
        const out = scaleTo(values, target);
        expect(out.reduce((s, x) => s + x, 0)).toBe(total === 0 ? 0 : target);
        out.forEach((o, i) => {
          const exact = total === 0 ? 0 : (values[i]! * target) / total;
          expect(Math.abs(o - exact)).toBeLessThan(1);
        });
      }),
    );
  });
});
