/** Test support for payouts: a brand with two creator codes, and Shopify payloads of the fixture's shape at chosen times. */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { campaigns, creators, discountCodes, enrollments, workspaceCreators } from "@/db/schema";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { receiveShopifyWebhook } from "@/lib/webhooks/receive-shopify-webhook";
import { createTestBrand, uniq } from "@/test/factories";
import { insertShop, webhookFixtures, webhookRequest } from "@/test/shopify";

export const DAY = 86_400_000;
export const orderTemplate = JSON.parse(webhookFixtures().find((f) => f.name === "orders-create-single-code")!.body) as Record<string, unknown>;
export const CODES = ["JANE15", "MARK15"];

/** A workspace with a store and two creators with live codes (written directly: no Shopify Admin needed). */
export async function payoutsSetup() {
  const brand = await createTestBrand();
  const db = brand.db;
  const shop = await insertShop(db, brand.workspace.id);
  const [campaign] = await db
    .insert(campaigns)
    .values({ workspaceId: brand.workspace.id, shopId: shop.id, name: "Payouts", startsAt: new Date("2020-01-01"), discountType: "percentage", discountValue: 1500, commissionRateBps: 1500, codeTemplate: "{full_name}", currency: "USD" })
    .returning();
  const creatorIds: string[] = [];
  for (const code of CODES) {
    const [creator] = await db.insert(creators).values({ email: `${code.toLowerCase()}-${uniq()}@example.com`, fullName: code }).returning();
    await db.insert(workspaceCreators).values({ workspaceId: brand.workspace.id, creatorId: creator!.id, status: "active" });
    const [enrollment] = await db.insert(enrollments).values({ workspaceId: brand.workspace.id, campaignId: campaign!.id, creatorId: creator!.id, referralSlug: `${code.toLowerCase()}-${uniq()}` }).returning();
    await db.insert(discountCodes).values({ workspaceId: brand.workspace.id, shopId: shop.id, campaignId: campaign!.id, enrollmentId: enrollment!.id, creatorId: creator!.id, code, status: "active" });
    creatorIds.push(creator!.id);
  }
  const send = async (topic: string, payload: unknown) => {
    const body = JSON.stringify(payload);
    const res = await receiveShopifyWebhook(db, { rawBody: body, request: webhookRequest({ body, topic, shop: shop.domain, webhookId: randomUUID() }) });
    expect(res.status).toBe(200);
    await drainInProcessJobs();
  };
  return { db, brand, shop, workspaceId: brand.workspace.id, creatorIds, send, actor: { kind: "user" as const, id: brand.user.id } };
}

/** An order of the fixture's shape (85.00 after the code: 12.75 commission) with a creator's code, placed `daysAgo`. */
export function orderPayload(id: number, code: string, at: Date, over: Record<string, unknown> = {}) {
  const iso = at.toISOString();
  return { ...(JSON.parse(JSON.stringify(orderTemplate).replaceAll("JANE15", code)) as Record<string, unknown>), id, name: `#${id % 100000}`, created_at: iso, processed_at: iso, updated_at: iso, ...over };
}

export function refundPayload(refundId: number, orderId: number, cents: number, at: Date) {
  const money = (c: number) => ({ shop_money: { amount: (c / 100).toFixed(2), currency_code: "USD" }, presentment_money: { amount: (c / 100).toFixed(2), currency_code: "USD" } });
  const lineItem = (orderTemplate.line_items as Record<string, unknown>[])[0]!;
  return {
    id: refundId,
    order_id: orderId,
    created_at: at.toISOString(),
    processed_at: at.toISOString(),
    note: null,
    restock: false,
    transactions: [],
    order_adjustments: [],
    refund_shipping_lines: [],
    refund_line_items: [{ id: refundId * 10, line_item_id: lineItem.id, line_item: lineItem, quantity: 1, restock_type: "no_restock", subtotal: cents / 100, subtotal_set: money(cents), total_tax: 0, total_tax_set: money(0) }],
  };
}

