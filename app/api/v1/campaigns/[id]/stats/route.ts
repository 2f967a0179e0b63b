import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { withApiKey } from "@/lib/api/with-api-key";
import { parseInput } from "@/lib/api/v1/request";
import { campaignStatsJson, ZCampaignStatsQuery } from "@/lib/api/v1/stats";
import { getCampaignOrThrow } from "@/lib/campaigns/get-campaign";
import { getCampaignDashboard } from "@/lib/dashboard/get-campaign-dashboard";
import { resolveRange } from "@/lib/dashboard/date-range";

/** The campaign dashboard's figures per creator for a range (`?range=campaign|7d|30d|90d|custom&from=&to=`). */
export const GET = withApiKey<{ id: string }>(async ({ req, params, db, workspace }) => {
  const query = parseInput(ZCampaignStatsQuery, Object.fromEntries(req.nextUrl.searchParams), { unknownKey: (k) => `Unknown parameter "${k}".` });
  const campaign = await getCampaignOrThrow(db, { workspaceId: workspace.id, campaignId: params.id });
  const now = new Date();
  const range = resolveRange(query, now, campaign.timezone);
  const dashboard = await getCampaignDashboard(db, { workspaceId: workspace.id, campaignId: campaign.id, currency: campaign.currency, range, now });
  return Response.json({ data: campaignStatsJson(campaign, dashboard) }, { headers: { "cache-control": "no-store" } });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
