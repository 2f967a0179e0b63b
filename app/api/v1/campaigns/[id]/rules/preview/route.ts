import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { parseInput, readOptionalJsonBody } from "@/lib/api/v1/request";
import { previewJson, ZPreviewBody } from "@/lib/api/v1/rules";
import { getCampaignRules } from "@/lib/commission-rules/campaign-rules";
import { planFromInput } from "@/lib/commission-rules/schema";
import { previewRuleChange } from "@/lib/commission-rules/what-if";

/** What the proposed rules would do to the campaign's orders in a range: reads only, writes nothing. */
export const POST = withApiKey<{ id: string }>(async ({ req, params, db, workspace }) => {
  const saved = await getCampaignRules(db, { workspaceId: workspace.id, campaignId: params.id });
  const body = parseInput(ZPreviewBody, await readOptionalJsonBody(req));
  const plan = body.proposed ? planFromInput(body.proposed) : saved.plan;
  const preview = await previewRuleChange(db, { workspaceId: workspace.id, campaignId: saved.campaign.id, plan, from: body.from ?? null, to: body.to ?? null, limit: body.limit, cursor: body.cursor ?? null });
  return Response.json({ data: previewJson(preview), next_cursor: preview.nextCursor });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
