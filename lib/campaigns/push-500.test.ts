import { describe, expect, it } from "vitest";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { createTestBrand, uniq } from "@/test/factories";
import { simulatorForFile } from "@/test/simulator-for-file";
import { addCreatorsToCampaign } from "./add-creators";
import { createCampaign } from "./create-campaign";
import { codeProgress } from "./list-roster";
import { ZCreateCampaign } from "./schemas";

const h = simulatorForFile();

describe("a 500-creator roster on Shopify's Standard plan", () => {
  it("ends with 500 active codes in the store, through throttling, and progress reaches 100 %", async () => {
    const brand = await createTestBrand(h.db);
    const shop = await h.env.connectStore(h.db, brand.workspace.id, { plan: "standard" });
    const bucket = () => h.env.sim.bucketFor(h.env.sim.store.requireShop(shop.domain)).status();
    const campaign = await createCampaign(h.db, {
      workspaceId: brand.workspace.id,
      actor: { kind: "system" },
      campaign: ZCreateCampaign.parse({
        name: "Five hundred",
        starts_at: new Date(Date.now() - 3600_000).toISOString(),
        ends_at: new Date(Date.now() + 86_400_000).toISOString(),
        discount: { type: "fixed_amount", value: 500 },
        commission_rate_bps: 1000,
      }),
    });
    const tag = uniq();
    const rows = Array.from({ length: 500 }, (_, i) => ({ email: `c${i}-${tag}@example.com`, full_name: `Creator Number ${i}`, handle: `creator${i}` }));
    const { added } = await addCreatorsToCampaign(h.db, { workspaceId: brand.workspace.id, campaignId: campaign.id, actor: { kind: "system" }, invitedByUserId: null, rows });
    expect(added).toBe(500);
    // Shopify's bucket is empty when the push starts (another app just drained it), so the push is
    // throttled whatever the machine's speed: on a busy machine it never drained a full bucket, and a
    // test that only watched for a drain saw none.
    h.env.sim.bucketFor(h.env.sim.store.requireShop(shop.domain)).setAvailable(0);
    const seen: number[] = [];
    const watcher = setInterval(() => {
      void codeProgress(h.db, { workspaceId: brand.workspace.id, campaignId: campaign.id }).then((p) => seen.push(p.done));
    }, 250);
    await drainInProcessJobs();
    clearInterval(watcher);
    const progress = await codeProgress(h.db, { workspaceId: brand.workspace.id, campaignId: campaign.id });
    expect(progress).toMatchObject({ total: 500, active: 500, pending: 0, failed: 0, done: 500 });
    expect(h.env.discountsOf(shop.domain).filter((d) => h.env.sim.store.discountStatus(d) === "ACTIVE")).toHaveLength(500);
    // Progress moved in steps the page can show, on Shopify's Standard bucket (2,000 points, 100/s).
    expect(new Set(seen).size).toBeGreaterThan(3);
    expect(bucket()).toMatchObject({ maximumAvailable: 2000, restoreRate: 100 });
  }, 300_000);
});
