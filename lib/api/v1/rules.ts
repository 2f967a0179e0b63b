import { z } from "zod";
import type { CampaignRules } from "@/lib/commission-rules/campaign-rules";
import { planToOutput } from "@/lib/commission-rules/schema";
import type { RuleNote } from "@/lib/commission-rules/shadows";

/** API v1's view of a campaign's commission rules (`GET/PUT /campaigns/{id}/rules`). */
export const ZRuleJson = z.object({
  id: z.string().describe("Stable id of the rule (`rul_…`, or the id you gave it)."),
  name: z.string(),
  product_ids: z.array(z.number().int()).describe("Shopify product ids (numbers)."),
  variant_ids: z.array(z.number().int()),
  collection_ids: z.array(z.number().int()),
  tags: z.array(z.string()).describe("Product tags, case-insensitive."),
  vendors: z.array(z.string()).describe("Product vendors, case-insensitive."),
  customer: z.enum(["any", "first_order", "returning"]).describe("`first_order`: the customer's first order at the store (by the order history Tally holds); `returning`: any later one."),
  action: z.enum(["exclude", "rate", "fixed_per_unit"]),
  rate_bps: z.number().int().nullable().describe("For `rate`: basis points, 0–10000."),
  amount: z.number().int().nullable().describe("For `fixed_per_unit`: minor units of the campaign's currency per unit (never more than the line collected)."),
});

export const ZRuleNoteJson = z.object({
  type: z.enum(["shadowed", "overlaps", "missing_products"]),
  rule_id: z.string(),
  by_rule_id: z.string().optional().describe("`shadowed`: the earlier rule that matches every line this one could (this one never fires)."),
  with_rule_id: z.string().optional().describe("`overlaps`: an earlier rule that takes some of this rule's lines."),
  product_ids: z.array(z.number().int()).optional().describe("`missing_products`: products the rule names that no longer exist in the store (the rule is kept)."),
});

export const ZCampaignRulesJson = z.object({
  campaign_id: z.string(),
  currency: z.string(),
  commission_rate_bps: z.number().int().describe("The campaign rate: what a line earns when no rule matches (unless the creator has a roster rate)."),
  rules: z.array(ZRuleJson).describe("In order: the first rule that matches a line decides it."),
  cap_per_order: z.number().int().nullable().describe("The most one order can earn (minor units); null = no cap."),
  min_order_amount: z.number().int().nullable().describe("Orders with a smaller commissionable amount earn nothing; null = no minimum."),
  notes: z.array(ZRuleNoteJson),
  updated_at: z.string().nullable().describe("When the rules last changed (ISO 8601)."),
});

function noteJson(n: RuleNote) {
  switch (n.type) {
    case "shadowed":
      return { type: n.type, rule_id: n.ruleId, by_rule_id: n.byRuleId };
    case "overlaps":
      return { type: n.type, rule_id: n.ruleId, with_rule_id: n.withRuleId };
    case "missing_products":
      return { type: n.type, rule_id: n.ruleId, product_ids: n.productIds };
  }
}

export function campaignRulesJson(r: CampaignRules): z.infer<typeof ZCampaignRulesJson> {
  return {
    campaign_id: r.campaign.id,
    currency: r.campaign.currency,
    commission_rate_bps: r.campaign.commissionRateBps,
    ...planToOutput(r.plan),
    notes: r.notes.map(noteJson),
    updated_at: r.updatedAt?.toISOString() ?? null,
  };
}
