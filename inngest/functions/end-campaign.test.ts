import { InngestTestEngine } from "@inngest/test";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { campaigns, discountCodes } from "@/db/schema";
import { CAMPAIGN_DELETED, CAMPAIGN_END_SCHEDULED } from "@/lib/campaigns/schedule-campaign-end";
import { uniq } from "@/test/factories";
import { brandWithStore, campaignWithCreators } from "@/test/campaign-with-creators";
import { simulatorForFile } from "@/test/simulator-for-file";
import { endCampaign } from "./end-campaign";

const h = simulatorForFile();

/** A live campaign with one active code in the simulated store. */
async function liveCampaign() {
  const { brand, shop } = await brandWithStore(h.db, h.env);
  const window = { startsAt: new Date(Date.now() - 7200_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() };
  const { campaign } = await campaignWithCreators(h.db, brand, [{ email: `s-${uniq()}@example.com`, full_name: "Sol" }], { name: "Sleepy", ...window, rateBps: 1000 });
  return { brand, shop, campaign };
}

const planEvent = (c: typeof campaigns.$inferSelect) => ({
  name: CAMPAIGN_END_SCHEDULED,
  data: { workspaceId: c.workspaceId, campaignId: c.id, endsAt: c.endsAt!.toISOString(), endVersion: c.endVersion },
});
const codesOf = (campaignId: string) => h.db.select().from(discountCodes).where(eq(discountCodes.campaignId, campaignId));

describe("end-campaign (Inngest)", () => {
  it("sleeps until the campaign's end", async () => {
    const { campaign } = await liveCampaign();
    const t = new InngestTestEngine({ function: endCampaign, events: [planEvent(campaign)] });
    const { result } = await t.executeStep("wait-until-end");
    expect(result).toBeUndefined();
    const { ctx } = await new InngestTestEngine({ function: endCampaign, events: [planEvent(campaign)], steps: [{ id: "wait-until-end", handler: () => undefined }] }).execute();
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-until-end", campaign.endsAt);
  });

  it("on waking at the end, deactivates every code in Shopify and in Tally", async () => {
    const { campaign, shop } = await liveCampaign();
    // The end arrives: move it into the past without changing the plan's version.
    const past = new Date(Date.now() - 1000);
    await h.db.update(campaigns).set({ endsAt: past }).where(eq(campaigns.id, campaign.id));
    const t = new InngestTestEngine({
      function: endCampaign,
      events: [planEvent({ ...campaign, endsAt: past })],
      steps: [{ id: "wait-until-end", handler: () => undefined }],
    });
    const { result, error } = await t.execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ ended: true, deactivated: 1 });
    expect((await codesOf(campaign.id))[0]!.status).toBe("deactivated");
    expect(h.env.discountsOf(shop.domain).every((d) => h.env.sim.store.discountStatus(d) === "EXPIRED")).toBe(true);
  });

  it("a run whose plan was replaced (the end moved) wakes and does nothing", async () => {
    const { campaign } = await liveCampaign();
    const stalePlan = planEvent({ ...campaign, endsAt: new Date(Date.now() - 1000) });
    await h.db.update(campaigns).set({ endVersion: sql`${campaigns.endVersion} + 1` }).where(eq(campaigns.id, campaign.id));
    const t = new InngestTestEngine({ function: endCampaign, events: [stalePlan], steps: [{ id: "wait-until-end", handler: () => undefined }] });
    const { result } = await t.execute();
    expect(result).toEqual({ ended: false, reason: "stale plan" });
    expect((await codesOf(campaign.id))[0]!.status).toBe("active");
  });

  it("is cancelled by a newer plan or by the campaign's deletion", () => {
    const opts = endCampaign["opts"] as { cancelOn?: { event: string; match?: string }[] };
    expect(opts.cancelOn).toEqual([
      { event: CAMPAIGN_END_SCHEDULED, match: "data.campaignId" },
      { event: CAMPAIGN_DELETED, match: "data.campaignId" },
    ]);
  });
});
