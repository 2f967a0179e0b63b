import { withBrand } from "@/lib/api/with-session";
import { getCampaignOrThrow } from "@/lib/campaigns/get-campaign";
import { getCampaignResults } from "@/lib/dashboard/get-campaign-results";

/** The campaign page's live, refund-adjusted results (polled by TanStack Query). */
export const GET = withBrand<{ workspace: string; campaign_id: string }>(async ({ db, access, params }) => {
  const scope = { workspaceId: access.workspace.id, campaignId: params.campaign_id };
  await getCampaignOrThrow(db, scope);
  return Response.json(await getCampaignResults(db, scope));
});
