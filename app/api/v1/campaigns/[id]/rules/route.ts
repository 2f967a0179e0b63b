import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { parseInput, readJsonBody } from "@/lib/api/v1/request";
import { campaignRulesJson } from "@/lib/api/v1/rules";
import { getCampaignRules, saveCampaignRules } from "@/lib/commission-rules/campaign-rules";
import { planFromInput, rulesInputSchema } from "@/lib/commission-rules/schema";

export const GET = withApiKey<{ id: string }>(async ({ params, db, workspace }) => {
  return Response.json({ data: campaignRulesJson(await getCampaignRules(db, { workspaceId: workspace.id, campaignId: params.id })) });
});

/** Replaces the campaign's rules for the orders it credits from now on ("Apply from now on"). */
export const PUT = withApiKey<{ id: string }>(async ({ req, params, db, workspace, apiKeyId }) => {
  // 404 before the body is read: another workspace's campaign is not found, whatever is sent
  await getCampaignRules(db, { workspaceId: workspace.id, campaignId: params.id });
  const input = parseInput(rulesInputSchema, await readJsonBody(req));
  const saved = await saveCampaignRules(db, { workspaceId: workspace.id, campaignId: params.id, plan: planFromInput(input), actor: { kind: "api_key", id: apiKeyId } });
  return Response.json({ data: campaignRulesJson(saved) });
});

export const { POST, PATCH, DELETE } = methodsNotAllowed(["GET", "PUT"]);
