import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createShopifySimulator } from "@tally/shopify-simulator";
import { FIXTURES_DIR } from "@tally/shopify-simulator/fixtures";
import { FIXTURE_SHOP, noCodeOrder, setupFixtureShop, setupHkdDraftOrder, singleCodeOrder, stackedCodesOrder } from "@tally/shopify-simulator/scenarios";
import { orderFacts } from "@/lib/orders/record-order";
import { refundFacts } from "@/lib/refunds/record-refund";
import { ORDER_SYNC_DETAILS, ORDERS_SYNC_PAGE } from "@/lib/shopify/documents";
import { checkoutCodes, ZOrderPayload, ZRefundPayload, type TOrderPayload } from "@/lib/shopify/payloads";
import { landingSiteFromUrl, needsDetails, orderFromGraphql, withDetails, ZGraphqlOrder, ZGraphqlOrderDetails } from "./order-from-graphql";
import { planWindows, searchTime, windowQuery } from "./shopify-orders";

const FIXTURES = FIXTURES_DIR;
const ids = { workspaceId: "ws_test", shopId: "shp_test" };
const facts = (order: TOrderPayload) => orderFacts({ ...ids, order });
const refundsOf = (order: TOrderPayload) => order.refunds.map((r) => refundFacts({ ...ids, refund: r }));

describe("orderFromGraphql on a captured page of Shopify orders with refunds (fixture)", () => {
  const page = JSON.parse(readFileSync(path.join(FIXTURES, "graphql/orders-backfill-page-with-refunds.json"), "utf8")) as {
    response: { data: { orders: { nodes: unknown[] } } };
  };
  const [noCode, refunded] = page.response.data.orders.nodes.map((n) => orderFromGraphql(n));

  it("#1042: code from the DiscountCodeApplication, shop money, the embedded refund, customer, landing site as REST's path", () => {
    const order = refunded!;
    expect(order).toMatchObject({
      id: 6500000000001,
      name: "#1042",
      email: "jordan.buyer@example.com",
      currency: "USD",
      created_at: "2026-09-01T18:03:10Z",
      updated_at: "2026-09-05T14:15:01Z",
      cancelled_at: null,
      financial_status: "partially_refunded",
      taxes_included: false,
      test: false,
      customer: { id: 8800000000001 },
      referring_site: "https://l.instagram.com/",
      note_attributes: [{ name: "creator_ref", value: "jane" }],
    });
    expect(checkoutCodes(order)).toEqual(["JANE15"]);
    // The same landing site, note attributes and amounts the orders/create webhook carried.
    const rest = ZOrderPayload.parse(JSON.parse(readFileSync(path.join(FIXTURES, "orders-create-single-code.json"), "utf8")));
    const f = facts(order);
    const restFacts = facts(rest);
    expect(f.landingSite).toBe(restFacts.landingSite);
    expect(f).toMatchObject({
      subtotalCents: 8500, // current 51.00 + refunded 34.00: the amount before refunds, as when it was created
      currentSubtotalCents: 5100,
      shopifyCustomerId: restFacts.shopifyCustomerId,
      email: restFacts.email,
      discountCodes: restFacts.discountCodes,
      noteAttributes: restFacts.noteAttributes,
      referringSite: restFacts.referringSite,
      shopifyCreatedAt: restFacts.shopifyCreatedAt,
    });
    expect(restFacts.subtotalCents).toBe(8500);
    // The refund as refunds/create delivered it (refunds-create-partial.json): same facts.
    const restRefund = ZRefundPayload.parse(JSON.parse(readFileSync(path.join(FIXTURES, "refunds-create-partial.json"), "utf8")));
    const [mapped] = refundsOf(order);
    const { note: _n1, ...mappedFacts } = mapped!;
    const { note: _n2, ...restRefundFacts } = refundFacts({ ...ids, refund: restRefund });
    // That captured query does not ask whether a refunded line is a gift card (null: the order's line says).
    expect({ ...mappedFacts, lines: mappedFacts.lines.map((l) => ({ ...l, giftCard: l.giftCard ?? false })) }).toEqual(restRefundFacts);
    expect(mapped).toMatchObject({ shopifyRefundId: 1030000000001, shopifyOrderId: 6500000000001, subtotalCents: 3400, taxCents: 272 });
  });

  it("#1044: an automatic discount is no code; a guest has no customer", () => {
    const order = noCode!;
    expect(order.discount_applications).toEqual([expect.objectContaining({ type: "automatic", title: "Cap promo $5 off" })]);
    expect(checkoutCodes(order)).toEqual([]);
    expect(order.customer).toBeNull();
    expect(facts(order)).toMatchObject({ subtotalCents: 9500, email: "guest.checkout@example.com", landingSite: "/collections/new?utm_source=youtube&utm_medium=creator&utm_campaign=alex" });
  });

  it("keeps a stored customer name and email (GraphQL pages carry no name)", () => {
    const node = page.response.data.orders.nodes[1] as Record<string, unknown>;
    const order = orderFromGraphql({ ...node, email: null }, { customerName: "Jordan Buyer", email: "jordan.buyer@example.com" });
    expect(facts(order)).toMatchObject({ customerName: "Jordan Buyer", email: "jordan.buyer@example.com" });
  });

  it("landing pages become REST's path and query", () => {
    expect(landingSiteFromUrl("https://s.myshopify.com/products/x?ref=ava&tally_click=clk_1")).toBe("/products/x?ref=ava&tally_click=clk_1");
    expect(landingSiteFromUrl("/already/a/path?ref=x")).toBe("/already/a/path?ref=x");
    expect(landingSiteFromUrl(null)).toBeNull();
  });
});

describe("orderFromGraphql on the simulator's answers: the same facts as the webhook payload", () => {
  function setup() {
    const sim = createShopifySimulator();
    const { token } = setupFixtureShop(sim);
    const single = sim.store.placeOrder(FIXTURE_SHOP, singleCodeOrder);
    const stacked = sim.store.placeOrder(FIXTURE_SHOP, stackedCodesOrder);
    const guest = sim.store.placeOrder(FIXTURE_SHOP, noCodeOrder);
    // Prices including tax (VAT-style), a manual discount, a refund with shipping, a cancellation.
    const vat = sim.store.placeOrder(FIXTURE_SHOP, {
      lineItems: [
        { title: "Serum", price: 3600, quantity: 2 },
        { title: "Balm", price: 1250, quantity: 1 },
      ],
      discountCodes: ["jane10"],
      taxRate: 0.2,
      taxesIncluded: true,
      shipping: { price: 495 },
      email: "Vat.Buyer+x@Example.com",
      customer: { firstName: "Vera", lastName: "Tax" },
      landingSite: "/?ref=jane&tally_click=clk_123",
      createdAt: Date.parse("2026-08-20T10:00:00Z"),
    });
    const manual = sim.store.placeOrder(FIXTURE_SHOP, {
      lineItems: [{ title: "Kit", price: 9999, quantity: 1 }],
      manualDiscounts: [{ title: "JANE15", valueType: "percentage", value: 10 }],
      sourceName: "shopify_draft_order",
      email: "draft@example.com",
    });
    sim.store.refundOrder(FIXTURE_SHOP, single.id, { lineItems: [{ lineItemId: single.lineItems[1]!.id, quantity: 1 }] });
    sim.store.refundOrder(FIXTURE_SHOP, vat.id, { lineItems: [{ lineItemId: vat.lineItems[0]!.id, quantity: 1 }], shipping: true, note: "Damaged" });
    sim.store.refundOrder(FIXTURE_SHOP, vat.id, { lineItems: [{ lineItemId: vat.lineItems[0]!.id, quantity: 1 }] });
    sim.store.cancelOrder(FIXTURE_SHOP, stacked.id, { refund: true, note: "Customer changed their mind" });
    const hkd = setupHkdDraftOrder(sim);
    return { sim, token: token.token, orders: [single, stacked, guest, vat, manual], hkd };
  }

  async function graphqlOrders(sim: ReturnType<typeof setup>["sim"], token: string, document: string, query = "created_at:>='2026-01-01T00:00:00Z'") {
    const res = await sim.graphql(token, { query: document, variables: { first: 50, after: null, query } });
    expect(res.body.errors).toBeUndefined();
    const nodes = (res.body.data as { orders: { nodes: unknown[] } }).orders.nodes.map((n) => ZGraphqlOrder.parse(n));
    const incomplete = nodes.filter(needsDetails).map((n) => n.id);
    const details = new Map<string, unknown>();
    if (incomplete.length) {
      const more = await sim.graphql(token, { query: ORDER_SYNC_DETAILS, variables: { ids: incomplete } });
      expect(more.body.errors).toBeUndefined();
      for (const d of (more.body.data as { nodes: { id: string }[] }).nodes) details.set(d.id, d);
    }
    return nodes.map((n) => (details.has(n.id) ? withDetails(n, ZGraphqlOrderDetails.parse(details.get(n.id))) : n));
  }

  it("ORDERS_SYNC_PAGE (+ details for prices including tax): every fact and refund equals the webhook's", async () => {
    const { sim, token, orders } = setup();
    const nodes = await graphqlOrders(sim, token, ORDERS_SYNC_PAGE);
    expect(nodes).toHaveLength(orders.length);
    expect(nodes.filter(needsDetails)).toEqual([]);
    for (const node of nodes) {
      const webhook = ZOrderPayload.parse(sim.orderPayload(FIXTURE_SHOP, node.legacyResourceId));
      const stored = facts(webhook);
      // What Tally stored from the webhook and the page does not carry (name; line tax when it moves no money).
      const fromGraphql = orderFromGraphql(node, { customerName: stored.customerName, lineTaxCents: new Map(stored.lines.map((l) => [l.shopifyLineItemId, l.taxCents ?? 0])) });
      expect(facts(fromGraphql), webhook.name).toEqual(stored);
      // Never delivered: nothing to keep. Only the name and, for prices without tax, the lines' tax differ.
      const noTax = (f: ReturnType<typeof facts>) => ({ ...f, lines: f.lines.map((l) => ({ ...l, taxCents: 0 })) });
      const { customerName: _a, lineItemsTaxCents: taxA, ...fresh } = noTax(facts(orderFromGraphql(node)));
      const { customerName: _b, lineItemsTaxCents: taxB, ...w } = noTax(stored);
      expect(fresh, webhook.name).toEqual(w);
      if (webhook.taxes_included) {
        expect(taxA).toBe(taxB);
        expect(facts(orderFromGraphql(node)).lines).toEqual(stored.lines);
      }
      const strip = (r: ReturnType<typeof refundFacts>) => ({ ...r, shopifyCreatedAt: r.shopifyCreatedAt.getTime() });
      expect(refundsOf(fromGraphql).map(strip), webhook.name).toEqual(refundsOf(webhook).map(strip));
      expect(checkoutCodes(fromGraphql)).toEqual(checkoutCodes(webhook));
    }
    const vat = facts(orderFromGraphql(nodes.find((n) => n.taxesIncluded)!));
    expect(vat.taxesIncluded).toBe(true);
    expect(vat.lineItemsTaxCents).toBeGreaterThan(0);
    const draft = orderFromGraphql(nodes.find((n) => n.name === orders[4]!.name)!);
    expect(draft.discount_codes.map((c) => c.code)).toEqual(["JANE15"]); // REST lists the manual title…
    expect(checkoutCodes(draft)).toEqual([]); // …which is no checkout code
  });

  it("an HKD draft order (no decimals issue, manual only) maps in shop money", async () => {
    const { sim, hkd } = setup();
    const token = [...sim.store.tokens.values()].find((t) => t.shop === "webhook-manager-app.myshopify.com")!.token;
    const nodes = await graphqlOrders(sim, token, ORDERS_SYNC_PAGE, "created_at:>='2025-01-01T00:00:00Z'");
    const order = orderFromGraphql(nodes[0]!);
    expect(order).toMatchObject({ id: hkd.id, currency: "HKD" });
    expect(facts(order).subtotalCents).toBe(facts(ZOrderPayload.parse(sim.orderPayload("webhook-manager-app.myshopify.com", hkd.id))).subtotalCents);
  });
});

describe("date windows", () => {
  it("one window when the period holds fewer than 20,000 orders; halves a fuller one until each fits", async () => {
    const day = 86_400_000;
    const to = new Date("2026-09-01T00:00:00.500Z");
    const from = new Date(to.getTime() - 90 * day);
    // 1,000 orders a day, evenly.
    const perDay = 1000;
    const count = async (w: { from: string; to: string }) => {
      const n = Math.round(((Date.parse(w.to) - Date.parse(w.from)) / day) * perDay);
      return { count: Math.min(n, 20_000), atLeast: n >= 20_000 };
    };
    const windows = await planWindows([{ from, to }], count);
    expect(windows.length).toBe(8); // 90 days → 45 → 22.5 → 11.25 days (≈ 11,250 orders each)
    expect(windows.every((w) => w.count < 20_000)).toBe(true);
    for (let i = 1; i < windows.length; i++) expect(windows[i]!.from).toBe(windows[i - 1]!.to); // contiguous
    expect(windows[0]!.from).toBe(searchTime(from));
    expect(windows.at(-1)!.to).toBe("2026-09-01T00:00:00Z");
    const small = await planWindows([{ from, to }], async () => ({ count: 2000, atLeast: false }));
    expect(small).toEqual([{ from: searchTime(from), to: searchTime(to), count: 2000 }]);
    expect(windowQuery(small[0]!)).toBe(`created_at:>='${searchTime(from)}' created_at:<'2026-09-01T00:00:00Z'`);
  });
});
