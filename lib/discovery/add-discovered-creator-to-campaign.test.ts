import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { creators, enrollments } from "@/db/schema";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { ZCreateCampaign } from "@/lib/campaigns/schemas";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { createTestBrand, uniq } from "@/test/factories";
import { startSimulator } from "@/test/simulator";
import { addDiscoveredCreatorToCampaign } from "./add-discovered-creator-to-campaign";
import { generateProfile } from "./generate-profiles";
import { insertDiscoveryProfiles } from "./insert-profiles";
import { unlockCreatorEmail } from "./unlock-creator-email";

let env: Awaited<ReturnType<typeof startSimulator>>;
let db: Db;
beforeAll(async () => {
  env = await startSimulator();
  db = await getDb();
});
afterAll(() => env.server.close());

const actor = { kind: "system" } as const;

async function brandWithCampaign() {
  const brand = await createTestBrand(db);
  await env.connectStore(db, brand.workspace.id, { plan: "plus" });
  const campaign = await createCampaign(db, {
    workspaceId: brand.workspace.id,
    actor,
    campaign: ZCreateCampaign.parse({
      name: "Discovered",
      starts_at: new Date(Date.now() - 3600_000).toISOString(),
      discount: { type: "percentage", value: 10 },
      commission_rate_bps: 1000,
    }),
  });
  return { ...brand, campaign };
}

describe("adding a discovered creator to a campaign", () => {
  it("needs the unlock first, then enrolls the creator with a code in one call (again: already enrolled)", async () => {
    const brand = await brandWithCampaign();
    const base = generateProfile(31337, 1);
    const profile = { ...base, id: `${base.id.slice(0, -5)}${uniq()}`, contactEmail: `found-${uniq()}@creators.example` };
    await insertDiscoveryProfiles(db, [profile]);
    const input = { workspaceId: brand.workspace.id, campaignId: brand.campaign.id, profileId: profile.id, actor, invitedByUserId: brand.user.id };

    await expect(addDiscoveredCreatorToCampaign(db, input)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/Unlock/) });

    await unlockCreatorEmail(db, { workspaceId: brand.workspace.id, profileId: profile.id, actor, userId: null, now: new Date() });
    const added = await addDiscoveredCreatorToCampaign(db, input);
    expect(added).toMatchObject({ alreadyEnrolled: false, code: expect.any(String) });
    const [creator] = await db.select().from(creators).where(eq(creators.email, profile.contactEmail));
    expect(creator).toMatchObject({ fullName: profile.displayName, handle: profile.handle });
    const [enrollment] = await db
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.campaignId, brand.campaign.id), eq(enrollments.creatorId, creator!.id)));
    expect(enrollment).toMatchObject({ workspaceId: brand.workspace.id, status: "active" });
    expect(await addDiscoveredCreatorToCampaign(db, input)).toMatchObject({ alreadyEnrolled: true, code: added.code });
    await drainInProcessJobs();
  });

  it("another workspace's campaign is not found, even with the profile unlocked", async () => {
    const mine = await brandWithCampaign();
    const theirs = await brandWithCampaign();
    const base = generateProfile(31337, 2);
    const profile = { ...base, id: `${base.id.slice(0, -5)}${uniq()}` };
    await insertDiscoveryProfiles(db, [profile]);
    await unlockCreatorEmail(db, { workspaceId: mine.workspace.id, profileId: profile.id, actor, userId: null, now: new Date() });
    await expect(
      addDiscoveredCreatorToCampaign(db, { workspaceId: mine.workspace.id, campaignId: theirs.campaign.id, profileId: profile.id, actor, invitedByUserId: null }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
