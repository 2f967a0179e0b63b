import { withApiKey } from "@/lib/api/with-api-key";
import { isNoopPatch } from "@/lib/api/v1/campaigns";
import { parseInput, readJsonBody } from "@/lib/api/v1/request";
import { campaignJson } from "@/lib/api/v1/serializers";
import { getCampaignOrThrow } from "@/lib/campaigns/get-campaign";
import { codeProgress } from "@/lib/campaigns/list-roster";
import { ZUpdateCampaign } from "@/lib/campaigns/schemas";
import { updateCampaign } from "@/lib/campaigns/update-campaign";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApiKey<{ id: string }>(async ({ params, db, workspace }) => {
  const campaign = await getCampaignOrThrow(db, { workspaceId: workspace.id, campaignId: params.id });
  const { pending, active, failed, deactivated, total } = await codeProgress(db, { workspaceId: workspace.id, campaignId: campaign.id });
  return Response.json({ data: { ...campaignJson(campaign), code_progress: { pending, active, failed, deactivated, total } } });
});

export const PATCH = withApiKey<{ id: string }>(async ({ req, params, db, workspace, apiKeyId }) => {
  const patch = parseInput(ZUpdateCampaign, await readJsonBody(req), {
    unknownKey: (key) => `"${key}" cannot be changed: a campaign accepts name, ends_at, status "ended" and apply_code_from_links.`,
  });
  const current = await getCampaignOrThrow(db, { workspaceId: workspace.id, campaignId: params.id });
  if (isNoopPatch(current, patch)) return Response.json({ data: campaignJson(current) });
  const campaign = await updateCampaign(db, { workspaceId: workspace.id, campaignId: current.id, actor: { kind: "api_key", id: apiKeyId }, patch });
  return Response.json({ data: campaignJson(campaign) });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, DELETE } = methodsNotAllowed(["GET", "PATCH"]);
