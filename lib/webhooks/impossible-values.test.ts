import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { ledgerEntries, orders, refunds, webhookDeliveries } from "@/db/schema";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { createTestBrand } from "@/test/factories";
import { insertShop, webhookFixtures, webhookRequest } from "@/test/shopify";
import { receiveShopifyWebhook } from "./receive-shopify-webhook";

/**
 * Issue 15 point 9: values Shopify never sends are refused at the payload schema (or, for a refund
 * larger than its order, by the refund's rule), once: the delivery is recorded and acknowledged,
 * nothing is credited, and it is shown failed with its reason and parked (no retries).
 */
let db: Db;
let workspaceId: string;
let domain: string;

const fixture = (name: string) => JSON.parse(webhookFixtures().find((f) => f.name === name)!.body) as Record<string, unknown>;
const baseOrder = () => fixture("orders-create-single-code");
const money = (amount: string) => ({ shop_money: { amount, currency_code: "USD" }, presentment_money: { amount, currency_code: "USD" } });
let nextId = 7_700_000_000_000;

beforeAll(async () => {
  const brand = await createTestBrand();
  db = brand.db;
  workspaceId = brand.workspace.id;
  domain = (await insertShop(db, workspaceId)).domain;
});

async function deliver(topic: string, body: string) {
  const webhookId = randomUUID();
  const result = await receiveShopifyWebhook(db, { rawBody: body, request: webhookRequest({ body, topic, shop: domain, webhookId }) });
  expect(result.status).toBe(200);
  await drainInProcessJobs();
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));
  return row!;
}

function orderWith(mutate: (o: Record<string, unknown>) => void) {
  const o: Record<string, unknown> = { ...baseOrder(), id: nextId++ };
  o.line_items = (o.line_items as Record<string, unknown>[]).map((l) => ({ ...l }));
  mutate(o);
  return o;
}

const ordersOfWorkspace = (id: number) => db.select().from(orders).where(and(eq(orders.workspaceId, workspaceId), eq(orders.shopifyOrderId, id)));

describe("orders Shopify would never send", () => {
  const lines = (o: Record<string, unknown>) => o.line_items as Record<string, unknown>[];
  it.each([
    ["a negative subtotal", (o: Record<string, unknown>) => (o.current_subtotal_price_set = money("-85.00")), /current_subtotal_price_set/],
    ["a negative line price", (o: Record<string, unknown>) => (lines(o)[0]!.price_set = money("-60.00")), /line_items\.0\.price_set/],
    ["a negative quantity", (o: Record<string, unknown>) => (lines(o)[0]!.quantity = -1), /line_items\.0\.quantity/],
    ["a quantity of 10^20", (o: Record<string, unknown>) => (lines(o)[0]!.quantity = 1e20), /line_items\.0\.quantity/],
    ["an order id beyond bigint", (o: Record<string, unknown>) => (o.id = 99999999999999999999), /(^|\W)id/],
    ["a line id beyond bigint", (o: Record<string, unknown>) => (lines(o)[0]!.id = "99999999999999999999"), /line_items\.0\.id/],
    ["a NUL character in a name", (o: Record<string, unknown>) => (o.name = "#10\u000001"), /NUL/],
    ["a NUL character in a note attribute", (o: Record<string, unknown>) => (o.note_attributes = [{ name: "ref", value: "a\u0000b" }]), /NUL/],
    ["an absurd amount", (o: Record<string, unknown>) => (o.current_subtotal_price_set = money("99999999999999.99")), /current_subtotal_price_set/],
    ["an absurd plain total beside sane amount sets", (o: Record<string, unknown>) => Object.assign(o, { subtotal_price: "99999999999999999999.99", total_price: "1e308" }), /subtotal_price/],
  ])("%s: recorded, acknowledged, failed once with its reason, nothing stored or credited", async (_label, mutate, reason) => {
    const order = orderWith(mutate);
    const row = await deliver("orders/create", JSON.stringify(order));
    expect(row).toMatchObject({ status: "failed", attempts: 1, retryAt: null });
    expect(row.lastError).toMatch(reason);
    if (typeof order.id === "number" && Number.isSafeInteger(order.id)) expect(await ordersOfWorkspace(order.id)).toHaveLength(0);
    expect(await db.select().from(ledgerEntries).where(eq(ledgerEntries.workspaceId, workspaceId))).toHaveLength(0);
  });

  it("an ordinary order next to them is processed", async () => {
    const order = orderWith(() => {});
    const row = await deliver("orders/create", JSON.stringify(order));
    expect(row).toMatchObject({ status: "processed", attempts: 1 });
    expect(await ordersOfWorkspace(order.id as number)).toHaveLength(1);
  });
});

describe("refunds Shopify would never send", () => {
  async function placedOrder() {
    const order = orderWith(() => {});
    expect((await deliver("orders/create", JSON.stringify(order))).status).toBe("processed");
    return order.id as number;
  }
  const refundOf = (orderId: number, subtotal: string) => {
    const r = fixture("refunds-create-partial");
    const items = (r.refund_line_items as Record<string, unknown>[]).map((l) => ({ ...l, subtotal_set: money(subtotal) }));
    return { ...r, id: nextId++, order_id: orderId, refund_line_items: items };
  };

  it.each([
    ["−$100", "-100.00", /subtotal_set/],
    ["$99,999,999.99 on an $85 order", "99999999.99", /more than the order/],
  ])("a refund of %s is recorded, failed once with its reason, and reverses nothing", async (_label, amount, reason) => {
    const orderId = await placedOrder();
    const refund = refundOf(orderId, amount);
    const row = await deliver("refunds/create", JSON.stringify(refund));
    expect(row).toMatchObject({ status: "failed", attempts: 1, retryAt: null });
    expect(row.lastError).toMatch(reason);
    expect(await db.select().from(refunds).where(and(eq(refunds.workspaceId, workspaceId), eq(refunds.shopifyRefundId, refund.id)))).toHaveLength(0);
  });

  it("an ordinary refund of the same order is processed", async () => {
    const orderId = await placedOrder();
    const refund = refundOf(orderId, "34.00");
    expect(await deliver("refunds/create", JSON.stringify(refund))).toMatchObject({ status: "processed" });
  });
});
