import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { creators, enrollments } from "@/db/schema";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { uniq } from "@/test/factories";
import { brandWithStore, campaignWithCreators } from "@/test/campaign-with-creators";
import { simulatorForFile } from "@/test/simulator-for-file";
import { addDiscoveredCreatorToCampaign } from "./add-discovered-creator-to-campaign";
import { generateProfile } from "./generate-profiles";
import { insertDiscoveryProfiles } from "./insert-profiles";
import { unlockCreatorEmail } from "./unlock-creator-email";

const h = simulatorForFile();

const actor = { kind: "system" } as const;

async function brandWithCampaign() {
  const { brand } = await brandWithStore(h.db, h.env);
  const { campaign } = await campaignWithCreators(h.db, brand, [], { name: "Discovered", rateBps: 1000 });
  return { ...brand, campaign };
}

describe("adding a discovered creator to a campaign", () => {
  it("needs the unlock first, then enrolls the creator with a code in one call (again: already enrolled)", async () => {
    const brand = await brandWithCampaign();
    const base = generateProfile(31337, 1);
    const profile = { ...base, id: `${base.id.slice(0, -5)}${uniq()}`, contactEmail: `found-${uniq()}@creators.example` };
    await insertDiscoveryProfiles(h.db, [profile]);
    const input = { workspaceId: brand.workspace.id, campaignId: brand.campaign.id, profileId: profile.id, actor, invitedByUserId: brand.user.id };

    await expect(addDiscoveredCreatorToCampaign(h.db, input)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/Unlock/) });

    await unlockCreatorEmail(h.db, { workspaceId: brand.workspace.id, profileId: profile.id, actor, userId: null, now: new Date() });
    const added = await addDiscoveredCreatorToCampaign(h.db, input);
    expect(added).toMatchObject({ alreadyEnrolled: false, code: expect.any(String) });
    const [creator] = await h.db.select().from(creators).where(eq(creators.email, profile.contactEmail));
    expect(creator).toMatchObject({ fullName: profile.displayName, handle: profile.handle });
    const [enrollment] = await h.db
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.campaignId, brand.campaign.id), eq(enrollments.creatorId, creator!.id)));
    expect(enrollment).toMatchObject({ workspaceId: brand.workspace.id, status: "active" });
    expect(await addDiscoveredCreatorToCampaign(h.db, input)).toMatchObject({ alreadyEnrolled: true, code: added.code });
    await drainInProcessJobs();
  });

  it("another workspace's campaign is not found, even with the profile unlocked", async () => {
    const mine = await brandWithCampaign();
    const theirs = await brandWithCampaign();
    const base = generateProfile(31337, 2);
    const profile = { ...base, id: `${base.id.slice(0, -5)}${uniq()}` };
    await insertDiscoveryProfiles(h.db, [profile]);
    await unlockCreatorEmail(h.db, { workspaceId: mine.workspace.id, profileId: profile.id, actor, userId: null, now: new Date() });
    await expect(
      addDiscoveredCreatorToCampaign(h.db, { workspaceId: mine.workspace.id, campaignId: theirs.campaign.id, profileId: profile.id, actor, invitedByUserId: null }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
