import { withApiKey } from "@/lib/api/with-api-key";
import { listCampaignsPage } from "@/lib/api/v1/campaigns";
import { page, parseListQuery } from "@/lib/api/v1/pagination";
import { parseInput, readJsonBody } from "@/lib/api/v1/request";
import { campaignJson } from "@/lib/api/v1/serializers";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { ZCreateCampaign } from "@/lib/campaigns/schemas";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApiKey(async ({ req, db, workspace }) => {
  const { limit, after } = parseListQuery(req.nextUrl);
  const rows = await listCampaignsPage(db, { workspaceId: workspace.id, limit, after });
  const now = new Date();
  return Response.json(page(rows, limit, (r) => r.id, (r) => campaignJson(r, now)));
});

export const POST = withApiKey(async ({ req, db, workspace, apiKeyId }) => {
  const input = parseInput(ZCreateCampaign, await readJsonBody(req));
  const campaign = await createCampaign(db, { workspaceId: workspace.id, actor: { kind: "api_key", id: apiKeyId }, campaign: input });
  return Response.json({ data: campaignJson(campaign) }, { status: 201, headers: { Location: `/api/v1/campaigns/${campaign.id}` } });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"]);
