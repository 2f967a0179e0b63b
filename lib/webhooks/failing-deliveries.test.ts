import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, orders, webhookDeliveries } from "@/db/schema";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import * as recordOrderModule from "@/lib/orders/record-order";
import { createTestBrand } from "@/test/factories";
import { insertShop, webhookFixtures } from "@/test/shopify";
import { getFailingDeliveriesWarning } from "./failing-deliveries";
import { processDelivery } from "./process-delivery";
import { retryFailedDeliveries } from "./rerun-delivery";
import { sweepDeliveries } from "./sweep-deliveries";

vi.mock("@/lib/orders/record-order", { spy: true });

/** Issue 15 point 13: failed deliveries retry with bounded backoff, then park; a person retries one or all; the overview warns. */
const orderBody = (id: number) =>
  JSON.stringify({ ...(JSON.parse(webhookFixtures().find((f) => f.name === "orders-create-no-code")!.body) as object), id });

async function brandWithShop() {
  const brand = await createTestBrand();
  const shop = await insertShop(brand.db, brand.workspace.id);
  const record = async (rawBody: string, over: Partial<typeof webhookDeliveries.$inferInsert> = {}) => {
    const [row] = await brand.db
      .insert(webhookDeliveries)
      .values({ workspaceId: brand.workspace.id, shopDomain: shop.domain, webhookId: randomUUID(), topic: "orders/create", headers: {}, rawBody, ...over })
      .returning();
    return row!;
  };
  return { db: brand.db, workspaceId: brand.workspace.id, record };
}

const get = async (db: Db, id: string) => (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0]!;

describe("failing deliveries", () => {
  it("a transient failure retries with growing pauses and is parked once out of attempts; the sweeper leaves parked ones alone", async () => {
    const { db, record } = await brandWithShop();
    const row = await record(orderBody(Date.now()));
    vi.mocked(recordOrderModule.recordOrder).mockRejectedValue(new Error("database away"));
    try {
      const pauses: number[] = [];
      for (let attempt = 1; attempt <= 8; attempt++) {
        await expect(processDelivery(db, row.id)).rejects.toThrow("database away");
        const after = await get(db, row.id);
        expect(after).toMatchObject({ status: "failed", attempts: attempt, lastError: "database away" });
        if (after.retryAt) pauses.push(Math.round((after.retryAt.getTime() - after.updatedAt.getTime()) / 1000));
        else expect(attempt).toBe(8);
      }
      // 15 s, 30 s, 1, 2, 4, 8, 16 min; then parked.
      expect(pauses.map((p) => Math.round(p / 15) * 15)).toEqual([15, 30, 60, 120, 240, 480, 960]);
      expect((await get(db, row.id)).retryAt).toBeNull();
      await db.update(webhookDeliveries).set({ updatedAt: new Date(0) }).where(eq(webhookDeliveries.id, row.id));
      expect(await sweepDeliveries(db, { receivedGraceSeconds: 3600 })).toMatchObject({ enqueued: 0 });
    } finally {
      vi.mocked(recordOrderModule.recordOrder).mockRestore();
    }
  });

  it("the sweeper hands back a failed delivery whose retry is due, and it is processed", async () => {
    const { db, record } = await brandWithShop();
    const row = await record(orderBody(Date.now() + 1), { status: "failed", attempts: 1, lastError: "database away", retryAt: new Date(Date.now() - 1000), failingSince: new Date() });
    const { enqueued } = await sweepDeliveries(db, { receivedGraceSeconds: 3600 });
    expect(enqueued).toBeGreaterThanOrEqual(1);
    await drainInProcessJobs();
    expect(await get(db, row.id)).toMatchObject({ status: "processed", attempts: 2, lastError: null, retryAt: null, failingSince: null });
  });

  it("Retry all hands back every failed delivery of the workspace, parked or not, and only those", async () => {
    const a = await brandWithShop();
    const b = await brandWithShop();
    const parked = await a.record(orderBody(Date.now() + 2), { status: "failed", attempts: 8, lastError: "database away", failingSince: new Date() });
    const retrying = await a.record(orderBody(Date.now() + 3), { status: "failed", attempts: 1, lastError: "database away", retryAt: new Date(Date.now() + 60_000), failingSince: new Date() });
    const other = await b.record(orderBody(Date.now() + 4), { status: "failed", attempts: 8, lastError: "database away", failingSince: new Date() });
    expect(await retryFailedDeliveries(a.db, { workspaceId: a.workspaceId, actor: { kind: "system" } })).toEqual({ retried: 2 });
    await drainInProcessJobs();
    for (const id of [parked.id, retrying.id]) expect(await get(a.db, id)).toMatchObject({ status: "processed", lastError: null, failingSince: null });
    expect(await a.db.select().from(orders).where(eq(orders.workspaceId, a.workspaceId))).toHaveLength(2);
    expect(await get(b.db, other.id)).toMatchObject({ status: "failed", attempts: 8 });
    const audit = await a.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, a.workspaceId), eq(auditLog.action, "delivery.retry_all")));
    expect(audit).toHaveLength(1);
    expect(await retryFailedDeliveries(a.db, { workspaceId: a.workspaceId, actor: { kind: "system" } })).toEqual({ retried: 0 });
  });

  it("the overview warns about deliveries failing for more than ten minutes, of this workspace only", async () => {
    const a = await brandWithShop();
    const b = await brandWithShop();
    expect(await getFailingDeliveriesWarning(a.db, a.workspaceId)).toBeNull();
    await a.record("{}", { status: "failed", attempts: 1, lastError: "x", failingSince: new Date(Date.now() - 5 * 60_000) });
    expect(await getFailingDeliveriesWarning(a.db, a.workspaceId)).toBeNull();
    const since = new Date(Date.now() - 11 * 60_000);
    const old = await a.record("{}", { status: "failed", attempts: 3, lastError: "x", failingSince: since });
    await b.record("{}", { status: "failed", attempts: 3, lastError: "x", failingSince: new Date(Date.now() - 60 * 60_000) });
    expect(await getFailingDeliveriesWarning(a.db, a.workspaceId)).toEqual({ count: 1, since });
    await a.db.update(webhookDeliveries).set({ status: "processed", failingSince: null }).where(inArray(webhookDeliveries.id, [old.id]));
    expect(await getFailingDeliveriesWarning(a.db, a.workspaceId)).toBeNull();
  });
});
