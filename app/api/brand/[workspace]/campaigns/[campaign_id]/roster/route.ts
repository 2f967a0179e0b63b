import { withBrand } from "@/lib/api/with-session";
import { getCampaignOrThrow } from "@/lib/campaigns/get-campaign";
import { codeProgress, listRoster } from "@/lib/campaigns/list-roster";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

/** The campaign page's live roster and push progress (polled by TanStack Query while codes are pending). */
export const GET = withBrand<{ workspace: string; campaign_id: string }>(async ({ db, access, params }) => {
  const scope = { workspaceId: access.workspace.id, campaignId: params.campaign_id };
  await getCampaignOrThrow(db, scope);
  const [roster, progress] = await Promise.all([listRoster(db, scope), codeProgress(db, scope)]);
  return Response.json({ roster, progress });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
