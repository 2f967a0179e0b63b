import { withBrand } from "@/lib/api/with-session";
import { loadCampaignDashboard } from "@/lib/dashboard/get-campaign-dashboard";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

/** The campaign dashboard's figures for a range (polled every second by TanStack Query). */
export const GET = withBrand<{ workspace: string; campaign_id: string }>(async ({ req, db, access, params }) => {
  const q = req.nextUrl.searchParams;
  const dashboard = await loadCampaignDashboard(db, {
    workspaceId: access.workspace.id,
    campaignId: params.campaign_id,
    query: { range: q.get("range"), from: q.get("from"), to: q.get("to") },
  });
  return Response.json(dashboard, { headers: { "cache-control": "no-store" } });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
