import { createHmac, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/shopify/route";
import type { Db } from "@/db/client";
import { orders, webhookDeliveries } from "@/db/schema";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { createTestBrand } from "@/test/factories";
import { FIXTURE_SECRET, insertShop, webhookFixtures } from "@/test/shopify";
import { storedBodyBytes } from "./stored-body";

/**
 * Issue 15 point 8: a signed body is recorded exactly as received (bytes), whatever they are, and
 * acknowledged; processing then says why it cannot be used. The HMAC is over the bytes as sent.
 */
let db: Db;
let workspaceId: string;
let domain: string;

beforeAll(async () => {
  const brand = await createTestBrand();
  db = brand.db;
  workspaceId = brand.workspace.id;
  domain = (await insertShop(db, workspaceId)).domain;
});

const orderJson = (id: number) =>
  JSON.stringify({ ...(JSON.parse(webhookFixtures().find((f) => f.name === "orders-create-single-code")!.body) as object), id });

function signedRequest(bytes: Buffer, webhookId = randomUUID(), topic = "orders/create") {
  return new Request("http://localhost/api/webhooks/shopify", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": createHmac("sha256", FIXTURE_SECRET).update(bytes).digest("base64"),
      "X-Shopify-Shop-Domain": domain,
      "X-Shopify-API-Version": "2026-07",
      "X-Shopify-Webhook-Id": webhookId,
    },
    body: new Uint8Array(bytes),
  });
}

async function deliver(bytes: Buffer) {
  const webhookId = randomUUID();
  const response = await POST(signedRequest(bytes, webhookId));
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));
  return { response, row };
}

describe("bodies Postgres text cannot hold, and bodies with a byte-order mark", () => {
  it("a signed body with a NUL byte is acknowledged, stored byte for byte, and fails processing with a reason", async () => {
    const bytes = Buffer.concat([Buffer.from(orderJson(880000000001).slice(0, -1)), Buffer.from([0]), Buffer.from("}")]);
    const { response, row } = await deliver(bytes);
    expect(response.status).toBe(200);
    expect(row).toBeDefined();
    expect(Buffer.compare(storedBodyBytes(row!), bytes)).toBe(0);
    await drainInProcessJobs();
    const [after] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, row!.id));
    // Failed once, with its reason, and parked: a body like this can never become valid.
    expect(after).toMatchObject({ status: "failed", attempts: 1, retryAt: null });
    expect(after!.lastError).toMatch(/NUL/);
    expect(await db.select().from(orders).where(and(eq(orders.workspaceId, workspaceId), eq(orders.shopifyOrderId, 880000000001)))).toHaveLength(0);
  });

  it("a signed body that is not UTF-8 is acknowledged, stored byte for byte, and fails processing with a reason", async () => {
    const bytes = Buffer.concat([Buffer.from('{"id": 880000000002, "name": "'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]);
    const { response, row } = await deliver(bytes);
    expect(response.status).toBe(200);
    expect(Buffer.compare(storedBodyBytes(row!), bytes)).toBe(0);
    await drainInProcessJobs();
    const [after] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, row!.id));
    expect(after).toMatchObject({ status: "failed", attempts: 1, retryAt: null });
    expect(after!.lastError).toMatch(/UTF-8/);
  });

  it("a body starting with a UTF-8 BOM, signed over exactly those bytes, is accepted, stored with its BOM, and processed", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(orderJson(880000000003))]);
    const { response, row } = await deliver(bytes);
    expect(response.status).toBe(200);
    expect(Buffer.compare(storedBodyBytes(row!), bytes)).toBe(0);
    await drainInProcessJobs();
    const [after] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, row!.id));
    expect(after).toMatchObject({ status: "processed", lastError: null });
    expect(await db.select().from(orders).where(and(eq(orders.workspaceId, workspaceId), eq(orders.shopifyOrderId, 880000000003)))).toHaveLength(1);
  });

  it("a BOM body signed over the bytes without the BOM is 401 and stores nothing", async () => {
    const json = Buffer.from(orderJson(880000000004));
    const webhookId = randomUUID();
    const request = signedRequest(json, webhookId);
    const withBom = new Request(request.url, { method: "POST", headers: request.headers, body: new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json])) });
    expect((await POST(withBom)).status).toBe(401);
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId))).toHaveLength(0);
  });

  it("an ordinary body is still stored as text, exactly", async () => {
    const json = orderJson(880000000005);
    const { response, row } = await deliver(Buffer.from(json));
    expect(response.status).toBe(200);
    expect(row!.rawBody).toBe(json);
    expect(row!.rawBodyBytes).toBeNull();
  });
});
