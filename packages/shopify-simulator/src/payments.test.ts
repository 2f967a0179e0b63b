import { beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "./clock";
import { ALL_APP_TOPICS } from "./simulator";
import { serverForFile } from "./server-for-file";

/** Test orders, gift-card lines and unpaid orders marked paid or voided, as Shopify does them (control API and webhooks). */
const SECRET = "shpss_payments_test_secret";
const SHOP = "payments.myshopify.com";

const clock = new FakeClock("2026-09-10T12:00:00Z");
const { h, call } = serverForFile({ secret: SECRET, clock, appTopics: [...ALL_APP_TOPICS], waitForDeliveries: true });
type Order = { id: number; financial_status: string; test: boolean; total_outstanding: string; payment_gateway_names: string[]; subtotal_price: string; line_items: { gift_card: boolean; taxable: boolean; discount_allocations: unknown[]; tax_lines: unknown[] }[] };
const place = async (body: Record<string, unknown>) => {
  const res = await call("POST", `/_sim/shops/${SHOP}/orders`, body);
  expect(res.status).toBe(201);
  return res.json.order as Order;
};
const topics = () => h.receiver.received.map((w) => `${w.headers["x-shopify-topic"]}:${(w.body as { financial_status?: string }).financial_status ?? ""}`);

let token = "";
beforeEach(async () => {
  token = (await call("POST", "/_sim/shops", { domain: SHOP, currency: "USD" })).json.accessToken as string;
  await call("POST", `/_sim/shops/${SHOP}/discounts`, { code: "TEN", value_type: "percentage", value: "10" });
  await call("POST", `/_sim/shops/${SHOP}/discounts`, { code: "FIVER", value_type: "fixed_amount", value: "5.00" });
});

describe("payments and eligibility facts", () => {
  it("a test order: test in every payload, paid through the bogus gateway", async () => {
    const o = await place({ line_items: [{ title: "Serum", price: "60.00" }], test: true });
    expect(o).toMatchObject({ test: true, financial_status: "paid", payment_gateway_names: ["bogus"] });
  });

  it("gift-card lines take no discount (percentage or fixed) and no tax", async () => {
    for (const code of ["TEN", "FIVER"]) {
      const o = await place({ line_items: [{ title: "Serum", price: "60.00" }, { title: "Gift card", price: "25.00", gift_card: true }], discount_codes: [code], tax_rate: 0.1 });
      expect(o.line_items[1]).toMatchObject({ gift_card: true, taxable: false, discount_allocations: [], tax_lines: [] });
      expect(o.line_items[0]!.discount_allocations).toHaveLength(1);
      expect(o.subtotal_price).toBe(code === "TEN" ? "79.00" : "80.00");
    }
  });

  it("pending → paid: outstanding until paid; paying sends orders/updated and orders/paid", async () => {
    const o = await place({ line_items: [{ title: "Serum", price: "60.00" }], financial_status: "pending", gateway: "Cash on Delivery (COD)" });
    expect(o).toMatchObject({ financial_status: "pending", total_outstanding: "60.00" });
    await h.sim.webhooks.waitForIdle();
    expect(topics()).toEqual(["orders/create:pending"]);
    clock.advance(60_000);
    const paid = await call("POST", `/_sim/shops/${SHOP}/orders/${o.id}/pay`, {});
    expect(paid.status).toBe(200);
    expect(paid.json.order).toMatchObject({ financial_status: "paid", total_outstanding: "0.00" });
    await h.sim.webhooks.waitForIdle();
    expect(topics().slice(1).sort()).toEqual(["orders/paid:paid", "orders/updated:paid"]);
    expect((await call("POST", `/_sim/shops/${SHOP}/orders/${o.id}/pay`, {})).json).toMatchObject({ error: "already_paid" });
  });

  it("authorized → voided → cancelled; a voided order cannot be paid", async () => {
    const o = await place({ line_items: [{ title: "Serum", price: "60.00" }], financial_status: "authorized" });
    expect(o.financial_status).toBe("authorized");
    const voided = await call("POST", `/_sim/shops/${SHOP}/orders/${o.id}/void`, {});
    expect(voided.json.order).toMatchObject({ financial_status: "voided", total_outstanding: "0.00" });
    expect((await call("POST", `/_sim/shops/${SHOP}/orders/${o.id}/pay`, {})).status).toBe(422);
    const cancelled = await call("POST", `/_sim/shops/${SHOP}/orders/${o.id}/cancel`, {});
    expect(cancelled.json.order).toMatchObject({ financial_status: "voided" });
  });

  it("partially_paid (a deposit) → paid; a deposit cannot be voided", async () => {
    const o = await place({ line_items: [{ title: "Serum", price: "60.00" }], financial_status: "partially_paid", paid_amount: "20.00" });
    expect(o).toMatchObject({ financial_status: "partially_paid", total_outstanding: "40.00" });
    expect((await call("POST", `/_sim/shops/${SHOP}/orders/${o.id}/void`, {})).json).toMatchObject({ error: "partially_paid" });
    expect((await call("POST", `/_sim/shops/${SHOP}/orders/${o.id}/pay`, {})).json.order).toMatchObject({ financial_status: "paid", total_outstanding: "0.00" });
    expect((await call("POST", `/_sim/shops/${SHOP}/orders`, { line_items: [{ title: "Serum", price: "60.00" }], financial_status: "partially_paid", paid_amount: "60.00" })).status).toBe(422);
  });

  it("the GraphQL order says the same: displayFinancialStatus, isGiftCard, product and variant ids", async () => {
    const o = await place({ line_items: [{ title: "Serum", price: "60.00" }, { title: "Gift card", price: "25.00", gift_card: true }], financial_status: "authorized" });
    const res = await h.sim.graphql(token, {
      query: `{ order(id: "gid://shopify/Order/${o.id}") { displayFinancialStatus lineItems(first: 5) { nodes { isGiftCard product { id } variant { id } } } } }`,
    });
    expect(res.body.errors).toBeUndefined();
    const order = (res.body.data as { order: { displayFinancialStatus: string; lineItems: { nodes: { isGiftCard: boolean; product: { id: string }; variant: { id: string } }[] } } }).order;
    expect(order.displayFinancialStatus).toBe("AUTHORIZED");
    expect(order.lineItems.nodes.map((l) => l.isGiftCard)).toEqual([false, true]);
    expect(order.lineItems.nodes[0]!.product.id).toMatch(/^gid:\/\/shopify\/Product\/\d+$/);
    expect(order.lineItems.nodes[0]!.variant.id).toMatch(/^gid:\/\/shopify\/ProductVariant\/\d+$/);
  });
});
