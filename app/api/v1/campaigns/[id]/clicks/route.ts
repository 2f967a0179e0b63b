import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { withApiKey } from "@/lib/api/with-api-key";
import { campaignClicksJson, resolveClickRange, ZClicksQuery } from "@/lib/api/v1/clicks";
import { parseInput } from "@/lib/api/v1/request";
import { getCampaignOrThrow } from "@/lib/campaigns/get-campaign";
import { getClickAnalytics } from "@/lib/clicks/click-analytics";

/** Click analytics of a campaign (`?from=&to=&group_by=day|creator`); bots and previews apart. */
export const GET = withApiKey<{ id: string }>(async ({ req, params, db, workspace }) => {
  const query = parseInput(ZClicksQuery, Object.fromEntries(req.nextUrl.searchParams), { unknownKey: (k) => `Unknown parameter "${k}".` });
  const campaign = await getCampaignOrThrow(db, { workspaceId: workspace.id, campaignId: params.id });
  const range = resolveClickRange(query, new Date(), campaign.timezone);
  const analytics = await getClickAnalytics(db, { workspaceId: workspace.id, campaignId: campaign.id, timeZone: campaign.timezone, ...range });
  return Response.json({ data: campaignClicksJson(campaign.id, query.group_by, analytics) }, { headers: { "cache-control": "no-store" } });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
