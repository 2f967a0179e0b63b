import { createAdminApiClient } from "@shopify/admin-api-client";
import { describe, expect, it } from "vitest";
import { FakeClock } from "./clock";
import { ALL_APP_TOPICS } from "./simulator";
import { serverForFile } from "./server-for-file";

const SECRET = "shpss_server_test_secret";
const SHOP = "control-api.myshopify.com";

const clock = new FakeClock("2026-09-10T12:00:00Z");
const { h, call } = serverForFile({ secret: SECRET, clock, appTopics: [...ALL_APP_TOPICS] });

describe("control API", () => {
  it("creates (and re-creates) shops and returns the access token", async () => {
    const created = await call("POST", "/_sim/shops", { domain: SHOP, name: "Control API", currency: "EUR", plan: "advanced", accessToken: "shpat_control_api_token" });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      accessToken: "shpat_control_api_token",
      webhookSecret: SECRET,
      graphqlUrl: `${h.url}/admin/api/2026-07/graphql.json`,
      shop: { domain: SHOP, name: "Control API", currency: "EUR", plan: "advanced", installed: true, throttle: { maximumAvailable: 4000, restoreRate: 200 } },
    });
    const again = await call("POST", "/_sim/shops", { domain: SHOP, webhookSecret: "shpss_own" });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ webhookSecret: "shpss_own", shop: { currency: "USD", orderCount: 0 } });
    expect((await call("GET", `/_sim/shops/${SHOP}`)).json).toMatchObject({ shop: { hasOwnWebhookSecret: true } });
  });

  it("rejects bad input with 422 and clear issues", async () => {
    const bad = await call("POST", "/_sim/shops", { domain: "not-a-shop.example.com", plan: "gold" });
    expect(bad.status).toBe(422);
    expect(bad.json.error).toBe("validation_failed");
    expect((bad.json.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(["domain", "plan"]);
    await call("POST", "/_sim/shops", { domain: SHOP });
    const order = await call("POST", `/_sim/shops/${SHOP}/orders`, { line_items: [{ title: "A", price: 12 }] });
    expect(order.status).toBe(422);
    expect(order.json.message).toMatch(/line_items\.0\.price/);
    const missing = await call("POST", "/_sim/shops/nope.myshopify.com/orders", { line_items: [{ title: "A", price: "1.00" }] });
    expect(missing.status).toBe(404);
    expect((await call("GET", "/_sim/unknown")).status).toBe(404);
  });

  it("orders with codes, refunds, cancel — with webhooks and a delivery log", async () => {
    const { json: shop } = await call("POST", "/_sim/shops", { domain: SHOP });
    const disc = await call("POST", `/_sim/shops/${SHOP}/discounts`, { code: "JANE15", value_type: "percentage", value: "15" });
    expect(disc.status).toBe(201);
    expect(disc.json.discount).toMatchObject({ code: "JANE15", status: "ACTIVE", value: "15", value_type: "percentage" });
    expect((await call("POST", `/_sim/shops/${SHOP}/discounts`, { code: "jane15", value_type: "percentage", value: "5" })).json.error).toBe("discount_code_taken");
    const list = await call("GET", `/_sim/shops/${SHOP}/discounts`);
    expect((list.json.discounts as unknown[]).length).toBe(1);

    const unknown = await call("POST", `/_sim/shops/${SHOP}/orders`, { line_items: [{ title: "A", price: "10.00" }], discount_codes: ["NOPE"] });
    expect(unknown).toMatchObject({ status: 422, json: { error: "discount_code_invalid", code: "NOPE" } });

    const placed = await call("POST", `/_sim/shops/${SHOP}/orders`, {
      line_items: [
        { title: "Creator Hoodie", variant_title: "Black / M", price: "60.00", quantity: 1 },
        { title: "Logo Cap", price: "40.00", quantity: 1 },
      ],
      discount_codes: ["jane15"],
      shipping: { price: "7.50" },
      tax_rate: 0.08,
      email: "jordan@example.com",
      customer: { first_name: "Jordan", last_name: "Buyer" },
      landing_site: "/?ref=jane",
      note_attributes: [{ name: "creator_ref", value: "jane" }],
      created_at: "2026-09-09T10:00:00Z",
    });
    expect(placed.status).toBe(201);
    const order = placed.json.order as Record<string, unknown>;
    expect(order).toMatchObject({ subtotal_price: "85.00", total_tax: "6.80", total_price: "99.30", landing_site_ref: "jane", created_at: "2026-09-09T06:00:00-04:00" });
    expect((placed.json.deliveries as { topic: string }[]).map((d) => d.topic)).toEqual(["orders/create", "orders/paid"]);

    const lines = order.line_items as { id: number }[];
    const refund = await call("POST", `/_sim/shops/${SHOP}/orders/${order.id}/refunds`, {
      line_items: [{ line_item_id: lines[1]?.id, quantity: 1, restock_type: "return" }],
      shipping: { amount: "2.50" },
      note: "cap returned",
    });
    expect(refund.status).toBe(201);
    expect(refund.json.refund).toMatchObject({ note: "cap returned", refund_line_items: [{ subtotal: 34, restock_type: "return" }] });
    expect((refund.json.order as Record<string, unknown>).current_subtotal_price).toBe("51.00");
    const tooMuch = await call("POST", `/_sim/shops/${SHOP}/orders/${order.id}/refunds`, { line_items: [{ index: 1, quantity: 1 }] });
    expect(tooMuch).toMatchObject({ status: 422, json: { error: "refund_quantity_exceeded" } });

    const cancelled = await call("POST", `/_sim/shops/${SHOP}/orders/${order.id}/cancel`, { refund: true, reason: "customer", delivery: { hold: true } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.order).toMatchObject({ cancel_reason: "customer", financial_status: "refunded", current_subtotal_price: "0.00", current_total_price: "0.00" });
    expect((cancelled.json.deliveries as { topic: string; status: string }[]).map((d) => [d.topic, d.status])).toEqual([
      ["orders/cancelled", "held"],
      ["refunds/create", "held"],
      ["orders/updated", "held"],
    ]);
    const held = await call("GET", `/_sim/deliveries?shop=${SHOP}&status=held`);
    expect(held.json.held).toBe(3);
    const released = await call("POST", "/_sim/deliveries/release", { shop: SHOP, order: "reverse" });
    expect((released.json.released as { topic: string }[]).map((d) => d.topic)).toEqual(["orders/updated", "refunds/create", "orders/cancelled"]);
    expect((await call("POST", "/_sim/deliveries/wait", { timeout_ms: 5000 })).json.idle).toBe(true);

    const log = await call("GET", `/_sim/deliveries?shop=${SHOP}`);
    const deliveries = log.json.deliveries as { topic: string; status: string; payload: unknown; headers: Record<string, string> }[];
    expect(deliveries.map((d) => d.topic)).toEqual([
      "orders/create",
      "orders/paid",
      "refunds/create",
      "orders/updated",
      "orders/cancelled",
      "refunds/create",
      "orders/updated",
    ]);
    expect(deliveries.every((d) => d.status === "delivered")).toBe(true);
    expect(h.receiver.received.every((w) => w.hmacValid)).toBe(true);
    expect(h.receiver.received.slice(-3).map((w) => w.headers["x-shopify-topic"])).toEqual(["orders/updated", "refunds/create", "orders/cancelled"]);

    const fetched = await call("GET", `/_sim/shops/${SHOP}/orders/${order.id}`);
    expect((fetched.json.refunds as unknown[]).length).toBe(2);
    expect((await call("GET", `/_sim/shops/${SHOP}/orders`)).json.orders).toHaveLength(1);
    void shop;
  });

  it("uninstall revokes tokens (GraphQL 401) and privacy triggers send compliance webhooks", async () => {
    const { json } = await call("POST", "/_sim/shops", { domain: SHOP });
    const token = String(json.accessToken);
    const q = () =>
      fetch(`${h.url}/admin/api/2026-07/graphql.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
        body: JSON.stringify({ query: "{ shop { name } }" }),
      });
    expect((await q()).status).toBe(200);
    const un = await call("POST", `/_sim/shops/${SHOP}/uninstall`, {});
    expect((un.json.deliveries as { topic: string }[]).map((d) => d.topic)).toEqual(["app/uninstalled"]);
    const after = await q();
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    const redact = await call("POST", `/_sim/shops/${SHOP}/privacy/shop-redact`, {});
    expect((redact.json.deliveries as { url: string }[])[0]?.url).toBe(`${h.receiver.url}/api/webhooks/shopify`);
  });

  it("throttle and clock controls", async () => {
    await call("POST", "/_sim/shops", { domain: SHOP });
    expect((await call("POST", `/_sim/shops/${SHOP}/throttle`, { available: 10 })).json.throttleStatus).toEqual({
      maximumAvailable: 2000,
      currentlyAvailable: 10,
      restoreRate: 100,
    });
    await call("POST", "/_sim/clock", { advance_ms: 5000 });
    expect((await call("GET", `/_sim/shops/${SHOP}`)).json).toMatchObject({ shop: { throttle: { currentlyAvailable: 510 } } });
    expect((await call("GET", "/_sim/clock")).json.now).toBe("2026-09-10T12:00:05.000Z");
  });
});

describe("Admin GraphQL over HTTP", () => {
  it("works with @shopify/admin-api-client (the app rewrites https://{shop} to the simulator)", async () => {
    const { json } = await call("POST", "/_sim/shops", { domain: SHOP });
    const client = createAdminApiClient({
      storeDomain: SHOP,
      apiVersion: "2026-07",
      accessToken: String(json.accessToken),
      customFetchApi: (input, init) => {
        const target = new URL(String(input));
        const headers = new Headers(init?.headers as HeadersInit | undefined);
        headers.set("X-Shopify-Shop-Domain", target.host);
        return fetch(`${h.url}${target.pathname}`, { ...(init as RequestInit), headers });
      },
    });
    const created = await client.request(
      `mutation($b: DiscountCodeBasicInput!) { discountCodeBasicCreate(basicCodeDiscount: $b) { codeDiscountNode { id } userErrors { field message code } } }`,
      {
        variables: {
          b: { title: "Creator ALEX", code: "ALEX10", startsAt: "2026-09-01T00:00:00Z", context: { all: "ALL" }, customerGets: { value: { percentage: 0.1 }, items: { all: true } } },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data).toMatchObject({ discountCodeBasicCreate: { userErrors: [] } });
    expect(created.extensions?.cost?.throttleStatus?.maximumAvailable).toBe(2000);
    const bad = await client.request(`{ shop { nope } }`);
    expect(bad.errors?.graphQLErrors?.[0]?.message).toBe("Field 'nope' doesn't exist on type 'Shop'");
    const wrongShop = createAdminApiClient({
      storeDomain: "someone-else.myshopify.com",
      apiVersion: "2026-07",
      accessToken: String(json.accessToken),
      customFetchApi: (input, init) => {
        const target = new URL(String(input));
        const headers = new Headers(init?.headers as HeadersInit | undefined);
        headers.set("X-Shopify-Shop-Domain", target.host);
        return fetch(`${h.url}${target.pathname}`, { ...(init as RequestInit), headers });
      },
    });
    const denied = await wrongShop.request(`{ shop { name } }`);
    expect(denied.errors?.networkStatusCode).toBe(401);
  });

  it("accepts application/graphql bodies and answers 400 for unusable bodies", async () => {
    const { json } = await call("POST", "/_sim/shops", { domain: SHOP });
    const headers = { "X-Shopify-Access-Token": String(json.accessToken) };
    const raw = await fetch(`${h.url}/admin/api/2026-07/graphql.json`, { method: "POST", headers: { ...headers, "Content-Type": "application/graphql" }, body: "{ shop { name } }" });
    expect(raw.status).toBe(200);
    expect(raw.headers.get("x-shopify-api-version")).toBe("2026-07");
    const broken = await fetch(`${h.url}/admin/api/2026-07/graphql.json`, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: "{" });
    expect(broken.status).toBe(400);
  });
});
