import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { discountCodes, enrollments, invitations } from "@/db/schema";
import { sentEmails } from "@/lib/email/send-email";
import { enqueue } from "@/lib/jobs/enqueue";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { createTestBrand, uniq } from "@/test/factories";
import { brandWithStore as brandWithConnectedStore } from "@/test/campaign-with-creators";
import { simulatorForFile } from "@/test/simulator-for-file";
import { addCreatorsToCampaign } from "./add-creators";
import { createCampaign } from "./create-campaign";
import { endDueCampaigns } from "./end-due-campaigns";
import { pushCampaignCodesJob } from "./push-campaign-codes-job";
import { removeCreatorFromCampaign } from "./remove-creator";
import { ZCreateCampaign } from "./schemas";
import { updateCampaign } from "./update-campaign";

const h = simulatorForFile();

const hour = 3600_000;
const actor = { kind: "system" } as const;

async function brandWithStore(plan: "standard" | "plus" = "plus") {
  const { brand, shop } = await brandWithConnectedStore(h.db, h.env, plan);
  return { ...brand, shop };
}

function campaignInput(over: Record<string, unknown> = {}) {
  return ZCreateCampaign.parse({
    name: "Summer Glow",
    starts_at: new Date(Date.now() - hour).toISOString(),
    ends_at: new Date(Date.now() + 30 * 24 * hour).toISOString(),
    discount: { type: "percentage", value: 15 },
    commission_rate_bps: 1500,
    ...over,
  });
}

const codesOf = (campaignId: string) => h.db.select().from(discountCodes).where(eq(discountCodes.campaignId, campaignId));

describe("campaigns and codes", () => {
  it("needs a connected store", async () => {
    const brand = await createTestBrand(h.db);
    await expect(createCampaign(h.db, { workspaceId: brand.workspace.id, actor, campaign: campaignInput() })).rejects.toMatchObject({ code: "conflict" });
  });

  it("rejects an end before the start and an invalid template, writing nothing", () => {
    const bad = ZCreateCampaign.safeParse({
      name: "X",
      starts_at: new Date().toISOString(),
      ends_at: new Date(Date.now() - hour).toISOString(),
      discount: { type: "percentage", value: 10 },
      commission_rate_bps: 1000,
      code_template: "{email}-{random_number}",
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["code_template"]));
    const end = ZCreateCampaign.safeParse({ ...campaignInput(), starts_at: new Date().toISOString(), ends_at: new Date(Date.now() - hour).toISOString() });
    expect(end.success ? [] : end.error.issues.map((i) => i.path.join("."))).toContain("ends_at");
  });

  it("adds creators with unique codes and links, pushes them to Shopify, reports per-row errors and keeps the valid rows", async () => {
    const brand = await brandWithStore();
    const campaign = await createCampaign(h.db, { workspaceId: brand.workspace.id, actor, campaign: campaignInput() });
    const email = `zoe-${uniq()}@example.com`;
    const { results, added, failed } = await addCreatorsToCampaign(h.db, {
      workspaceId: brand.workspace.id,
      campaignId: campaign.id,
      actor,
      invitedByUserId: brand.user.id,
      rows: [
        { email, full_name: "Zoë Ångström", handle: "@zoe" },
        { email: "not-an-email", full_name: "Bad Row" },
        { email: email.toUpperCase(), full_name: "Zoë Again" },
        { email: `manual-${uniq()}@example.com`, full_name: "Manual Code", code: `vip-${uniq()}` },
      ],
    });
    expect({ added, failed }).toEqual({ added: 2, failed: 2 });
    expect(results[0]).toMatchObject({ ok: true, code: expect.stringMatching(/^ZOEANGSTROM-[A-Z0-9]{4}$/) });
    expect(results[1]).toMatchObject({ ok: false, error: { field: "email" } });
    expect(results[2]).toMatchObject({ ok: false, error: { code: "duplicate", message: expect.stringContaining("row 1") } });
    expect(results[3]).toMatchObject({ ok: true, code: expect.stringMatching(/^VIP-/) });

    await drainInProcessJobs();
    const codes = await codesOf(campaign.id);
    expect(codes.map((c) => c.status)).toEqual(["active", "active"]);
    const inStore = h.env.discountsOf(brand.shop.domain);
    expect(inStore.map((d) => d.code).sort()).toEqual(codes.map((c) => c.code).sort());
    const d = inStore[0]!;
    expect(d.endsAt).toBe(campaign.endsAt!.getTime());
    expect(d.value).toEqual({ type: "percentage", percentage: 0.15 });
    // Each new creator gets one invitation to the creator portal.
    const invites = await h.db.select().from(invitations).where(and(eq(invitations.workspaceId, brand.workspace.id), eq(invitations.kind, "creator")));
    expect(invites).toHaveLength(2);
    const links = await h.db.select().from(enrollments).where(eq(enrollments.campaignId, campaign.id));
    expect(new Set(links.map((l) => l.referralSlug)).size).toBe(2);
  });

  it("a code that exists only in the store gets another suffix; a brand-chosen one fails with the reason", async () => {
    const brand = await brandWithStore();
    const campaign = await createCampaign(h.db, { workspaceId: brand.workspace.id, actor, campaign: campaignInput({ code_template: "{handle}" }) });
    const handle = `taken${uniq()}`.toUpperCase();
    for (const code of [handle.toLowerCase(), "StoreOnly1"]) {
      const made = h.env.sim.store.createDiscount(brand.shop.domain, { title: "Store promo", code, startsAt: Date.now(), value: { type: "percentage", percentage: 0.1 } });
      expect(made.userErrors).toEqual([]);
    }
    await addCreatorsToCampaign(h.db, {
      workspaceId: brand.workspace.id,
      campaignId: campaign.id,
      actor,
      invitedByUserId: null,
      rows: [
        { email: `a-${uniq()}@example.com`, full_name: "Ann", handle },
        { email: `b-${uniq()}@example.com`, full_name: "Bob", code: "storeonly1" },
      ],
    });
    await drainInProcessJobs();
    const codes = await codesOf(campaign.id);
    const generated = codes.find((c) => !c.manual)!;
    expect(generated).toMatchObject({ status: "active", code: expect.stringMatching(new RegExp(`^${handle}-[A-Z0-9]{4}$`)) });
    const manual = codes.find((c) => c.manual)!;
    expect(manual).toMatchObject({ status: "failed", code: "STOREONLY1", failureReason: expect.stringContaining("already exists in your Shopify store") });
    // The brand's owner is told, once (another push with no new failure sends nothing).
    const told = () => sentEmails().filter((m) => m.to === brand.email && m.kind === "code-push-failed");
    expect(told().map((m) => m.subject)).toEqual([`1 code of ${campaign.name} could not be pushed to Shopify`]);
    expect(told()[0]!.text).toContain("STOREONLY1: The code STOREONLY1 already exists in your Shopify store.");
    await enqueue(pushCampaignCodesJob, { workspaceId: brand.workspace.id, campaignId: campaign.id });
    await drainInProcessJobs();
    expect(told()).toHaveLength(1);
  });

  it("a code is never issued twice in a store, case-insensitively, even after deactivation", async () => {
    const brand = await brandWithStore();
    const campaign = await createCampaign(h.db, { workspaceId: brand.workspace.id, actor, campaign: campaignInput() });
    const code = `keep-${uniq()}`;
    const first = await addCreatorsToCampaign(h.db, { workspaceId: brand.workspace.id, campaignId: campaign.id, actor, invitedByUserId: null, rows: [{ email: `k-${uniq()}@example.com`, full_name: "Kim", code }] });
    await removeCreatorFromCampaign(h.db, { workspaceId: brand.workspace.id, campaignId: campaign.id, creatorId: (first.results[0] as { creatorId: string }).creatorId, actor });
    const second = await addCreatorsToCampaign(h.db, { workspaceId: brand.workspace.id, campaignId: campaign.id, actor, invitedByUserId: null, rows: [{ email: `l-${uniq()}@example.com`, full_name: "Lee", code: code.toUpperCase() }] });
    expect(second.results[0]).toMatchObject({ ok: false, error: { code: "conflict", field: "code" } });
  });

  it("removing a creator deactivates their code in Shopify and in Tally", async () => {
    const brand = await brandWithStore();
    const campaign = await createCampaign(h.db, { workspaceId: brand.workspace.id, actor, campaign: campaignInput() });
    const { results } = await addCreatorsToCampaign(h.db, { workspaceId: brand.workspace.id, campaignId: campaign.id, actor, invitedByUserId: null, rows: [{ email: `r-${uniq()}@example.com`, full_name: "Rae" }] });
    await drainInProcessJobs();
    const creatorId = (results[0] as { creatorId: string }).creatorId;
    await removeCreatorFromCampaign(h.db, { workspaceId: brand.workspace.id, campaignId: campaign.id, creatorId, actor });
    await drainInProcessJobs();
    const [code] = await codesOf(campaign.id);
    expect(code).toMatchObject({ status: "deactivated", deactivatedAt: expect.any(Date) });
    expect(h.env.sim.store.discountStatus(h.env.discountsOf(brand.shop.domain)[0]!)).toBe("EXPIRED");
    // Another workspace cannot remove it.
    const other = await createTestBrand(h.db);
    await expect(removeCreatorFromCampaign(h.db, { workspaceId: other.workspace.id, campaignId: campaign.id, creatorId, actor })).rejects.toMatchObject({ code: "not_found" });
  });

  it("moving the end moves every code's end in Shopify; ending now deactivates them all", async () => {
    const brand = await brandWithStore();
    const campaign = await createCampaign(h.db, { workspaceId: brand.workspace.id, actor, campaign: campaignInput() });
    await addCreatorsToCampaign(h.db, {
      workspaceId: brand.workspace.id,
      campaignId: campaign.id,
      actor,
      invitedByUserId: null,
      rows: [1, 2, 3].map((i) => ({ email: `m${i}-${uniq()}@example.com`, full_name: `Mover ${i}` })),
    });
    await drainInProcessJobs();
    const newEnd = new Date(Date.now() + 60 * 24 * hour);
    newEnd.setMilliseconds(0);
    await updateCampaign(h.db, { workspaceId: brand.workspace.id, campaignId: campaign.id, actor, patch: { ends_at: newEnd } });
    await drainInProcessJobs();
    expect(h.env.discountsOf(brand.shop.domain).map((d) => d.endsAt)).toEqual([newEnd.getTime(), newEnd.getTime(), newEnd.getTime()]);

    await updateCampaign(h.db, { workspaceId: brand.workspace.id, campaignId: campaign.id, actor, patch: { status: "ended" } });
    await drainInProcessJobs();
    expect((await codesOf(campaign.id)).every((c) => c.status === "deactivated")).toBe(true);
    expect(h.env.discountsOf(brand.shop.domain).every((d) => h.env.sim.store.discountStatus(d) === "EXPIRED")).toBe(true);
    await expect(updateCampaign(h.db, { workspaceId: brand.workspace.id, campaignId: campaign.id, actor, patch: { ends_at: newEnd } })).rejects.toMatchObject({ code: "conflict" });
  });

  it("when the end is reached, the end sweeper deactivates every code (in-process, no Inngest)", async () => {
    const brand = await brandWithStore();
    const campaign = await createCampaign(h.db, { workspaceId: brand.workspace.id, actor, campaign: campaignInput({ ends_at: new Date(Date.now() + 2000).toISOString() }) });
    await addCreatorsToCampaign(h.db, { workspaceId: brand.workspace.id, campaignId: campaign.id, actor, invitedByUserId: null, rows: [{ email: `e-${uniq()}@example.com`, full_name: "Eve" }] });
    await drainInProcessJobs();
    expect((await codesOf(campaign.id))[0]!.status).toBe("active");
    await endDueCampaigns(h.db, new Date(Date.now() + 3000));
    await drainInProcessJobs();
    // The job re-checks the real clock: wait until the end has really passed.
    await new Promise((r) => setTimeout(r, 2100));
    await endDueCampaigns(h.db);
    await drainInProcessJobs();
    expect((await codesOf(campaign.id))[0]!.status).toBe("deactivated");
  });
});
