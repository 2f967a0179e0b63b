import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { conversions, ledgerEntries, orders, privacyRequests, webhookDeliveries } from "@/db/schema";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { receiveShopifyWebhook } from "@/lib/webhooks/receive-shopify-webhook";
import { createTestBrand } from "@/test/factories";
import { insertShop, webhookFixtures, webhookRequest } from "@/test/shopify";

const fixtures = webhookFixtures();
const orderFixture = JSON.parse(fixtures.find((f) => f.name === "orders-create-single-code")!.body) as Record<string, unknown>;

type Person = { customerId: number | null; email: string; first: string };
/** Ids chosen so that one is a substring of others: a text search for "5501" finds all of them. */
const X: Person = { customerId: 9901, email: "xavier.private@example.com", first: "Xavier" };
const OTHERS: Person[] = [
  { customerId: 99010, email: "olga@example.com", first: "Olga" },
  { customerId: 199011, email: "pedro@example.com", first: "Pedro" },
  { customerId: null, email: "guest.quinn@example.com", first: "Quinn" },
  // Same email as X but another Shopify customer: not X (matched by id when there is one).
  { customerId: 99012, email: "xavier.private@example.com", first: "Namesake" },
];

function orderBody(id: number, p: Person, extra: Record<string, unknown> = {}) {
  const customer = p.customerId === null ? null : { ...(orderFixture.customer as object), id: p.customerId, email: p.email, first_name: p.first, last_name: "Doe" };
  return JSON.stringify({ ...orderFixture, id, name: `#${id}`, email: p.email, contact_email: p.email, customer, billing_address: { first_name: p.first, address1: "1 Main St", zip: "5501" }, ...extra });
}

async function shopWithCustomers() {
  const brand = await createTestBrand();
  const db = brand.db;
  const shop = await insertShop(db, brand.workspace.id);
  const send = async (topic: string, body: string) => {
    const r = await receiveShopifyWebhook(db, { rawBody: body, request: webhookRequest({ body, topic, shop: shop.domain }) });
    expect(r.status).toBe(200);
  };
  // X: two orders (one updated), a refund delivery. Others: orders whose ids contain X's ids.
  await send("orders/create", orderBody(5501, X));
  await send("orders/updated", orderBody(5501, X, { updated_at: "2030-01-01T00:00:00Z" }));
  await send("orders/create", orderBody(7702, X));
  await send("refunds/create", JSON.stringify({ id: 6601, order_id: 7702, created_at: "2026-05-02T10:00:00Z", note: "X asked", refund_line_items: [], transactions: [], order_adjustments: [] }));
  await send("orders/create", orderBody(55010, OTHERS[0]!));
  await send("orders/create", orderBody(155011, OTHERS[1]!));
  await send("orders/create", orderBody(25501, OTHERS[2]!));
  await send("orders/create", orderBody(77020, OTHERS[3]!));
  await send("refunds/create", JSON.stringify({ id: 66010, order_id: 55010, created_at: "2026-05-02T10:00:00Z", note: "5501 7702", refund_line_items: [], transactions: [], order_adjustments: [] }));
  await drainInProcessJobs();
  // A body that is not JSON at all but mentions X's order ids (stored as received; processing marked
  // it failed). Inserted as stored, so this test does not wait for processing's retries.
  await db.insert(webhookDeliveries).values({
    workspaceId: brand.workspace.id,
    shopDomain: shop.domain,
    webhookId: `garbled-${brand.workspace.id}`,
    topic: "orders/updated",
    headers: {},
    rawBody: "not json: 5501 7702 xavier.private@example.com",
    status: "failed",
    lastError: "The orders/updated body is not JSON.",
  });
  return { brand, db, shop, send };
}

async function snapshot(db: Awaited<ReturnType<typeof getDb>>, workspaceId: string) {
  const deliveries = (await db.select({ id: webhookDeliveries.id, topic: webhookDeliveries.topic, rawBody: webhookDeliveries.rawBody }).from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, workspaceId)).orderBy(asc(webhookDeliveries.id))).map((d) => ({ ...d, rawBody: d.rawBody! }));
  const orderRows = await db.select().from(orders).where(eq(orders.workspaceId, workspaceId)).orderBy(asc(orders.id));
  const conv = await db.select().from(conversions).where(eq(conversions.workspaceId, workspaceId)).orderBy(asc(conversions.id));
  const ledger = await db.select().from(ledgerEntries).where(eq(ledgerEntries.workspaceId, workspaceId)).orderBy(asc(ledgerEntries.id));
  return { deliveries, orderRows, conv, ledger };
}

const money = (o: typeof orders.$inferSelect) => ({
  id: o.id,
  shopifyOrderId: o.shopifyOrderId,
  subtotalCents: o.subtotalCents,
  currentSubtotalCents: o.currentSubtotalCents,
  totalDiscountsCents: o.totalDiscountsCents,
  totalTaxCents: o.totalTaxCents,
  totalPriceCents: o.totalPriceCents,
  discountCodes: o.discountCodes,
  attributionStatus: o.attributionStatus,
  attributionExplanation: o.attributionExplanation,
});

describe("customers/redact touches only the named customer's orders", () => {
  it("a customer the shop does not have, naming an order it does not have, changes no stored body and no order", async () => {
    const { brand, db, send } = await shopWithCustomers();
    const before = await snapshot(db, brand.workspace.id);
    await send("customers/redact", JSON.stringify({ shop_id: 1, shop_domain: "x", customer: { id: 5, email: "nobody@example.com", phone: null }, orders_to_redact: [55] }));
    await drainInProcessJobs();
    const after = await snapshot(db, brand.workspace.id);
    const [request] = await db.select().from(privacyRequests).where(eq(privacyRequests.workspaceId, brand.workspace.id));
    expect(request).toMatchObject({ topic: "customers/redact", ordersAffected: 0 });
    const own = new Set(after.deliveries.filter((d) => d.topic === "customers/redact").map((d) => d.id));
    expect(after.deliveries.filter((d) => !own.has(d.id))).toEqual(before.deliveries);
    expect(after.orderRows).toEqual(before.orderRows);
  });

  it("redacting one customer among many: their orders and deliveries lose personal data, every other stored body is byte-identical, every figure stays", async () => {
    const { brand, db, send } = await shopWithCustomers();
    const before = await snapshot(db, brand.workspace.id);
    await send("customers/redact", JSON.stringify({ shop_id: 1, shop_domain: "x", customer: { id: X.customerId, email: X.email, phone: null }, orders_to_redact: [5501, 7702, 55010] }));
    await drainInProcessJobs();
    const after = await snapshot(db, brand.workspace.id);

    const xOrders = new Set([5501, 7702]);
    // X's orders: personal data gone, amounts and attribution untouched.
    for (const o of after.orderRows) {
      const was = before.orderRows.find((b) => b.id === o.id)!;
      expect(money(o)).toEqual(money(was));
      if (xOrders.has(o.shopifyOrderId)) expect(o).toMatchObject({ email: null, customerName: null, shopifyCustomerId: null, redactedAt: expect.any(Date) });
      else expect(o).toEqual(was);
    }
    expect(after.conv).toEqual(before.conv);
    expect(after.ledger).toEqual(before.ledger);

    // X's deliveries (both orders, the update, the refund) are scrubbed; all the others are byte-identical.
    const isX = (raw: string) => {
      try {
        const b = JSON.parse(raw) as { id?: number; order_id?: number };
        return xOrders.has(b.order_id ?? -1) || (b.order_id === undefined && xOrders.has(b.id ?? -1));
      } catch {
        return false;
      }
    };
    const scrubbed = before.deliveries.filter((d) => d.topic !== "customers/redact" && isX(d.rawBody));
    expect(scrubbed).toHaveLength(4);
    for (const d of after.deliveries) {
      if (d.topic === "customers/redact") continue;
      const was = before.deliveries.find((b) => b.id === d.id)!;
      if (scrubbed.some((s) => s.id === d.id)) {
        expect(d.rawBody).not.toContain(X.email);
        expect(d.rawBody).not.toContain("Xavier");
        expect(d.rawBody).not.toContain("1 Main St");
        expect(JSON.parse(d.rawBody).id).toBe(JSON.parse(was.rawBody).id);
      } else {
        expect(d.rawBody, `${d.topic} ${was.rawBody.slice(0, 60)}`).toBe(was.rawBody);
      }
    }
    const [request] = await db.select().from(privacyRequests).where(eq(privacyRequests.workspaceId, brand.workspace.id));
    expect(request).toMatchObject({ topic: "customers/redact", ordersAffected: 2 });
  });
});
