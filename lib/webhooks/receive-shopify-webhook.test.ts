import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { orders, privacyRequests, refunds, shops, webhookDeliveries } from "@/db/schema";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import * as recordOrderModule from "@/lib/orders/record-order";
import { createTestBrand, uniq } from "@/test/factories";
import { fixtureRequest, insertShop, webhookFixtures, webhookRequest } from "@/test/shopify";
import { processDelivery } from "./process-delivery";
import { receiveShopifyWebhook } from "./receive-shopify-webhook";
import { rerunDelivery } from "./rerun-delivery";
import { sweepDeliveries } from "./sweep-deliveries";
import { verifyShopifyWebhook } from "./verify-shopify-webhook";

vi.mock("@/lib/orders/record-order", { spy: true });

const fixtures = webhookFixtures();
let db: Db;
let workspaceId: string;

async function deliveriesWithId(webhookId: string) {
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));
}

beforeAll(async () => {
  const brand = await createTestBrand();
  db = brand.db;
  workspaceId = brand.workspace.id;
  // The fixtures come from two stores; this workspace owns both (one connected, one formerly connected:
  // deliveries from a disconnected shop are still recorded and processed).
  await insertShop(db, workspaceId, "creator-demo-store.myshopify.com");
  await db.insert(shops).values({ workspaceId, domain: "webhook-manager-app.myshopify.com", installKind: "oauth", status: "disconnected", currency: "HKD" });
});

describe("signature checks", () => {
  it.each(fixtures.map((f) => [f.name, f] as const))("%s verifies with its recorded signature and is recorded", async (_name, fixture) => {
    const result = await receiveShopifyWebhook(db, { rawBody: fixture.body, request: fixtureRequest(fixture) });
    expect(result).toMatchObject({ status: 200, duplicate: false, ignored: false });
    const rows = await deliveriesWithId(fixture.headers["X-Shopify-Webhook-Id"]!);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.rawBody).toBe(fixture.body);
    expect(rows[0]!.topic).toBe(fixture.headers["X-Shopify-Topic"]);
    expect(rows[0]!.workspaceId).toBe(workspaceId);
  });

  const base = fixtures.find((f) => f.name === "orders-create-single-code")!;
  it.each([
    ["a flipped byte in the body", () => ({ body: base.body.replace('"name"', '"nAme"'), overrides: {} })],
    ["a missing signature header", () => ({ body: base.body, overrides: { "X-Shopify-Hmac-Sha256": null } })],
    ["a missing webhook id header", () => ({ body: base.body, overrides: { "X-Shopify-Webhook-Id": null } })],
    ["a signature made with the wrong secret", () => ({ body: base.body, overrides: { "X-Shopify-Hmac-Sha256": "dGhpcyBpcyBub3QgaXQ=" } })],
    ["an empty body", () => ({ body: "", overrides: {} })],
  ])("%s is 401 and stores nothing", async (_label, make) => {
    const { body, overrides } = make();
    const webhookId = `bad-${uniq()}`;
    const request = fixtureRequest(base, { "X-Shopify-Webhook-Id": webhookId, ...overrides }, body);
    const result = await receiveShopifyWebhook(db, { rawBody: body, request });
    expect(result.status).toBe(401);
    expect(await deliveriesWithId(webhookId)).toHaveLength(0);
  });

  it("accepts the previous secret during a rotation, and only the secrets given", async () => {
    const body = JSON.stringify({ id: 1 });
    const request = webhookRequest({ body, topic: "orders/create", shop: "x.myshopify.com", secret: "old-secret" });
    expect((await verifyShopifyWebhook(body, request, ["new-secret", "old-secret"])).valid).toBe(true);
    expect((await verifyShopifyWebhook(body, request, ["new-secret"])).valid).toBe(false);
  });
});

describe("recording and processing", () => {
  it("records the fixtures' order and refund facts in integer minor units", async () => {
    await drainInProcessJobs();
    const stackedId = (JSON.parse(fixtures.find((f) => f.name === "orders-create-stacked-codes")!.body) as { id: number }).id;
    const [stacked] = await db
      .select()
      .from(orders)
      .where(and(eq(orders.workspaceId, workspaceId), eq(orders.shopifyOrderId, stackedId)));
    expect(stacked).toMatchObject({ subtotalCents: 11200, currency: "USD", discountCodes: ["JANE10", "WELCOME5"], email: "sam.shopper@example.com" });
    const refundRows = await db.select().from(refunds).where(eq(refunds.workspaceId, workspaceId));
    const refundOf = (fixture: string) => {
      const id = (JSON.parse(fixtures.find((f) => f.name === fixture)!.body) as { id: number }).id;
      return refundRows.find((r) => r.shopifyRefundId === id);
    };
    // Partial: the cap's subtotal net of its discount, no tax, no shipping.
    expect(refundOf("refunds-create-partial")).toMatchObject({ subtotalCents: 3400, taxCents: 272, shippingCents: 0 });
    // Full with shipping: 85.00 of merchandise; the 7.50 shipping counted once, apart.
    expect(refundOf("refunds-create-full-with-shipping")).toMatchObject({ subtotalCents: 8500, taxCents: 680, shippingCents: 750 });
    // The real cancellation embeds its refund (HKD): recorded from the orders/cancelled body.
    const cancelled = JSON.parse(fixtures.find((f) => f.name === "orders-cancelled")!.body) as { id: number; refunds: { id: number }[] };
    const embedded = refundRows.find((r) => r.shopifyRefundId === cancelled.refunds[0]!.id);
    expect(embedded).toMatchObject({ currency: "HKD", shopifyOrderId: cancelled.id });
    expect(embedded!.subtotalCents).toBeGreaterThan(0);
    const statuses = await db.select({ status: webhookDeliveries.status }).from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, workspaceId));
    expect(statuses.every((s) => s.status === "processed")).toBe(true);
  });

  it("the same delivery posted 5 times at once is recorded once and processed once", async () => {
    const brand = await createTestBrand();
    const shop = await insertShop(brand.db, brand.workspace.id);
    const order = JSON.parse(fixtures.find((f) => f.name === "orders-create-single-code")!.body) as Record<string, unknown>;
    const body = JSON.stringify({ ...order, id: 990000000001 });
    const webhookId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => receiveShopifyWebhook(db, { rawBody: body, request: webhookRequest({ body, topic: "orders/create", shop: shop.domain, webhookId }) })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.status === 200 && !r.duplicate)).toHaveLength(1);
    await drainInProcessJobs();
    const rows = await deliveriesWithId(webhookId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "processed", attempts: 1 });
    expect(await db.select().from(orders).where(eq(orders.workspaceId, brand.workspace.id))).toHaveLength(1);
  });

  it("an unknown shop domain with a valid signature is 200 and recorded as ignored", async () => {
    const body = JSON.stringify({ id: 5 });
    const domain = `stranger-${uniq()}.myshopify.com`;
    const webhookId = randomUUID();
    const result = await receiveShopifyWebhook(db, { rawBody: body, request: webhookRequest({ body, topic: "orders/create", shop: domain, webhookId }) });
    expect(result).toMatchObject({ status: 200, ignored: true });
    expect((await deliveriesWithId(webhookId))[0]).toMatchObject({ status: "ignored", workspaceId: null, shopDomain: domain });
  });

  it("a failing delivery is marked failed with its error, stays visible, and a re-run succeeds", async () => {
    const brand = await createTestBrand();
    const shop = await insertShop(brand.db, brand.workspace.id);
    const order = JSON.parse(fixtures.find((f) => f.name === "orders-create-no-code")!.body) as Record<string, unknown>;
    const body = JSON.stringify({ ...order, id: 990000000002 });
    vi.mocked(recordOrderModule.recordOrder).mockRejectedValueOnce(new Error("database hiccup"));
    const webhookId = randomUUID();
    // Record without handing off, then process by hand, so the failure is observed deterministically.
    const [row] = await db
      .insert(webhookDeliveries)
      .values({ workspaceId: brand.workspace.id, shopDomain: shop.domain, webhookId, topic: "orders/create", headers: {}, rawBody: body })
      .returning();
    await expect(processDelivery(db, row!.id)).rejects.toThrow("database hiccup");
    const failed = (await deliveriesWithId(webhookId))[0]!;
    expect(failed).toMatchObject({ status: "failed", attempts: 1, lastError: "database hiccup" });
    // A transient failure gets a retry with backoff (15 s after the first attempt), and is failing since now.
    expect(failed.retryAt!.getTime() - failed.updatedAt.getTime()).toBeGreaterThan(10_000);
    expect(failed.failingSince).not.toBeNull();

    await rerunDelivery(db, { workspaceId: brand.workspace.id, deliveryId: row!.id, actor: { kind: "system" } });
    await drainInProcessJobs();
    expect((await deliveriesWithId(webhookId))[0]).toMatchObject({ status: "processed", attempts: 2, lastError: null });
    expect(await db.select().from(orders).where(eq(orders.workspaceId, brand.workspace.id))).toHaveLength(1);
    // Another workspace cannot re-run it.
    const other = await createTestBrand();
    await expect(rerunDelivery(db, { workspaceId: other.workspace.id, deliveryId: row!.id, actor: { kind: "system" } })).rejects.toMatchObject({ code: "not_found" });
  });

  it("a body that does not match Shopify's shape fails with a readable error", async () => {
    const brand = await createTestBrand();
    const shop = await insertShop(brand.db, brand.workspace.id);
    const body = JSON.stringify({ id: 3, name: "#3" });
    const webhookId = randomUUID();
    const [row] = await db
      .insert(webhookDeliveries)
      .values({ workspaceId: brand.workspace.id, shopDomain: shop.domain, webhookId, topic: "orders/create", headers: {}, rawBody: body })
      .returning();
    // A body that can never be valid fails once, clearly, and is parked: nothing retries it.
    expect(await processDelivery(db, row!.id)).toMatchObject({ outcome: "failed", error: expect.stringMatching(/does not match Shopify's shape: .*currency/) });
    expect((await deliveriesWithId(webhookId))[0]).toMatchObject({ status: "failed", attempts: 1, retryAt: null });
    expect(await sweepDeliveries(db, { receivedGraceSeconds: 0 })).toMatchObject({ enqueued: 0 });
  });

  it("the sweeper hands off deliveries that were recorded but never processed", async () => {
    const brand = await createTestBrand();
    const shop = await insertShop(brand.db, brand.workspace.id);
    const order = JSON.parse(fixtures.find((f) => f.name === "orders-create-no-code")!.body) as Record<string, unknown>;
    const [row] = await db
      .insert(webhookDeliveries)
      .values({
        workspaceId: brand.workspace.id,
        shopDomain: shop.domain,
        webhookId: randomUUID(),
        topic: "orders/create",
        headers: {},
        rawBody: JSON.stringify({ ...order, id: 990000000003 }),
        receivedAt: new Date(Date.now() - 5 * 60_000),
      })
      .returning();
    const { enqueued } = await sweepDeliveries(db);
    expect(enqueued).toBeGreaterThanOrEqual(1);
    await drainInProcessJobs();
    const [after] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, row!.id));
    expect(after!.status).toBe("processed");
  });
});

describe("privacy topics", () => {
  async function setup() {
    const brand = await createTestBrand();
    const shop = await insertShop(brand.db, brand.workspace.id);
    const order = JSON.parse(fixtures.find((f) => f.name === "orders-create-single-code")!.body) as Record<string, unknown>;
    const body = JSON.stringify({ ...order, id: 880000000001, email: "private.person@example.com", customer: { ...(order.customer as object), id: 770001, email: "private.person@example.com" } });
    await receiveShopifyWebhook(db, { rawBody: body, request: webhookRequest({ body, topic: "orders/create", shop: shop.domain }) });
    await drainInProcessJobs();
    const send = async (topic: string, payload: unknown) => {
      const b = JSON.stringify(payload);
      await receiveShopifyWebhook(db, { rawBody: b, request: webhookRequest({ body: b, topic, shop: shop.domain }) });
      await drainInProcessJobs();
    };
    return { brand, shop, send };
  }

  it("customers/data_request produces the customer's stored data for the brand", async () => {
    const { brand, shop, send } = await setup();
    await send("customers/data_request", { shop_domain: shop.domain, customer: { id: 770001, email: "private.person@example.com" }, orders_requested: [880000000001], data_request: { id: 9999 } });
    const [request] = await db.select().from(privacyRequests).where(eq(privacyRequests.workspaceId, brand.workspace.id));
    expect(request).toMatchObject({ topic: "customers/data_request", ordersAffected: 1 });
    expect(JSON.stringify(request!.export)).toContain("private.person@example.com");
  });

  it("customers/redact erases email and name from orders and stored deliveries, keeping amounts", async () => {
    const { brand, shop, send } = await setup();
    await send("customers/redact", { shop_domain: shop.domain, customer: { id: 770001, email: "private.person@example.com" }, orders_to_redact: [880000000001] });
    const [order] = await db.select().from(orders).where(eq(orders.workspaceId, brand.workspace.id));
    expect(order).toMatchObject({ email: null, customerName: null, redactedAt: expect.any(Date), subtotalCents: expect.any(Number) });
    expect(order!.subtotalCents).toBeGreaterThan(0);
    const bodies = await db.select({ rawBody: webhookDeliveries.rawBody }).from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, brand.workspace.id));
    for (const b of bodies) expect(b.rawBody).not.toContain("private.person@example.com");
    // A late orders/updated cannot bring the email back.
    const late = JSON.stringify({ ...JSON.parse(fixtures.find((f) => f.name === "orders-create-single-code")!.body), id: 880000000001, email: "private.person@example.com", updated_at: "2030-01-01T00:00:00Z" });
    await receiveShopifyWebhook(db, { rawBody: late, request: webhookRequest({ body: late, topic: "orders/updated", shop: shop.domain }) });
    await drainInProcessJobs();
    const [again] = await db.select().from(orders).where(eq(orders.workspaceId, brand.workspace.id));
    expect(again!.email).toBeNull();
  });

  it("shop/redact erases the shop's personal data", async () => {
    const { brand, shop, send } = await setup();
    await send("shop/redact", { shop_id: 1, shop_domain: shop.domain });
    const rows = await db.select().from(orders).where(eq(orders.workspaceId, brand.workspace.id));
    expect(rows.every((o) => o.email === null && o.redactedAt !== null)).toBe(true);
    const [request] = await db.select().from(privacyRequests).where(eq(privacyRequests.workspaceId, brand.workspace.id));
    expect(request?.topic).toBe("shop/redact");
  });

  it("app/uninstalled disconnects the shop and keeps its data", async () => {
    const { brand, shop, send } = await setup();
    await send("app/uninstalled", { id: 1, name: "Store", myshopify_domain: shop.domain });
    const [after] = await db.select().from(shops).where(eq(shops.id, shop.id));
    expect(after).toMatchObject({ status: "disconnected", accessTokenEnc: null });
    expect(await db.select().from(orders).where(eq(orders.workspaceId, brand.workspace.id))).toHaveLength(1);
  });
});
