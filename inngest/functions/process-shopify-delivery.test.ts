import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { orders, webhookDeliveries } from "@/db/schema";
import * as recordOrderModule from "@/lib/orders/record-order";
import { createTestBrand } from "@/test/factories";
import { insertShop, webhookFixtures } from "@/test/shopify";
import { processShopifyDelivery } from "./process-shopify-delivery";

vi.mock("@/lib/orders/record-order", { spy: true });

const orderBody = (id: number) =>
  JSON.stringify({ ...(JSON.parse(webhookFixtures().find((f) => f.name === "orders-create-single-code")!.body) as object), id });

async function recordedDelivery() {
  const brand = await createTestBrand();
  const shop = await insertShop(brand.db, brand.workspace.id);
  const [row] = await brand.db
    .insert(webhookDeliveries)
    .values({ workspaceId: brand.workspace.id, shopDomain: shop.domain, webhookId: randomUUID(), topic: "orders/create", headers: {}, rawBody: orderBody(Date.now()) })
    .returning();
  return { brand, delivery: row! };
}

const event = (d: { id: string; workspaceId: string | null }) => ({
  name: "tally/shopify.delivery.received",
  data: { deliveryId: d.id, workspaceId: d.workspaceId! },
});

describe("process-shopify-delivery (Inngest function)", () => {
  it("is keyed per workspace, and urgent deliveries (refunds, cancellations) run with priority", () => {
    const opts = processShopifyDelivery.opts as { concurrency?: { key: string; limit: number }; priority?: { run: string } };
    expect(opts.concurrency).toEqual({ key: "event.data.concurrencyKey", limit: 8 });
    expect(opts.priority).toEqual({ run: "event.data.urgent == true ? 600 : 0" });
  });

  it("processes a recorded delivery in one durable step", async () => {
    const { brand, delivery } = await recordedDelivery();
    const t = new InngestTestEngine({ function: processShopifyDelivery });
    const { result, error, ctx } = await t.execute({ events: [event(delivery)] });
    expect(error).toBeUndefined();
    expect(result).toEqual({ deliveryId: delivery.id, outcome: "processed" });
    expect(ctx.step.run).toHaveBeenCalledWith("process-delivery", expect.any(Function));
    const [after] = await brand.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(after).toMatchObject({ status: "processed", attempts: 1 });
    expect(await brand.db.select().from(orders).where(eq(orders.workspaceId, brand.workspace.id))).toHaveLength(1);
  });

  it("a second run of the same event changes nothing (idempotent)", async () => {
    const { brand, delivery } = await recordedDelivery();
    await new InngestTestEngine({ function: processShopifyDelivery }).execute({ events: [event(delivery)] });
    const { result } = await new InngestTestEngine({ function: processShopifyDelivery }).execute({ events: [event(delivery)] });
    expect(result).toEqual({ deliveryId: delivery.id, outcome: "skipped" });
    const [after] = await brand.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(after!.attempts).toBe(1);
  });

  it("a failure surfaces to Inngest (so it retries) and is recorded on the delivery", async () => {
    const { brand, delivery } = await recordedDelivery();
    vi.mocked(recordOrderModule.recordOrder).mockRejectedValueOnce(new Error("connection reset"));
    const { error } = await new InngestTestEngine({ function: processShopifyDelivery }).execute({ events: [event(delivery)] });
    expect(error).toMatchObject({ message: "connection reset" });
    const [after] = await brand.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(after).toMatchObject({ status: "failed", lastError: "connection reset" });
  });

  it("is keyed per workspace for concurrency", () => {
    const config = processShopifyDelivery["opts"] as { concurrency?: { key: string; limit: number } };
    expect(config.concurrency).toEqual({ key: "event.data.concurrencyKey", limit: 8 });
  });
});
