import { withBrand } from "@/lib/api/with-session";
import { dashboardLive } from "@/lib/dashboard/dashboard-version";
import { loadCampaignDashboard } from "@/lib/dashboard/get-campaign-dashboard";
import { campaignDashboardView, parseCreatorTableQuery } from "@/lib/dashboard/creator-table";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

/**
 * The campaign dashboard's figures for a range, with one page of its creator table (`sort`, `dir`,
 * `q`, `page`, `size`: lib/dashboard/creator-table.ts) and `live`: the version they are at least as
 * new as and the token to poll it with (./version). Open dashboards fetch this again only when the
 * version moves.
 */
export const GET = withBrand<{ workspace: string; campaign_id: string }>(async ({ req, db, access, params }) => {
  const q = req.nextUrl.searchParams;
  const table = parseCreatorTableQuery({ sort: q.get("sort"), dir: q.get("dir"), q: q.get("q"), page: q.get("page"), size: q.get("size") });
  // Only returned with the figures, i.e. when the campaign is this workspace's (else 404 below).
  const live = await dashboardLive(db, { slug: access.workspace.slug, workspaceId: access.workspace.id, campaignId: params.campaign_id });
  const dashboard = await loadCampaignDashboard(db, {
    workspaceId: access.workspace.id,
    campaignId: params.campaign_id,
    query: { range: q.get("range"), from: q.get("from"), to: q.get("to") },
  });
  return Response.json({ ...campaignDashboardView(dashboard, table), live }, { headers: { "cache-control": "no-store" } });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
