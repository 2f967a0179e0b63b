import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/audit/record-audit";
import { addCreatorsToCampaign } from "@/lib/campaigns/add-creators";
import { getDiscoveryCreatorOrThrow } from "./get-discovery-creator";

/**
 * One click from a discovered (and unlocked) creator to a campaign roster: the same path as adding a
 * creator by hand (lib/campaigns/add-creators.ts — identity, invitation, code, link, push to Shopify).
 */
export async function addDiscoveredCreatorToCampaign(
  db: Db,
  input: { workspaceId: string; campaignId: string; profileId: string; actor: Actor; invitedByUserId: string | null },
) {
  const creator = await getDiscoveryCreatorOrThrow(db, { workspaceId: input.workspaceId, profileId: input.profileId });
  if (!creator.email) throw new AppError("conflict", "Unlock this creator's email before adding them to a campaign.");
  const { results } = await addCreatorsToCampaign(db, {
    workspaceId: input.workspaceId,
    campaignId: input.campaignId,
    actor: input.actor,
    invitedByUserId: input.invitedByUserId,
    rows: [{ email: creator.email, full_name: creator.displayName, handle: creator.handle }],
  });
  const result = results[0]!;
  if (!result.ok) throw new AppError("validation_failed", result.error.message);
  return { creatorId: result.creatorId, code: result.code, alreadyEnrolled: result.alreadyEnrolled };
}
