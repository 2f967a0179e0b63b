import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { rulesInputSchema } from "@/lib/commission-rules/schema";
import { ZApplyBody, ZApplyJson, ZCampaignRulesJson, ZPreviewBody, ZPreviewJson, ZRuleJson, ZRuleNoteJson } from "../rules";
import { dataOf, type SharedResponses } from "./shared";

/** `/campaigns/{id}/rules/**`: commission rules per line, their preview and apply (issue 21). */
export function registerRulesPaths(registry: OpenAPIRegistry, { errorResponses }: SharedResponses) {
  registry.register("CommissionRule", ZRuleJson);
  registry.register("CommissionRuleNote", ZRuleNoteJson);
  const rules = registry.register("CampaignCommissionRules", ZCampaignRulesJson);
  const campaignParams = z.object({ id: z.string().describe("The campaign's id, `cmp_…`.") });
  registry.registerPath({
    method: "get",
    path: "/campaigns/{id}/rules",
    operationId: "getCampaignRules",
    summary: "The campaign's commission rules",
    description:
      "Ordered per-line rules: for each line of an order, the first rule that matches it decides what it earns (excluded, a rate, or a fixed amount per unit); no match → the creator's roster rate, else the campaign rate. Then the cap per order and the minimum order amount. `notes` say which rule is shadowed by an earlier one (never fires), which overlap, and which name deleted products.",
    request: { params: campaignParams },
    responses: { 200: dataOf("The rules", rules), ...errorResponses },
  });
  registry.registerPath({
    method: "put",
    path: "/campaigns/{id}/rules",
    operationId: "putCampaignRules",
    summary: "Replace the campaign's commission rules (from now on)",
    description:
      "Saves the rules for orders the campaign credits from now on; conversions already credited keep the terms they were credited under (preview and apply a change to past unpaid orders with `/rules/preview` and `/rules/apply`). Overlapping rules are allowed (first wins). Rates outside 0–10000 bps, negative amounts and a cap below zero are a 422 naming the field (`rules.2.rate_bps`).",
    request: { params: campaignParams, body: { content: { "application/json": { schema: rulesInputSchema } } } },
    responses: { 200: dataOf("The saved rules", rules), ...errorResponses },
  });

  const preview = registry.register("CommissionRulesPreview", ZPreviewJson);
  registry.registerPath({
    method: "post",
    path: "/campaigns/{id}/rules/preview",
    operationId: "previewCampaignRules",
    summary: "What a rule change would do to past orders (writes nothing)",
    description:
      "Re-evaluates the campaign's orders placed in [`from`, `to`) under the proposed rules with the same function live attribution uses, from the stored order facts and each conversion's terms (creator rate, campaign rate, new vs returning customer): commission before (what the ledger holds, or awaits payment) and after, per creator and in total, and the orders whose amount or commission would change, a page at a time (`next_cursor`). A range with no orders says so in `summary.message`.",
    request: { params: campaignParams, body: { content: { "application/json": { schema: ZPreviewBody } } } },
    responses: {
      200: { description: "The preview", content: { "application/json": { schema: z.object({ data: preview, next_cursor: z.string().nullable() }) } } },
      ...errorResponses,
    },
  });
  const applied = registry.register("CommissionRulesApplied", ZApplyJson);
  registry.registerPath({
    method: "post",
    path: "/campaigns/{id}/rules/apply",
    operationId: "applyCampaignRules",
    summary: "Apply a rule change from now on, or also to unpaid orders since a date",
    description:
      "`from_now` saves the rules for orders credited from now on. `unpaid_since` also moves the campaign's orders placed since `since`: each difference is a `rule_change` ledger entry (idempotent by `run_id`); orders whose commission is already in a payout are listed in `paid_left_alone` and not touched unless `claw_back_paid` (then the difference is clawed back or topped up in the next payout); partly refunded orders are listed in `refunded_left_alone`.",
    request: { params: campaignParams, body: { content: { "application/json": { schema: ZApplyBody } } } },
    responses: { 200: dataOf("What was applied", applied), ...errorResponses },
  });

}
