import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { parseInput, readJsonBody } from "@/lib/api/v1/request";
import { applyJson, ZApplyBody } from "@/lib/api/v1/rules";
import { getCampaignRules } from "@/lib/commission-rules/campaign-rules";
import { planFromInput } from "@/lib/commission-rules/schema";
import { applyRuleChange } from "@/lib/commission-rules/what-if";

/** Saves the rules from now on and, for `unpaid_since`, moves the orders placed since then (rule_change ledger entries, idempotent by run id). */
export const POST = withApiKey<{ id: string }>(async ({ req, params, db, workspace, apiKeyId }) => {
  const saved = await getCampaignRules(db, { workspaceId: workspace.id, campaignId: params.id });
  const body = parseInput(ZApplyBody, await readJsonBody(req));
  const outcome = await applyRuleChange(db, {
    workspaceId: workspace.id,
    campaignId: saved.campaign.id,
    plan: planFromInput(body.proposed),
    since: body.apply_to === "unpaid_since" ? (body.since ?? null) : null,
    includePaid: body.claw_back_paid,
    ...(body.run_id ? { runId: body.run_id } : {}),
    actor: { kind: "api_key", id: apiKeyId },
  });
  return Response.json({ data: applyJson(outcome) });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
