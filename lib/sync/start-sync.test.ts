import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditLog, campaigns, conversions, shops, syncRuns } from "@/db/schema";
import { drainInProcessJobs, IN_PROCESS_BACKOFF_MS } from "@/lib/jobs/run-in-process";
import { createTestBrand } from "@/test/factories";
import { simulatorAndBridgeForFile } from "@/test/simulator-for-file";
import { setSyncHooksForTests } from "./sync-run";
import { MAX_ATTEMPTS } from "./sync-run-failure";
import { resumeStaleSyncRuns, resumeSyncRun, startBackfill, startBackfillOnConnect, startReplay } from "./start-sync";
import { brandWithCodes, placeOrders } from "@/test/campaign-orders";

const h = simulatorAndBridgeForFile();
const backoff = [...IN_PROCESS_BACKOFF_MS];
beforeAll(async () => {
  // Retry at once: these tests are about what the run records, not about waiting.
  IN_PROCESS_BACKOFF_MS.splice(0, IN_PROCESS_BACKOFF_MS.length, 1, 1, 1, 1, 1);
});
afterAll(async () => {
  IN_PROCESS_BACKOFF_MS.splice(0, IN_PROCESS_BACKOFF_MS.length, ...backoff);
});
afterEach(() => setSyncHooksForTests(undefined));

const DAY = 86_400_000;
const runOf = async (id: string) => (await h.db.select().from(syncRuns).where(eq(syncRuns.id, id)))[0]!;

describe("starting runs", () => {
  it("needs a connected store; starting twice while running returns the same run; the start is audited", async () => {
    const bare = await createTestBrand(h.db);
    await expect(startBackfill(h.db, { workspaceId: bare.workspace.id, actor: { kind: "system" } })).rejects.toMatchObject({ code: "conflict", details: { reason: "shop_not_connected" } });

    const setup = await brandWithCodes(h.db, h.env);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    setSyncHooksForTests({ afterCommit: () => gate }); // hold the run after its first page (outside any transaction)
    const a = await startBackfill(h.db, { workspaceId: setup.workspaceId, actor: { kind: "user", id: setup.brand.user.id } });
    const b = await startBackfill(h.db, { workspaceId: setup.workspaceId, actor: { kind: "system" } });
    expect(b.id).toBe(a.id);
    // The second start says it found the first one running: the panel words it "still running, no new one started".
    expect(a.alreadyRunning).toBe(false);
    expect(b.alreadyRunning).toBe(true);
    release();
    await drainInProcessJobs();
    expect(await runOf(a.id)).toMatchObject({ status: "completed", kind: "backfill", campaignId: null });
    expect(a.toAt.getTime() - a.fromAt.getTime()).toBe(90 * DAY);
    const audits = await h.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, setup.workspaceId), eq(auditLog.action, "sync.backfill_started")));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorKind: "user", targetId: a.id });
  });

  it("a campaign's backfill reads from its start (at most 90 days back) to its end", async () => {
    const setup = await brandWithCodes(h.db, h.env);
    const startsAt = new Date(Date.now() - 20 * DAY);
    const endsAt = new Date(Date.now() - 5 * DAY);
    await h.db.update(campaigns).set({ startsAt, endsAt }).where(eq(campaigns.id, setup.campaign.id));
    // Orders every day over 30 days: only those of the campaign's 15 days are read.
    placeOrders(h.env.sim, setup, { count: 30, days: 30, seed: 5, deliver: () => false });
    const run = await startBackfill(h.db, { workspaceId: setup.workspaceId, campaignId: setup.campaign.id, actor: { kind: "system" } });
    expect(run).toMatchObject({ campaignId: setup.campaign.id, fromAt: startsAt, toAt: endsAt });
    await drainInProcessJobs();
    const done = await runOf(run.id);
    expect(done.status).toBe("completed");
    expect(done.counts.ordersScanned).toBeGreaterThanOrEqual(13);
    expect(done.counts.ordersScanned).toBeLessThanOrEqual(16);
    const converted = await h.db.select().from(conversions).where(eq(conversions.workspaceId, setup.workspaceId));
    expect(converted.every((c) => c.orderCreatedAt >= startsAt && c.orderCreatedAt < endsAt)).toBe(true);

    await h.db.update(campaigns).set({ startsAt: new Date(Date.now() + DAY), endsAt: null }).where(eq(campaigns.id, setup.campaign.id));
    await expect(startBackfill(h.db, { workspaceId: setup.workspaceId, campaignId: setup.campaign.id, actor: { kind: "system" } })).rejects.toMatchObject({ code: "conflict" });
    await expect(startBackfill(h.db, { workspaceId: setup.workspaceId, campaignId: "cmp_nope", actor: { kind: "system" } })).rejects.toMatchObject({ code: "not_found" });
  });

  it("without read_all_orders, reads the 60 days Shopify shows", async () => {
    const setup = await brandWithCodes(h.db, h.env);
    await h.db.update(shops).set({ scopes: "read_orders,write_discounts" }).where(eq(shops.id, setup.shop.id));
    const run = await startBackfill(h.db, { workspaceId: setup.workspaceId, actor: { kind: "system" } });
    expect(run.toAt.getTime() - run.fromAt.getTime()).toBe(60 * DAY);
    await drainInProcessJobs();
  });
});

describe("failures", () => {
  it(`a run that keeps failing is marked failed with its error after ${MAX_ATTEMPTS} attempts, and resumes from its cursor`, async () => {
    const setup = await brandWithCodes(h.db, h.env);
    placeOrders(h.env.sim, setup, { count: 300, seed: 9, deliver: () => false });
    let attempts = 0;
    // Page 1 commits; page 2 fails every time.
    setSyncHooksForTests({
      beforeCommit: ({ seq }) => {
        if (seq >= 2) {
          attempts++;
          throw new Error("database went away");
        }
      },
    });
    const run = await startBackfill(h.db, { workspaceId: setup.workspaceId, actor: { kind: "system" } });
    await drainInProcessJobs();
    expect(attempts).toBe(MAX_ATTEMPTS);
    const failed = await runOf(run.id);
    expect(failed).toMatchObject({
      status: "failed",
      error: "Stopped after 5 attempts on an unexpected error (database went away). Press Resume: the run continues where it stopped and counts nothing twice.",
      counts: { ordersScanned: 250 },
    });
    expect(failed.finishedAt).not.toBeNull();

    setSyncHooksForTests(undefined);
    await resumeSyncRun(h.db, { workspaceId: setup.workspaceId, runId: run.id, actor: { kind: "system" } });
    await drainInProcessJobs();
    expect(await runOf(run.id)).toMatchObject({ status: "completed", error: null, counts: { ordersScanned: 300 }, progress: { done: 300, total: 300 } });
    await expect(resumeSyncRun(h.db, { workspaceId: setup.workspaceId, runId: run.id, actor: { kind: "system" } })).rejects.toMatchObject({ code: "not_found" });
  });

  it("a store disconnected mid-run fails the run at once, saying so", async () => {
    const setup = await brandWithCodes(h.db, h.env);
    placeOrders(h.env.sim, setup, { count: 20, seed: 4, deliver: () => false });
    let attempts = 0;
    setSyncHooksForTests({
      afterCommit: async () => {
        attempts++;
        await h.db.update(shops).set({ status: "disconnected" }).where(eq(shops.id, setup.shop.id));
        throw new Error("token revoked");
      },
    });
    const run = await startBackfill(h.db, { workspaceId: setup.workspaceId, actor: { kind: "system" } });
    await drainInProcessJobs();
    expect(attempts).toBe(1);
    expect(await runOf(run.id)).toMatchObject({ status: "failed", error: expect.stringContaining("No Shopify store is connected") });
  });

  it("a run whose runner died (no progress for 10 minutes) is handed off again and finishes", async () => {
    const setup = await brandWithCodes(h.db, h.env);
    const [orphan] = await h.db
      .insert(syncRuns)
      .values({ workspaceId: setup.workspaceId, kind: "replay", fromAt: new Date(Date.now() - DAY), toAt: new Date(), updatedAt: new Date(Date.now() - 11 * 60_000) })
      .returning();
    const fresh = await startReplay(h.db, { workspaceId: setup.workspaceId, from: new Date(Date.now() - 2 * DAY), to: new Date(Date.now() - DAY), actor: { kind: "system" } });
    await drainInProcessJobs();
    const { resumed } = await resumeStaleSyncRuns(h.db);
    expect(resumed).toBeGreaterThanOrEqual(1);
    await drainInProcessJobs();
    expect(await runOf(orphan!.id)).toMatchObject({ status: "completed" });
    expect(await runOf(fresh.id)).toMatchObject({ status: "completed" });
    expect((await resumeStaleSyncRuns(h.db)).resumed).toBe(0);
  });
});

describe("on connect", () => {
  it("startBackfillOnConnect starts the 90-day backfill, never throws, and can be turned off", async () => {
    // test/setup.ts turns the automatic backfill off for every other test; this one turns it on.
    const saved = process.env.TALLY_DISABLE_AUTO_BACKFILL;
    delete process.env.TALLY_DISABLE_AUTO_BACKFILL;
    try {
      const setup = await brandWithCodes(h.db, h.env);
      const run = await startBackfillOnConnect(h.db, { workspaceId: setup.workspaceId, actor: { kind: "system" } });
      expect(run).toMatchObject({ kind: "backfill", status: "running" });
      await drainInProcessJobs();
      const bare = await createTestBrand(h.db);
      expect(await startBackfillOnConnect(h.db, { workspaceId: bare.workspace.id, actor: { kind: "system" } })).toBeNull();
      process.env.TALLY_DISABLE_AUTO_BACKFILL = "1";
      expect(await startBackfillOnConnect(h.db, { workspaceId: setup.workspaceId, actor: { kind: "system" } })).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.TALLY_DISABLE_AUTO_BACKFILL;
      else process.env.TALLY_DISABLE_AUTO_BACKFILL = saved;
    }
  });
});
