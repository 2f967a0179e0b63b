import { withApiKey } from "@/lib/api/with-api-key";
import { rosterEntriesFor } from "@/lib/api/v1/campaigns";
import { campaignCreatorJson } from "@/lib/api/v1/serializers";
import { getCampaignOrThrow } from "@/lib/campaigns/get-campaign";
import { removeCreatorFromCampaign } from "@/lib/campaigns/remove-creator";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

/** Removes the creator from the campaign; answers the removed row (`code_status: "deactivated"`, `removed_at` set). */
export const DELETE = withApiKey<{ id: string; creator_id: string }>(async ({ params, db, workspace, apiKeyId }) => {
  const campaign = await getCampaignOrThrow(db, { workspaceId: workspace.id, campaignId: params.id });
  const { enrollment } = await removeCreatorFromCampaign(db, {
    workspaceId: workspace.id,
    campaignId: campaign.id,
    creatorId: params.creator_id,
    actor: { kind: "api_key", id: apiKeyId },
  });
  const entry = (await rosterEntriesFor(db, { workspaceId: workspace.id, campaignId: campaign.id, enrollmentIds: [enrollment.id], includeRemoved: true })).get(enrollment.id);
  return Response.json({ data: entry ? campaignCreatorJson(entry) : null });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { GET, POST, PUT, PATCH, HEAD } = methodsNotAllowed(["DELETE"]);
