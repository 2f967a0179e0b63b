import "@shopify/shopify-api/adapters/node";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FIXTURE_SHOP, setupFixtureShop, singleCodeOrder } from "./scenarios";
import { Simulator } from "./simulator";
import { startWebhookReceiver, verifyShopifyHmac, type ReceivedWebhook, type WebhookReceiver } from "./testing";
import { sleep } from "./webhooks";

const SECRET = "shpss_test_client_secret_for_webhooks";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let receiver: WebhookReceiver;
let sim: Simulator;
let replies: ((hook: ReceivedWebhook, index: number) => number | { status?: number; delayMs?: number }) | null;

async function setup(opts: { topics?: string[]; timeoutMs?: number } = {}): Promise<void> {
  receiver = await startWebhookReceiver({ secret: SECRET, reply: (h, i) => replies?.(h, i) ?? 200 });
  sim = new Simulator({
    appSecret: SECRET,
    appUrl: receiver.url,
    appSubscriptions: opts.topics ? [{ topics: opts.topics, uri: "/webhooks" }] : undefined,
    appTopics: ["orders/create", "orders/paid", "app/uninstalled"],
    webhookRetryDelaysMs: [20, 40],
    webhookTimeoutMs: opts.timeoutMs ?? 2000,
  });
  setupFixtureShop(sim);
}

beforeEach(() => {
  replies = null;
});

afterEach(async () => {
  sim.webhooks.close();
  await receiver.close();
});

const topicOf = (h: ReceivedWebhook): string => h.headers["x-shopify-topic"] ?? "";
const nameOf = (h: ReceivedWebhook): string => (h.body as { name?: string }).name ?? "";

describe("webhook delivery", () => {
  it("POSTs the raw body with Shopify's headers and a verifiable HMAC", async () => {
    await setup();
    const { order, eventId } = sim.placeOrder(FIXTURE_SHOP, singleCodeOrder);
    const hooks = await receiver.waitFor(2);
    expect(hooks.map(topicOf).sort()).toEqual(["orders/create", "orders/paid"]);
    for (const h of hooks) {
      expect(h.path).toBe("/api/webhooks/shopify");
      expect(h.hmacValid).toBe(true);
      expect(verifyShopifyHmac(h.rawBody, h.headers["x-shopify-hmac-sha256"], "wrong-secret")).toBe(false);
      expect(h.headers["content-type"]).toBe("application/json");
      expect(h.headers["x-shopify-shop-domain"]).toBe(FIXTURE_SHOP);
      expect(h.headers["x-shopify-api-version"]).toBe("2026-07");
      expect(h.headers["x-shopify-webhook-id"]).toMatch(UUID);
      expect(h.headers["x-shopify-event-id"]).toBe(eventId);
      expect(h.headers["x-shopify-triggered-at"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
      expect((h.body as { id: number }).id).toBe(order.id);
    }
    // One event id for the action, a distinct webhook id per delivery.
    expect(new Set(hooks.map((h) => h.headers["x-shopify-webhook-id"])).size).toBe(2);

    // @shopify/shopify-api accepts the delivery as a valid webhook.
    const shopify = shopifyApi({
      apiKey: "sim-api-key",
      apiSecretKey: SECRET,
      apiVersion: ApiVersion.July26,
      hostName: "app.example.com",
      isEmbeddedApp: false,
      logger: { level: LogSeverity.Error, log: async () => {} },
    });
    const h = hooks[0] as ReceivedWebhook;
    const result = await shopify.webhooks.validate({
      rawBody: h.rawBody.toString("utf8"),
      rawRequest: { headers: h.headers, method: "POST", url: h.path } as never,
    });
    expect(result).toMatchObject({ valid: true, topic: topicOf(h).replace("/", "_").toUpperCase(), domain: FIXTURE_SHOP, apiVersion: "2026-07", webhookId: h.headers["x-shopify-webhook-id"] });
  });

  it("signs with the shop's own secret when it has one (custom-app install)", async () => {
    await setup({ topics: ["orders/create"] });
    sim.createShop({ domain: "custom-app.myshopify.com", webhookSecret: "shpss_custom_app_secret" });
    sim.placeOrder("custom-app.myshopify.com", { lineItems: [{ title: "A", price: 1000, quantity: 1 }] });
    const [h] = await receiver.waitFor(1);
    expect(h?.hmacValid).toBe(false);
    expect(verifyShopifyHmac(h!.rawBody, h!.headers["x-shopify-hmac-sha256"], "shpss_custom_app_secret")).toBe(true);
  });

  it("refunds send refunds/create + orders/updated; cancel sends orders/cancelled embedding the refund + refunds/create for it", async () => {
    await setup({ topics: ["orders/updated", "orders/cancelled", "refunds/create"] });
    const order = sim.store.placeOrder(FIXTURE_SHOP, singleCodeOrder);
    const cap = order.lineItems[1]!;
    const r1 = sim.refund(FIXTURE_SHOP, order.id, { lineItems: [{ lineItemId: cap.id, quantity: 1, restockType: "return" }] });
    await receiver.waitFor(2);
    expect(receiver.received.map(topicOf)).toEqual(["refunds/create", "orders/updated"]);
    expect(new Set(receiver.received.map((h) => h.headers["x-shopify-event-id"]))).toEqual(new Set([r1.eventId]));
    expect((receiver.received[1]?.body as { current_subtotal_price: string }).current_subtotal_price).toBe("51.00");

    const c = sim.cancel(FIXTURE_SHOP, order.id, { refund: true, reason: "customer" });
    await receiver.waitFor(5);
    const later = receiver.received.slice(2);
    expect(later.map(topicOf)).toEqual(["orders/cancelled", "refunds/create", "orders/updated"]);
    const cancelled = later[0]?.body as { refunds: { id: number }[]; cancelled_at: string | null; current_subtotal_price: string };
    const refund = later[1]?.body as { id: number; refund_line_items: { restock_type: string }[] };
    expect(cancelled.cancelled_at).not.toBeNull();
    expect(cancelled.current_subtotal_price).toBe("0.00");
    expect(cancelled.refunds.map((r) => r.id)).toContain(refund.id);
    expect(refund.id).toBe(c.refund?.id);
    expect(refund.refund_line_items.map((l) => l.restock_type)).toEqual(["cancel"]);
  });

  it("duplicate: N extra sends with the same webhook id (sequential or concurrent)", async () => {
    await setup({ topics: ["orders/create"] });
    sim.placeOrder(FIXTURE_SHOP, singleCodeOrder, { duplicate: 2 });
    const hooks = await receiver.waitFor(3);
    expect(new Set(hooks.map((h) => h.headers["x-shopify-webhook-id"])).size).toBe(1);
    expect(new Set(hooks.map((h) => h.rawBody.toString())).size).toBe(1);
    expect(hooks.every((h) => h.hmacValid)).toBe(true);

    sim.placeOrder(FIXTURE_SHOP, { ...singleCodeOrder, email: "x@example.com" }, { duplicate: 3, concurrent: true });
    const more = (await receiver.waitFor(7)).slice(3);
    expect(new Set(more.map((h) => h.headers["x-shopify-webhook-id"])).size).toBe(1);
    const log = sim.webhooks.list({ topic: "orders/create" });
    expect(log.filter((d) => d.duplicateOf !== null)).toHaveLength(5);
  });

  it("hold: nothing is sent until release; release reverses or shuffles the order", async () => {
    await setup({ topics: ["orders/create"] });
    for (let i = 0; i < 4; i++) sim.placeOrder(FIXTURE_SHOP, { lineItems: [{ title: "A", price: 1000, quantity: 1 }] }, { hold: true });
    await sleep(50);
    expect(receiver.received).toHaveLength(0);
    expect(sim.webhooks.list({ status: "held" })).toHaveLength(4);
    await sim.webhooks.release({ shop: FIXTURE_SHOP, order: "reverse" });
    await receiver.waitFor(4);
    expect(receiver.received.map(nameOf)).toEqual(["#1004", "#1003", "#1002", "#1001"]);

    for (let i = 0; i < 5; i++) sim.placeOrder(FIXTURE_SHOP, { lineItems: [{ title: "A", price: 1000, quantity: 1 }] }, { hold: true });
    const released = await sim.webhooks.release({ order: "shuffle", seed: 7 });
    await receiver.waitFor(9);
    const got = receiver.received.slice(4).map(nameOf);
    expect(got).toEqual(released.map((d) => (JSON.parse(d.body) as { name: string }).name));
    expect([...got].sort()).toEqual(["#1005", "#1006", "#1007", "#1008", "#1009"]);
    expect(got).not.toEqual(["#1005", "#1006", "#1007", "#1008", "#1009"]);

    // Explicit order by delivery ids.
    const a = sim.placeOrder(FIXTURE_SHOP, { lineItems: [{ title: "A", price: 1000, quantity: 1 }] }, { hold: true });
    const b = sim.placeOrder(FIXTURE_SHOP, { lineItems: [{ title: "A", price: 1000, quantity: 1 }] }, { hold: true });
    await sim.webhooks.release({ ids: [b.deliveries[0]!.id, a.deliveries[0]!.id] });
    await receiver.waitFor(11);
    expect(receiver.received.slice(9).map(nameOf)).toEqual(["#1011", "#1010"]);
  });

  it("drop: never delivered but recorded; delay: sent later; by-topic options", async () => {
    await setup({ topics: ["refunds/create", "orders/updated"] });
    const order = sim.store.placeOrder(FIXTURE_SHOP, singleCodeOrder);
    const started = Date.now();
    sim.refund(
      FIXTURE_SHOP,
      order.id,
      { lineItems: [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }] },
      { byTopic: { "refunds/create": { drop: true }, "orders/updated": { delayMs: 120 } } },
    );
    await receiver.waitFor(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    await sim.webhooks.waitForIdle();
    expect(receiver.received.map(topicOf)).toEqual(["orders/updated"]);
    const dropped = sim.webhooks.list({ status: "dropped" });
    expect(dropped.map((d) => d.topic)).toEqual(["refunds/create"]);
    expect(dropped[0]?.attempts).toEqual([]);
    expect(JSON.parse(dropped[0]!.body)).toMatchObject({ order_id: order.id });
  });

  it("retries non-2xx with backoff and the same webhook id and body", async () => {
    await setup({ topics: ["orders/create"] });
    replies = (_h, i) => (i < 2 ? 500 : 200);
    sim.placeOrder(FIXTURE_SHOP, singleCodeOrder);
    const hooks = await receiver.waitFor(3);
    expect(new Set(hooks.map((h) => h.headers["x-shopify-webhook-id"])).size).toBe(1);
    expect(new Set(hooks.map((h) => h.headers["x-shopify-triggered-at"])).size).toBe(1);
    expect(new Set(hooks.map((h) => h.rawBody.toString())).size).toBe(1);
    await sim.webhooks.waitForIdle();
    const [d] = sim.webhooks.list({ topic: "orders/create" });
    expect(d?.status).toBe("delivered");
    expect(d?.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
  });

  it("treats a slow answer as a timeout and gives up after the last retry", async () => {
    await setup({ topics: ["orders/create"], timeoutMs: 100 });
    replies = () => ({ status: 200, delayMs: 300 });
    sim.placeOrder(FIXTURE_SHOP, singleCodeOrder);
    await receiver.waitFor(3, 5000);
    await sim.webhooks.waitForIdle();
    const [d] = sim.webhooks.list({ topic: "orders/create" });
    expect(d?.status).toBe("failed");
    expect(d?.attempts.map((a) => a.error)).toEqual(["timeout after 100ms", "timeout after 100ms", "timeout after 100ms"]);
  });

  it("uninstall: app/uninstalled, tokens revoked, API subscriptions dropped, compliance topics still delivered", async () => {
    await setup();
    const token = [...sim.store.tokens.values()][0]!.token;
    const sub = sim.store.createWebhookSubscription(FIXTURE_SHOP, { topic: "orders/create", uri: `${receiver.url}/api-sub` });
    expect(sub.userErrors).toEqual([]);
    sim.uninstall(FIXTURE_SHOP);
    const [h] = await receiver.waitFor(1);
    expect(topicOf(h!)).toBe("app/uninstalled");
    expect(h?.body).toMatchObject({ myshopify_domain: FIXTURE_SHOP, currency: "USD" });
    expect((await sim.graphql(token, { query: "{ shop { name } }" })).status).toBe(401);
    sim.placeOrder(FIXTURE_SHOP, singleCodeOrder);
    sim.shopRedact(FIXTURE_SHOP);
    await receiver.waitFor(2);
    await sim.webhooks.waitForIdle();
    expect(receiver.received.map((x) => [topicOf(x), x.path])).toEqual([
      ["app/uninstalled", "/api/webhooks/shopify"],
      ["shop/redact", "/api/webhooks/shopify"],
    ]);
    expect(receiver.received[1]?.body).toEqual({ shop_id: sim.store.requireShop(FIXTURE_SHOP).id, shop_domain: FIXTURE_SHOP });
  });

  it("customers/data_request and customers/redact list the customer's orders", async () => {
    await setup({ topics: ["customers/data_request", "customers/redact"] });
    const order = sim.store.placeOrder(FIXTURE_SHOP, singleCodeOrder);
    sim.customersDataRequest(FIXTURE_SHOP, { email: "jordan.buyer@example.com" });
    sim.customersRedact(FIXTURE_SHOP, { customerId: order.customerId ?? 0 });
    await receiver.waitFor(2);
    expect(receiver.received[0]?.body).toMatchObject({
      shop_domain: FIXTURE_SHOP,
      customer: { id: order.customerId, email: "jordan.buyer@example.com", phone: null },
      orders_requested: [order.id],
      data_request: { id: expect.any(Number) as number },
    });
    expect(receiver.received[1]?.body).toMatchObject({ orders_to_redact: [order.id] });
  });

  it("API-created subscriptions get their own delivery (X-Shopify-Name when named)", async () => {
    await setup({ topics: ["orders/create"] });
    sim.store.createWebhookSubscription(FIXTURE_SHOP, { topic: "orders/create", uri: `${receiver.url}/from-api`, name: "tally-orders" });
    sim.placeOrder(FIXTURE_SHOP, singleCodeOrder);
    const hooks = await receiver.waitFor(2);
    const fromApi = hooks.find((h) => h.path === "/from-api");
    expect(fromApi?.headers["x-shopify-name"]).toBe("tally-orders");
    expect(hooks.find((h) => h.path === "/webhooks")?.headers["x-shopify-name"]).toBeUndefined();
    expect(hooks[0]?.headers["x-shopify-webhook-id"]).not.toBe(hooks[1]?.headers["x-shopify-webhook-id"]);
  });
});
