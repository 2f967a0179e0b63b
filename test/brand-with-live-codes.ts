import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { campaigns, creators, discountCodes, enrollments, workspaceCreators } from "@/db/schema";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { receiveShopifyWebhook } from "@/lib/webhooks/receive-shopify-webhook";
import { createTestBrand, uniq } from "./factories";
import { insertShop, webhookRequest } from "./shopify";

export type LiveCodeCreator = { code: string; fullName: string; email: string };

/**
 * A new brand whose store (a `shops` row: no Shopify Admin needed) runs one campaign, started in
 * 2020 with 15 % commission, in which each creator has a live code, all written directly. `send`
 * delivers a signed webhook through the real intake and drains the jobs it started.
 */
export async function brandWithLiveCodes(campaignName: string, codeCreators: LiveCodeCreator[], opts: { discountPercent?: number } = {}) {
  const brand = await createTestBrand();
  const db = brand.db;
  const workspaceId = brand.workspace.id;
  const shop = await insertShop(db, workspaceId);
  const [campaign] = await db
    .insert(campaigns)
    .values({ workspaceId, shopId: shop.id, name: campaignName, startsAt: new Date("2020-01-01"), discountType: "percentage", discountValue: (opts.discountPercent ?? 15) * 100, commissionRateBps: 1500, codeTemplate: "{full_name}", currency: "USD" })
    .returning();
  const creatorIds: string[] = [];
  for (const c of codeCreators) {
    const [creator] = await db.insert(creators).values({ email: c.email, fullName: c.fullName }).returning();
    await db.insert(workspaceCreators).values({ workspaceId, creatorId: creator!.id, status: "active" });
    const [enrollment] = await db.insert(enrollments).values({ workspaceId, campaignId: campaign!.id, creatorId: creator!.id, referralSlug: `${c.code.toLowerCase()}-${uniq()}` }).returning();
    await db.insert(discountCodes).values({ workspaceId, shopId: shop.id, campaignId: campaign!.id, enrollmentId: enrollment!.id, creatorId: creator!.id, code: c.code, status: "active" });
    creatorIds.push(creator!.id);
  }
  const send = async (topic: string, payload: unknown, webhookId = randomUUID()) => {
    const body = JSON.stringify(payload);
    const res = await receiveShopifyWebhook(db, { rawBody: body, request: webhookRequest({ body, topic, shop: shop.domain, webhookId }) });
    expect(res.status).toBe(200);
    await drainInProcessJobs();
  };
  return { db, brand, shop, workspaceId, campaign: campaign!, creatorIds, send };
}
