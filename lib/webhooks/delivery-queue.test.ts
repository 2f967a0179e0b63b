import { readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows, type Db } from "@/db/client";
import * as schema from "@/db/schema";
import { webhookDeliveries } from "@/db/schema";
import * as recordOrderModule from "@/lib/orders/record-order";
import { createTestBrand, uniq } from "@/test/factories";
import { FIXTURES_DIR, webhookRequest } from "@/test/shopify";
import { claimDelivery, rescueDeliveries } from "./delivery-queue";
import { startDeliveryWorker, type DeliveryWorker } from "./delivery-worker";
import { processDelivery } from "./process-delivery";
import { receiveShopifyWebhook } from "./receive-shopify-webhook";
import { topicPriority } from "./topics";
import { brandWithLiveCodes } from "@/test/brand-with-live-codes";

vi.mock("@/lib/orders/record-order", { spy: true });

const template = JSON.parse(readFileSync(path.join(FIXTURES_DIR, "orders-create-single-code.json"), "utf8")) as Record<string, unknown>;
const CODE = "QUEUE15";
const workers: DeliveryWorker[] = [];
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
});

/** A brand whose store has one live campaign with the creator code QUEUE15. */
async function brandWithCode() {
  const { db, workspaceId, shop } = await brandWithLiveCodes("Queue", [{ code: CODE, fullName: "Queue Creator", email: `queue-${uniq()}@example.com` }]);
  return { db, workspaceId, shop };
}

type Event = { topic: string; body: string };

/** Order n of a seeded burst: the fixture's order with its own id, the creator code, now. */
function orderBody(n: number, extra: Record<string, unknown> = {}) {
  const at = new Date(Date.now() - 60_000).toISOString();
  return JSON.stringify({
    ...template,
    id: 5_100_000_000 + n,
    name: `#Q${n}`,
    created_at: at,
    updated_at: at,
    discount_codes: [{ code: CODE.toLowerCase(), amount: "15.00", type: "percentage" }],
    discount_applications: [{ target_type: "line_item", type: "discount_code", value: "15.0", value_type: "percentage", allocation_method: "across", target_selection: "all", code: CODE.toLowerCase() }],
    ...extra,
  });
}

function refundBody(n: number, k: number, cents: number) {
  const amount = (cents / 100).toFixed(2);
  return JSON.stringify({
    id: 6_100_000_000 + n * 10 + k,
    order_id: 5_100_000_000 + n,
    created_at: new Date().toISOString(),
    note: "queue test",
    refund_line_items: [{ quantity: 1, subtotal_set: { shop_money: { amount, currency_code: "USD" } }, total_tax_set: { shop_money: { amount: "0.00", currency_code: "USD" } } }],
    refund_shipping_lines: [],
    order_adjustments: [],
  });
}

/** Orders, then (interleaved, as Shopify sends them) partial refunds, second refunds, cancellations and order updates. */
function burst(count: number): Event[] {
  const events: Event[] = [];
  for (let n = 0; n < count; n++) {
    events.push({ topic: "orders/create", body: orderBody(n) });
    if (n % 7 === 0) events.push({ topic: "refunds/create", body: refundBody(n, 1, 1000) });
    if (n % 14 === 0) events.push({ topic: "refunds/create", body: refundBody(n, 2, 500) });
    if (n % 11 === 0) events.push({ topic: "orders/cancelled", body: orderBody(n, { cancelled_at: new Date().toISOString(), updated_at: new Date(Date.now() + 1000).toISOString() }) });
    if (n % 5 === 0) events.push({ topic: "orders/updated", body: orderBody(n, { updated_at: new Date(Date.now() - 30_000).toISOString(), note: "updated" }) });
  }
  return events;
}

/** Records deliveries without handing them off (as if intake ran while no worker was up). */
async function record(db: Db, setup: { workspaceId: string; shop: { domain: string } }, events: Event[]) {
  const rows = events.map((e, i) => ({
    workspaceId: setup.workspaceId,
    shopDomain: setup.shop.domain,
    webhookId: randomUUID(),
    topic: e.topic,
    priority: topicPriority(e.topic),
    headers: {},
    rawBody: e.body,
    receivedAt: new Date(Date.now() - 10_000 + i),
  }));
  for (let i = 0; i < rows.length; i += 500) await db.insert(webhookDeliveries).values(rows.slice(i, i + 500));
}

async function waitUntilDrained(db: Db, workspaceId: string) {
  for (;;) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.workspaceId, workspaceId), inArray(webhookDeliveries.status, ["received", "processing"])));
    if (row!.n === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The ledger by Shopify order: per entry kind, count and sums (ids and times differ between workspaces). */
async function ledgerByOrder(db: Db, workspaceId: string) {
  return queryRows<{ order_id: string; kind: string; entries: number; amount: string; commission: string }>(db, sql`
    select c.shopify_order_id::text as order_id, e.kind::text as kind, count(*)::int as entries,
           sum(e.amount_cents)::bigint::text as amount, sum(e.commission_cents)::bigint::text as commission
    from ledger_entries e join conversions c on c.id = e.conversion_id
    where e.workspace_id = ${workspaceId}
    group by 1, 2 order by 1, 2`).then((rows) => rows.map((r) => ({ ...r })));
}

let db: Db;
beforeAll(async () => {
  db = (await createTestBrand()).db;
});

describe("the delivery queue (embedded worker)", () => {
  it("a burst processed by two workers at once gives the same ledger as one worker", async () => {
    const events = burst(60);
    const one = await brandWithCode();
    const two = await brandWithCode();
    await record(db, one, events);
    await record(db, two, events);

    workers.push(startDeliveryWorker(db, { workspaceIds: [one.workspaceId], concurrency: 1, urgentSlots: 0, pollMs: 50 }));
    const a = startDeliveryWorker(db, { workspaceIds: [two.workspaceId], concurrency: 4, pollMs: 50 });
    const b = startDeliveryWorker(db, { workspaceIds: [two.workspaceId], concurrency: 4, pollMs: 50 });
    workers.push(a, b);
    await Promise.all([waitUntilDrained(db, one.workspaceId), waitUntilDrained(db, two.workspaceId)]);

    const single = await ledgerByOrder(db, one.workspaceId);
    const pair = await ledgerByOrder(db, two.workspaceId);
    expect(single.length).toBeGreaterThan(60);
    expect(single.some((r) => r.kind !== "sale")).toBe(true);
    expect(pair).toEqual(single);
    // Both workers of the pair did part of the work; nothing failed anywhere.
    expect(a.processed.all! + a.processed.urgent!).toBeGreaterThan(0);
    expect(b.processed.all! + b.processed.urgent!).toBeGreaterThan(0);
    const failed = await db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(inArray(webhookDeliveries.workspaceId, [one.workspaceId, two.workspaceId]), eq(webhookDeliveries.status, "failed")));
    expect(failed).toEqual([]);
  });

  it("a worker killed mid-job leaves its claim to expire; the job runs again, once in effect", async () => {
    const setup = await brandWithCode();
    await record(db, setup, [{ topic: "orders/create", body: orderBody(9001) }]);
    // The doomed worker, on a connection of its own: it claims the delivery (a 1 s lease) and dies
    // inside the job's transaction, after the handler started writing.
    const client = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {}, connection: { application_name: "tally-killed-worker" } });
    const doomed = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
    const claimed = await claimDelivery(doomed, { workerId: "doomed", leaseSeconds: 1, workspaceIds: [setup.workspaceId] });
    expect(claimed).not.toBeNull();
    let inJob!: () => void;
    const started = new Promise<void>((r) => (inJob = r));
    const actual = await vi.importActual<typeof recordOrderModule>("@/lib/orders/record-order");
    vi.mocked(recordOrderModule.recordOrder).mockImplementationOnce(async (...args) => {
      await actual.recordOrder(...args); // the order row is written inside the doomed transaction…
      inJob();
      return new Promise(() => {}); // …and the job never gets further: the process is "killed" here
    });
    void processDelivery(doomed, claimed!.id, { workerId: "doomed" }).catch(() => {});
    await started;
    // SIGKILL, as Postgres sees it: the connection drops and its transaction is rolled back.
    await db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'tally-killed-worker'`);
    await client.end({ timeout: 1 }).catch(() => {});

    const [stuck] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, claimed!.id));
    expect(stuck).toMatchObject({ status: "processing", claimedBy: "doomed" });
    // Until the lease expires nobody takes it; then the rescue hands it back and a live worker runs it.
    expect(await claimDelivery(db, { workerId: "live", workspaceIds: [setup.workspaceId] })).toBeNull();
    for (;;) {
      if ((await rescueDeliveries(db, { workspaceIds: [setup.workspaceId] })) > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    workers.push(startDeliveryWorker(db, { workspaceIds: [setup.workspaceId], pollMs: 50 }));
    await waitUntilDrained(db, setup.workspaceId);

    const [done] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, claimed!.id));
    expect(done).toMatchObject({ status: "processed", claimedBy: null });
    const ledger = await ledgerByOrder(db, setup.workspaceId);
    expect(ledger).toEqual([expect.objectContaining({ order_id: String(5_100_000_000 + 9001), kind: "sale", entries: 1 })]);
    // The doomed worker coming back late with its old claim changes nothing.
    expect(await processDelivery(db, claimed!.id, { workerId: "doomed" })).toMatchObject({ outcome: "skipped" });
    expect(await ledgerByOrder(db, setup.workspaceId)).toEqual(ledger);
  });

  it("refunds overtake a queued backlog of new orders", async () => {
    const setup = await brandWithCode();
    // Five orders already processed…
    await record(db, setup, Array.from({ length: 5 }, (_, n) => ({ topic: "orders/create", body: orderBody(8000 + n) })));
    const first = startDeliveryWorker(db, { workspaceIds: [setup.workspaceId], pollMs: 50 });
    await waitUntilDrained(db, setup.workspaceId);
    await first.stop();
    // …then a backlog of 60 new orders, and after them, refunds of the first five.
    await record(db, setup, Array.from({ length: 60 }, (_, n) => ({ topic: "orders/create", body: orderBody(8100 + n) })));
    await record(db, setup, Array.from({ length: 5 }, (_, n) => ({ topic: "refunds/create", body: refundBody(8000 + n, 1, 1000) })));

    workers.push(startDeliveryWorker(db, { workspaceIds: [setup.workspaceId], concurrency: 1, pollMs: 50 }));
    await waitUntilDrained(db, setup.workspaceId);
    const done = await db
      .select({ topic: webhookDeliveries.topic, processedAt: webhookDeliveries.processedAt })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.workspaceId, setup.workspaceId), eq(webhookDeliveries.status, "processed")))
      .orderBy(asc(webhookDeliveries.processedAt));
    const backlog = done.filter((d) => d.topic === "orders/create").slice(5);
    const lastRefund = Math.max(...done.filter((d) => d.topic === "refunds/create").map((d) => d.processedAt!.getTime()));
    // Every refund was done before the tenth order of the backlog (which was received before them).
    expect(done.filter((d) => d.topic === "refunds/create")).toHaveLength(5);
    expect(lastRefund).toBeLessThan(backlog[9]!.processedAt!.getTime());
    const [refunds] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ledger_entries where workspace_id = ${setup.workspaceId} and kind <> 'sale'`);
    expect(refunds!.n).toBe(5);
  });

  it("intake wakes a worker in the same process: a delivery is processed without polling", async () => {
    const setup = await brandWithCode();
    // Polls only every 10 minutes: what processes the delivery is intake's wake-up.
    const worker = startDeliveryWorker(db, { workspaceIds: [setup.workspaceId], pollMs: 600_000, rescueEveryMs: 600_000 });
    workers.push(worker);
    const body = orderBody(7001);
    const result = await receiveShopifyWebhook(db, { rawBody: body, request: webhookRequest({ body, topic: "orders/create", shop: setup.shop.domain }) });
    expect(result).toMatchObject({ status: 200, duplicate: false });
    await waitUntilDrained(db, setup.workspaceId);
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, setup.workspaceId));
    expect(row).toMatchObject({ status: "processed", priority: 1 });
  });
});
