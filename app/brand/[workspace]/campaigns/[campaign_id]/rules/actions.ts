"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { brandAction } from "@/lib/api/actions";
import { getCampaignOrThrow } from "@/lib/campaigns/get-campaign";
import { getCampaignRules, saveCampaignRules } from "@/lib/commission-rules/campaign-rules";
import { rulesFormFromOutput } from "@/lib/commission-rules/rule-form";
import { planFromRulesForm } from "@/lib/commission-rules/rules-form-plan";
import { planToOutput } from "@/lib/commission-rules/schema";
import { applyRuleChange, previewRuleChange } from "@/lib/commission-rules/what-if";
import { ZLocalDate, localDayRange, optionalQueueField, refineDateRange } from "@/lib/review-queue/query";

const PREVIEW_PAGE = 50;
const ZRulesSubmit = z.object({ campaignId: z.string().min(1).max(100), rules_json: z.string().max(2_000_000) });

/** "Apply from now on": the editor's rules saved for the orders the campaign credits from now on. */
export const saveRulesAction = brandAction(
  ZRulesSubmit,
  async (input, { db, user, access }) => {
    const campaign = await getCampaignOrThrow(db, { workspaceId: access.workspace.id, campaignId: input.campaignId });
    const plan = planFromRulesForm(input.rules_json, campaign.currency);
    const saved = await saveCampaignRules(db, { workspaceId: access.workspace.id, campaignId: campaign.id, plan, actor: { kind: "user", id: user.id } });
    revalidatePath(`/brand/${access.workspace.slug}/campaigns/${campaign.id}/rules`);
    return { form: rulesFormFromOutput(planToOutput(saved.plan), campaign.currency) };
  },
  { role: "admin" },
);

/** What the editor's rules would do to the campaign's orders placed in a range of days (in the campaign's zone): reads only. */
export const previewRulesAction = brandAction(
  ZRulesSubmit.extend({ from: optionalQueueField(ZLocalDate), to: optionalQueueField(ZLocalDate), cursor: optionalQueueField(z.string().max(100)) }).superRefine(refineDateRange),
  async (input, { db, access }) => {
    const { campaign } = await getCampaignRules(db, { workspaceId: access.workspace.id, campaignId: input.campaignId });
    const plan = planFromRulesForm(input.rules_json, campaign.currency);
    const range = localDayRange(input, campaign.timezone);
    const preview = await previewRuleChange(db, {
      workspaceId: access.workspace.id,
      campaignId: campaign.id,
      plan,
      from: range.placedFrom ?? null,
      to: range.placedBefore ?? null,
      limit: PREVIEW_PAGE,
      cursor: input.cursor ?? null,
    });
    return { ...preview, changed: preview.changed.map((o) => ({ ...o, orderCreatedAt: o.orderCreatedAt.toISOString() })) };
  },
);

/**
 * "Apply from now on" (apply_to=from_now) or "Apply to unpaid orders since D" (unpaid_since, D a day
 * in the campaign's zone), with the "claw back / top up in the next payout" tick for paid ones.
 */
export const applyRulesAction = brandAction(
  ZRulesSubmit.extend({
    apply_to: z.enum(["from_now", "unpaid_since"]),
    since: optionalQueueField(ZLocalDate),
    claw_back_paid: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    run_id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
  }).superRefine((v, ctx) => {
    if (v.apply_to === "unpaid_since" && !v.since) ctx.addIssue({ code: "custom", path: ["since"], message: "Choose the first day of orders to move to the new rules." });
  }),
  async (input, { db, user, access }) => {
    const campaign = await getCampaignOrThrow(db, { workspaceId: access.workspace.id, campaignId: input.campaignId });
    const plan = planFromRulesForm(input.rules_json, campaign.currency);
    const since = input.apply_to === "unpaid_since" ? (localDayRange({ from: input.since }, campaign.timezone).placedFrom ?? null) : null;
    const outcome = await applyRuleChange(db, {
      workspaceId: access.workspace.id,
      campaignId: campaign.id,
      plan,
      since,
      includePaid: input.claw_back_paid,
      runId: `rrn_${input.run_id}`,
      actor: { kind: "user", id: user.id },
    });
    revalidatePath(`/brand/${access.workspace.slug}/campaigns/${campaign.id}`, "layout");
    return { outcome, form: rulesFormFromOutput(planToOutput(plan), campaign.currency) };
  },
  { role: "admin" },
);
