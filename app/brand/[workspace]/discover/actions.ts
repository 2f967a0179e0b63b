"use server";

import { z } from "zod";
import { brandAction } from "@/lib/api/actions";
import { addDiscoveredCreatorToCampaign } from "@/lib/discovery/add-discovered-creator-to-campaign";
import { quotaJson } from "@/lib/discovery/get-unlock-quota";
import { unlockCreatorEmail } from "@/lib/discovery/unlock-creator-email";

const ZProfileRef = z.object({ profileId: z.string().min(1).max(40) });

/** Reveals a discovered creator's email to the workspace (uses one unit of the monthly allowance). */
export const unlockCreatorAction = brandAction(ZProfileRef, async ({ profileId }, { db, user, access }) => {
  const result = await unlockCreatorEmail(db, {
    workspaceId: access.workspace.id,
    profileId,
    actor: { kind: "user", id: user.id },
    userId: user.id,
    now: new Date(),
  });
  return { profileId: result.profileId, email: result.email, alreadyUnlocked: result.alreadyUnlocked, quota: quotaJson(result.quota) };
});

/** One click from an unlocked creator to a campaign roster (same path as adding a creator by hand). */
export const addDiscoveredCreatorAction = brandAction(
  ZProfileRef.extend({ campaignId: z.string().min(1, "Choose a campaign.").max(40) }),
  async ({ profileId, campaignId }, { db, user, access }) => {
    const result = await addDiscoveredCreatorToCampaign(db, {
      workspaceId: access.workspace.id,
      campaignId,
      profileId,
      actor: { kind: "user", id: user.id },
      invitedByUserId: user.id,
    });
    return { ...result, campaignId };
  },
  { role: "admin" },
);
