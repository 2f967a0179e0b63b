import { describe, expect, it } from "vitest";
import { FakeClock } from "./clock";
import { allocateProportionally, formatGraphql, formatRest, parseMoney } from "./money";
import { orderAmounts } from "./order-math";
import { orderPayload } from "./payloads";
import { priceOrder } from "./pricing";
import { Simulator } from "./simulator";
import { SimulatorError } from "./store";

const SHOP = "math.myshopify.com";

function sim(): Simulator {
  const s = new Simulator({ clock: new FakeClock("2026-09-01T12:00:00Z") });
  s.createShop({ domain: SHOP });
  return s;
}

describe("money", () => {
  it("parses and formats minor units", () => {
    expect(parseMoney("90", "USD")).toBe(9000);
    expect(parseMoney("0.5", "USD")).toBe(50);
    expect(parseMoney("1000", "JPY")).toBe(1000);
    expect(() => parseMoney("1.005", "USD")).toThrow(/decimal places/);
    expect(formatRest(9000, "USD")).toBe("90.00");
    expect(formatRest(-750, "USD")).toBe("-7.50");
    expect(formatRest(5, "USD")).toBe("0.05");
    expect(formatRest(1000, "JPY")).toBe("1000");
    expect(formatGraphql(8500, "USD")).toBe("85.0");
    expect(formatGraphql(3672, "USD")).toBe("36.72");
    expect(formatGraphql(750, "USD")).toBe("7.5");
    expect(formatGraphql(1000, "JPY")).toBe("1000.0");
  });

  it("allocates proportionally without losing a cent", () => {
    expect(allocateProportionally(500, [9000, 2700])).toEqual([385, 115]);
    expect(allocateProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateProportionally(0, [5, 5])).toEqual([0, 0]);
    const parts = allocateProportionally(1001, [333, 333, 334]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1001);
  });
});

describe("checkout arithmetic", () => {
  it("line prices × qty − discounts = subtotal; shipping and tax are separate", () => {
    const s = sim();
    s.store.createDiscount(SHOP, { code: "TEN", title: "Ten", value: { type: "fixed_amount", amount: 1000, appliesOnEachItem: false }, startsAt: 0 });
    const order = s.store.placeOrder(SHOP, {
      lineItems: [
        { title: "A", price: 1999, quantity: 3 },
        { title: "B", price: 501, quantity: 1, taxable: false },
      ],
      discountCodes: ["ten"],
      shipping: { price: 495 },
      taxRate: 0.0725,
    });
    const t = orderAmounts(order);
    expect(t.totalLineItemsPrice).toBe(5997 + 501);
    expect(t.totalDiscounts).toBe(1000);
    expect(t.subtotal).toBe(6498 - 1000);
    // Allocations sum to the code amount and tax is on the discounted taxable line only.
    const allocA = order.lineItems[0]?.allocations.reduce((x, a) => x + a.amount, 0) ?? 0;
    const allocB = order.lineItems[1]?.allocations.reduce((x, a) => x + a.amount, 0) ?? 0;
    expect(allocA + allocB).toBe(1000);
    expect(t.totalTax).toBe(Math.round((5997 - allocA) * 0.0725));
    expect(order.lineItems[1]?.taxLines).toEqual([]);
    expect(t.totalPrice).toBe(t.subtotal + 495 + t.totalTax);
    const p = orderPayload(s.store.requireShop(SHOP), order);
    expect(p.discount_codes).toEqual([{ code: "TEN", amount: "10.00", type: "fixed_amount" }]);
    expect(p.discount_applications).toEqual([
      { target_type: "line_item", type: "discount_code", value: "10.0", value_type: "fixed_amount", allocation_method: "across", target_selection: "all", code: "TEN" },
    ]);
  });

  it("supports taxes_included (tax is the included part; total = subtotal + shipping)", () => {
    const s = sim();
    const order = s.store.placeOrder(SHOP, {
      lineItems: [{ title: "EU thing", price: 12000, quantity: 1 }],
      taxRate: 0.2,
      taxTitle: "VAT",
      taxesIncluded: true,
      shipping: { price: 600 },
    });
    const t = orderAmounts(order);
    expect(t.totalTax).toBe(2000);
    expect(t.subtotal).toBe(12000);
    expect(t.totalPrice).toBe(12600);
    expect(orderPayload(s.store.requireShop(SHOP), order).taxes_included).toBe(true);
  });

  it("fixed amount per item (allocation_method each)", () => {
    const s = sim();
    s.store.createDiscount(SHOP, { code: "EACH2", title: "2 off each", value: { type: "fixed_amount", amount: 200, appliesOnEachItem: true }, startsAt: 0 });
    const order = s.store.placeOrder(SHOP, { lineItems: [{ title: "A", price: 1000, quantity: 3 }, { title: "B", price: 150, quantity: 1 }], discountCodes: ["EACH2"] });
    expect(order.lineItems.map((l) => l.allocations[0]?.amount)).toEqual([600, 150]);
    expect(order.discountApplications[0]?.allocationMethod).toBe("each");
  });

  it("priceOrder applies automatic discounts before codes", () => {
    const r = priceOrder({
      lines: [{ price: 9900, quantity: 1, taxable: true }, { price: 10000, quantity: 1, taxable: true }],
      discounts: [
        { type: "manual", valueType: "percentage", value: 15, allocationMethod: "across" },
        { type: "automatic", valueType: "fixed_amount", value: 500, allocationMethod: "across", lineIndexes: [0] },
      ],
      taxRate: 0,
      taxTitle: "Tax",
      taxesIncluded: false,
      shippingPrice: null,
      taxShipping: false,
    });
    expect(r.applicationAmounts).toEqual([2910, 500]);
    expect(r.allocations).toEqual([
      [{ applicationIndex: 0, amount: 1410 }, { applicationIndex: 1, amount: 500 }],
      [{ applicationIndex: 0, amount: 1500 }],
    ]);
  });

  it("refuses codes like checkout would", () => {
    const s = sim();
    const now = s.store.now();
    s.store.createDiscount(SHOP, { code: "LATER", title: "x", value: { type: "percentage", percentage: 0.1 }, startsAt: now + 86_400_000 });
    s.store.createDiscount(SHOP, { code: "OLD", title: "x", value: { type: "percentage", percentage: 0.1 }, startsAt: now - 2 * 86_400_000, endsAt: now - 86_400_000 });
    s.store.createDiscount(SHOP, { code: "ONCE", title: "x", value: { type: "percentage", percentage: 0.1 }, startsAt: 0, usageLimit: 1 });
    s.store.createDiscount(SHOP, { code: "SOLO", title: "x", value: { type: "percentage", percentage: 0.1 }, startsAt: 0 });
    s.store.createDiscount(SHOP, { code: "SOLO2", title: "x", value: { type: "percentage", percentage: 0.1 }, startsAt: 0 });
    s.store.createDiscount(SHOP, { code: "MIN50", title: "x", value: { type: "percentage", percentage: 0.1 }, startsAt: 0, minimumRequirement: { type: "subtotal", amount: 5000 } });
    const line = [{ title: "A", price: 1000, quantity: 1 }];
    const code = (codes: string[]): string => {
      try {
        s.store.placeOrder(SHOP, { lineItems: line, discountCodes: codes, email: "a@example.com" });
        return "ok";
      } catch (e) {
        return (e as SimulatorError).code;
      }
    };
    expect(code(["NOPE"])).toBe("discount_code_invalid");
    expect(code(["LATER"])).toBe("discount_code_not_active");
    expect(code(["OLD"])).toBe("discount_code_expired");
    expect(code(["ONCE"])).toBe("ok");
    expect(code(["once"])).toBe("discount_code_usage_limit");
    expect(code(["SOLO", "SOLO2"])).toBe("discount_codes_not_combinable");
    expect(code(["SOLO", "solo"])).toBe("discount_code_duplicate");
    expect(code(["MIN50"])).toBe("discount_code_minimum_not_met");
  });
});

describe("refund arithmetic", () => {
  it("repeated partial refunds add up exactly and move current_*", () => {
    const s = sim();
    s.store.createDiscount(SHOP, { code: "P10", title: "x", value: { type: "percentage", percentage: 0.1 }, startsAt: 0 });
    const order = s.store.placeOrder(SHOP, {
      lineItems: [{ title: "Trio", price: 1000, quantity: 3 }],
      discountCodes: ["P10"],
      taxRate: 0.07,
      shipping: { price: 500 },
    });
    const line = order.lineItems[0];
    if (!line) throw new Error("missing line");
    const before = orderAmounts(order);
    expect(before.subtotal).toBe(2700);
    for (let i = 0; i < 3; i++) s.store.refundOrder(SHOP, order.id, { lineItems: [{ lineItemId: line.id, quantity: 1 }] });
    const after = orderAmounts(order);
    expect(order.refunds.map((r) => r.lineItems[0]?.subtotal)).toEqual([900, 900, 900]);
    expect(after.refundedSubtotal).toBe(2700);
    expect(after.currentSubtotal).toBe(0);
    expect(after.currentTotalTax).toBe(0);
    expect(after.currentTotalDiscounts).toBe(0);
    expect(after.currentShipping).toBe(500);
    expect(after.currentTotalPrice).toBe(500);
    expect(after.financialStatus).toBe("partially_refunded");
    expect(() => s.store.refundOrder(SHOP, order.id, { lineItems: [{ lineItemId: line.id, quantity: 1 }] })).toThrow(/only 0 left/);
    s.store.refundOrder(SHOP, order.id, { shipping: true });
    expect(orderAmounts(order).financialStatus).toBe("refunded");
    expect(orderAmounts(order).totalRefunded).toBe(before.totalPrice);
  });

  it("a shipping-only refund has no refund line items", () => {
    const s = sim();
    const order = s.store.placeOrder(SHOP, { lineItems: [{ title: "A", price: 1000, quantity: 1 }], shipping: { price: 800 } });
    const refund = s.store.refundOrder(SHOP, order.id, { shipping: 300 });
    expect(refund.lineItems).toEqual([]);
    expect(refund.shipping?.amount).toBe(300);
    expect(orderAmounts(order).currentSubtotal).toBe(1000);
    expect(orderAmounts(order).currentShipping).toBe(500);
  });
});
