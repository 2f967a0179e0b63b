import { z } from "zod";
import type { CampaignRules } from "@/lib/commission-rules/campaign-rules";
import { planToOutput, rulesInputSchema } from "@/lib/commission-rules/schema";
import type { ApplyOutcome, previewRuleChange } from "@/lib/commission-rules/what-if";
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

const ZInstant = z
  .string()
  .datetime({ offset: true, message: "an ISO 8601 instant with an offset, e.g. 2026-05-01T00:00:00Z" })
  .transform((s) => new Date(s));

/** `POST /campaigns/{id}/rules/preview`: the proposed rules (default: the saved ones) over the campaign's orders placed in [from, to). */
export const ZPreviewBody = z
  .object({
    proposed: rulesInputSchema.optional().describe("The rules to try (same shape as PUT /rules); omitted: the saved rules."),
    from: ZInstant.optional().describe("Orders placed at or after this instant."),
    to: ZInstant.optional().describe("Orders placed before this instant."),
    limit: z.number().int().min(1).max(200).default(50).describe("Changed orders per page (≤ 200)."),
    cursor: z.string().max(100).nullable().optional().describe("`next_cursor` of the previous page."),
  })
  .strict();

/** `POST /campaigns/{id}/rules/apply`. */
export const ZApplyBody = z
  .object({
    proposed: rulesInputSchema.describe("The rules to save."),
    apply_to: z.enum(["from_now", "unpaid_since"]).describe("`from_now`: orders credited from now on; `unpaid_since`: also move the orders placed since `since` whose commission is not in a payout yet."),
    since: ZInstant.optional(),
    claw_back_paid: z.boolean().default(false).describe("Also orders already in a payout: the difference is a new entry, clawed back or topped up in the next payout."),
    run_id: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/).optional().describe("Idempotency: the same run id applies once."),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.apply_to === "unpaid_since" && !v.since) ctx.addIssue({ code: "custom", path: ["since"], message: "apply_to unpaid_since needs since" });
  });

const ZMoneyPair = z.object({ amount: z.number().int(), commission: z.number().int() });
export const ZPreviewJson = z.object({
  summary: z.object({
    currency: z.string(),
    orders: z.number().int().describe("Orders of the campaign in the range that earn (or will once paid)."),
    changed_orders: z.number().int(),
    commission_before: z.number().int(),
    commission_after: z.number().int(),
    difference: z.number().int(),
    per_creator: z.array(z.object({ creator_id: z.string(), orders: z.number().int(), commission_before: z.number().int(), commission_after: z.number().int() })),
    message: z.string().nullable().describe("Says so when the range has no orders."),
  }),
  changed: z.array(
    z.object({
      conversion_id: z.string(),
      order_name: z.string(),
      order_created_at: z.string(),
      creator_id: z.string(),
      status: z.string(),
      in_payout: z.boolean().describe("Its commission is already in a payout: applying leaves it alone unless claw_back_paid."),
      refunded: z.boolean(),
      before: ZMoneyPair,
      after: ZMoneyPair.extend({ lines: z.array(z.object({ line_item_id: z.string().nullable(), title: z.string(), quantity: z.number().int(), amount: z.number().int(), commission: z.number().int(), rule: z.string() })) }),
    }),
  ),
});

export const ZApplyJson = z.object({
  run_id: z.string(),
  adjusted: z.number().int(),
  adjusted_commission: z.number().int(),
  paid_left_alone: z.array(z.object({ conversion_id: z.string(), order_name: z.string(), difference: z.number().int() })),
  refunded_left_alone: z.array(z.object({ conversion_id: z.string(), order_name: z.string() })),
});

export function previewJson(p: Awaited<ReturnType<typeof previewRuleChange>>): z.infer<typeof ZPreviewJson> {
  return {
    summary: {
      currency: p.summary.currency,
      orders: p.summary.orders,
      changed_orders: p.summary.changedOrders,
      commission_before: p.summary.beforeCents,
      commission_after: p.summary.afterCents,
      difference: p.summary.differenceCents,
      per_creator: p.summary.perCreator.map((c) => ({ creator_id: c.creatorId, orders: c.orders, commission_before: c.beforeCents, commission_after: c.afterCents })),
      message: p.summary.orders === 0 ? "No orders of this campaign in this range: nothing would change." : null,
    },
    changed: p.changed.map((o) => ({
      conversion_id: o.conversionId,
      order_name: o.orderName,
      order_created_at: o.orderCreatedAt.toISOString(),
      creator_id: o.creatorId,
      status: o.status,
      in_payout: o.inPayout,
      refunded: o.refunded,
      before: { amount: o.before.amountCents, commission: o.before.commissionCents },
      after: {
        amount: o.after.amountCents,
        commission: o.after.commissionCents,
        lines: o.after.lines.map((l) => ({
          line_item_id: l.lineItemId === null ? null : String(l.lineItemId),
          title: l.title,
          quantity: l.quantity,
          amount: l.amountCents,
          commission: l.commissionCents,
          rule: l.basis.type === "rule" ? l.basis.name : l.basis.type,
        })),
      },
    })),
  };
}

export function applyJson(a: ApplyOutcome): z.infer<typeof ZApplyJson> {
  return {
    run_id: a.runId,
    adjusted: a.adjusted,
    adjusted_commission: a.adjustedCents,
    paid_left_alone: a.paidLeftAlone.map((p) => ({ conversion_id: p.conversionId, order_name: p.orderName, difference: p.differenceCents })),
    refunded_left_alone: a.refundedLeftAlone.map((p) => ({ conversion_id: p.conversionId, order_name: p.orderName })),
  };
}
