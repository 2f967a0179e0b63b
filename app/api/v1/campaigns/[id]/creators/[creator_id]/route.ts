import { withApiKey } from "@/lib/api/with-api-key";
import { rosterEntriesFor, ZRosterPatch } from "@/lib/api/v1/campaigns";
import { parseInput, readJsonBody } from "@/lib/api/v1/request";
import { setCreatorCommissionRate } from "@/lib/campaigns/set-creator-rate";
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

/** Sets or clears the creator's own commission rate on the campaign (the roster override); answers the row. */
export const PATCH = withApiKey<{ id: string; creator_id: string }>(async ({ req, params, db, workspace, apiKeyId }) => {
  // 404 before the body is read: another workspace's campaign is not found, whatever is sent
  const campaign = await getCampaignOrThrow(db, { workspaceId: workspace.id, campaignId: params.id });
  const body = parseInput(ZRosterPatch, await readJsonBody(req));
  const { enrollmentId } = await setCreatorCommissionRate(db, {
    workspaceId: workspace.id,
    campaignId: campaign.id,
    creatorId: params.creator_id,
    rateBps: body.commission_rate_bps,
    actor: { kind: "api_key", id: apiKeyId },
  });
  const entry = (await rosterEntriesFor(db, { workspaceId: workspace.id, campaignId: campaign.id, enrollmentIds: [enrollmentId] })).get(enrollmentId);
  return Response.json({ data: entry ? campaignCreatorJson(entry) : null });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { GET, POST, PUT, HEAD } = methodsNotAllowed(["PATCH", "DELETE"]);
