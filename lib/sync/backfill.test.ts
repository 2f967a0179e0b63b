import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { conversions, ledgerEntries, syncRuns } from "@/db/schema";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { simulatorAndBridgeForFile } from "@/test/simulator-for-file";
import { setSyncHooksForTests } from "./sync-run";
import { listSyncRuns } from "./list-sync-runs";
import { startBackfill } from "./start-sync";
import { brandWithCodes, entriesLike, ledgerOf, placeOrders, truthOf } from "@/test/campaign-orders";

const h = simulatorAndBridgeForFile();
afterEach(() => setSyncHooksForTests(undefined));

const runOf = async (id: string) => (await h.db.select().from(syncRuns).where(eq(syncRuns.id, id)))[0]!;

describe("backfill", () => {
  it("2,000 orders over 90 days on the Standard plan: orders never delivered are attributed, every refund is reversed once, the ledger equals Shopify to the cent", async () => {
    const setup = await brandWithCodes(h.db, h.env, { plan: "standard" });
    // One order in ten reaches Tally by webhook (its refunds too, one in two); the others never do.
    const placed = placeOrders(h.env.sim, setup, { count: 2000, deliver: (i) => i % 10 === 0, deliverRefund: (i) => i % 20 === 0 });
    await h.env.sim.webhooks.waitForIdle();
    await drainInProcessJobs();
    const truth = truthOf(placed.orders, setup.codes);
    const before = await ledgerOf(h.db, setup.workspaceId);
    expect(before.conversions.length).toBeGreaterThan(50);
    expect(before.conversions.length).toBeLessThan(truth.conversions);

    const bucket = () => h.env.sim.bucketFor(h.env.sim.store.requireShop(setup.shop.domain)).status();
    let lowest = Infinity;
    const progress: number[] = [];
    const watcher = setInterval(() => {
      lowest = Math.min(lowest, bucket().currentlyAvailable);
      void listSyncRuns(h.db, { workspaceId: setup.workspaceId, limit: 1 }).then(([r]) => r && progress.push(r.progress.done));
    }, 100);
    const started = Date.now();
    // Shopify's bucket is empty when the backfill starts (a code push just drained it), and again
    // after page 5: requests are THROTTLED, waited out, and the backfill goes on from where it was.
    const drain = () => h.env.sim.bucketFor(h.env.sim.store.requireShop(setup.shop.domain)).setAvailable(0);
    drain();
    const committedAt: number[] = [];
    setSyncHooksForTests({
      afterCommit: ({ seq }) => {
        committedAt.push(Date.now() - started);
        if (seq === 5) drain();
      },
    });
    const run = await startBackfill(h.db, { workspaceId: setup.workspaceId, actor: { kind: "system" } });
    await drainInProcessJobs();
    clearInterval(watcher);
    const seconds = (Date.now() - started) / 1000;

    const done = await runOf(run.id);
    expect(done).toMatchObject({ status: "completed", error: null, progress: { done: 2000, total: 2000 } });
    expect(done.finishedAt).not.toBeNull();
    expect(done.counts).toMatchObject({ ordersScanned: 2000, conversionsAdded: truth.conversions - before.conversions.length });
    expect(done.counts.refundsApplied).toBeGreaterThan(0);
    // One window (2,000 orders < 20,000), pages of 250.
    expect((done.cursor as { windows: unknown[] }).windows).toHaveLength(1);

    const after = await ledgerOf(h.db, setup.workspaceId);
    expect(after.conversions).toHaveLength(truth.conversions);
    expect({ amount: after.amount, net: after.net, netCommission: after.netCommission }).toEqual({ amount: truth.amount, net: truth.net, netCommission: truth.netCommission });
    // The ledger's entries add up to the maintained totals.
    expect(after.entries).toMatchObject({ net: after.net, netCommission: after.netCommission });
    // Every refund with merchandise is one reversal, whether it came by webhook, by the backfill, or both.
    const reversals = await entriesLike(h.db, setup.workspaceId, "refund:");
    expect(reversals).toHaveLength(truth.refunds);
    expect(new Set(reversals.map((e) => `${e.conversionId}:${e.causeKey}`)).size).toBe(reversals.length);
    // Per order, to the cent.
    for (const c of after.conversions) {
      const t = truth.perOrder.get(c.shopifyOrderId)!;
      expect({ id: c.shopifyOrderId, amount: c.orderAmountCents, refunded: c.refundAmountCents, commission: c.commissionCents, refundedCommission: c.refundedCommissionCents }).toEqual({
        id: c.shopifyOrderId,
        amount: t.amount,
        refunded: t.refunded,
        commission: t.commission,
        refundedCommission: t.refundedCommission,
      });
    }
    // Shopify's Standard bucket (2,000 points, 100/s) ran dry, and the progress bar moved.
    expect(bucket()).toMatchObject({ maximumAvailable: 2000, restoreRate: 100 });
    expect(lowest).toBeLessThan(100);
    // The first page (≈ 720 points requested) waited for the empty bucket to refill (≈ 7 s at 100/s).
    expect(committedAt[0]).toBeGreaterThan(6000);
    expect(new Set(progress).size).toBeGreaterThan(3);
    console.log(`[sync] backfill of 2,000 orders (Standard plan): ${seconds.toFixed(1)} s, lowest bucket ${Math.round(lowest)} points`);
  }, 300_000);

  it("a crash in the middle of a page, and one right after a page: the job resumes from the stored cursor and ends with the same ledger", async () => {
    const setup = await brandWithCodes(h.db, h.env);
    const placed = placeOrders(h.env.sim, setup, { count: 700, seed: 7, deliver: (i) => i % 7 === 0 });
    await h.env.sim.webhooks.waitForIdle();
    await drainInProcessJobs();
    const truth = truthOf(placed.orders, setup.codes);

    const crashed = new Set<string>();
    const seen: number[] = [];
    setSyncHooksForTests({
      // Page 2 (seq 2: seq 1 is the planning): its effects are written, then the process "dies" before the cursor is.
      beforeCommit: ({ seq }) => {
        if (seq === 2 && !crashed.has("mid")) {
          crashed.add("mid");
          throw new Error("simulated crash in the middle of page 2");
        }
      },
      // Page 3 committed, then the process "dies".
      afterCommit: ({ seq }) => {
        seen.push(seq);
        if (seq === 3 && !crashed.has("after")) {
          crashed.add("after");
          throw new Error("simulated crash after page 3");
        }
      },
    });
    const run = await startBackfill(h.db, { workspaceId: setup.workspaceId, actor: { kind: "system" } });
    await drainInProcessJobs(); // the in-process runner retries the job; it continues from the cursor
    expect(crashed).toEqual(new Set(["mid", "after"]));

    const done = await runOf(run.id);
    expect(done).toMatchObject({ status: "completed", error: null });
    // The page lost in the crash was applied again, once; nothing was read twice otherwise.
    expect(done.counts.ordersScanned).toBe(700);
    expect(seen.filter((s) => s === 3)).toHaveLength(1);
    const after = await ledgerOf(h.db, setup.workspaceId);
    expect({ n: after.conversions.length, amount: after.amount, net: after.net, netCommission: after.netCommission }).toEqual({
      n: truth.conversions,
      amount: truth.amount,
      net: truth.net,
      netCommission: truth.netCommission,
    });
    expect(after.entries).toMatchObject({ net: after.net, netCommission: after.netCommission });
    expect(await entriesLike(h.db, setup.workspaceId, "refund:")).toHaveLength(truth.refunds);
    expect(await entriesLike(h.db, setup.workspaceId, "sale")).toHaveLength(truth.conversions);
  }, 300_000);

  it("a refund seen by webhook and by the backfill counts once, in either order", async () => {
    const setup = await brandWithCodes(h.db, h.env);
    const code = setup.codes[0]!;
    const line = { title: "Serum", price: 10_000, quantity: 2 };
    // A: order and refund delivered by webhook, then the backfill reads both again.
    const a = h.env.sim.placeOrder(setup.shop.domain, { lineItems: [line], discountCodes: [code], email: "a@shoppers.example", createdAt: Date.now() - 5 * 86_400_000 });
    const ra = h.env.sim.refund(setup.shop.domain, a.order.id, { lineItems: [{ lineItemId: a.order.lineItems[0]!.id, quantity: 1 }] });
    // B: nothing delivered; the backfill applies it; then the refund's webhook arrives late (a retry).
    const b = h.env.sim.placeOrder(setup.shop.domain, { lineItems: [line], discountCodes: [code], email: "b@shoppers.example", createdAt: Date.now() - 4 * 86_400_000 }, { drop: true });
    h.env.sim.refund(setup.shop.domain, b.order.id, { lineItems: [{ lineItemId: b.order.lineItems[0]!.id, quantity: 1 }] }, { drop: true });
    await h.env.sim.webhooks.waitForIdle();
    await drainInProcessJobs();

    const run = await startBackfill(h.db, { workspaceId: setup.workspaceId, actor: { kind: "system" } });
    await drainInProcessJobs();
    expect((await runOf(run.id)).counts).toMatchObject({ ordersScanned: 2, conversionsAdded: 1, refundsApplied: 1 });
    h.env.sim.resendOrderWebhook(setup.shop.domain, b.order.id, "refunds/create");
    h.env.sim.resendOrderWebhook(setup.shop.domain, b.order.id, "orders/updated");
    await h.env.sim.webhooks.waitForIdle();
    await drainInProcessJobs();

    // Running it again reads the same two orders and changes nothing.
    const again = await startBackfill(h.db, { workspaceId: setup.workspaceId, actor: { kind: "system" } });
    await drainInProcessJobs();
    expect(again.id).not.toBe(run.id);
    expect((await runOf(again.id)).counts).toMatchObject({ ordersScanned: 2, conversionsAdded: 0, refundsApplied: 0 });

    for (const order of [a.order, b.order]) {
      const [c] = await h.db.select().from(conversions).where(and(eq(conversions.workspaceId, setup.workspaceId), eq(conversions.shopifyOrderId, order.id)));
      // 20,000 × 90 % = 18,000; half refunded: 9,000; commission 2,700, half reversed.
      expect(c).toMatchObject({ orderAmountCents: 18_000, refundAmountCents: 9_000, commissionCents: 2_700, refundedCommissionCents: 1_350 });
      const entries = await h.db.select().from(ledgerEntries).where(eq(ledgerEntries.conversionId, c!.id));
      expect(entries.map((e) => e.causeKey).sort()).toEqual(["refund:" + order.refunds[0]!.id, "sale"].sort());
    }
    expect(ra.refund.id).toBe(a.order.refunds[0]!.id);
  }, 300_000);
});
