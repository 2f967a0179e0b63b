import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { getCampaignOrThrow, type CampaignRow } from "@/lib/campaigns/get-campaign";
import { AppError } from "@/lib/errors";
import { readStoredPlan } from "./schema";
import { ruleNotes, type RuleNote } from "./shadows";
import type { CommissionPlan } from "./types";

export type CampaignRules = {
  campaign: CampaignRow;
  plan: CommissionPlan;
  /** What the editor says: shadowed and overlapping rules, rules naming deleted products. */
  notes: RuleNote[];
  updatedAt: Date | null;
};

/** A campaign's commission rules (scoped to the workspace: another workspace's campaign is not found). */
export async function getCampaignRules(db: Db, input: { workspaceId: string; campaignId: string }): Promise<CampaignRules> {
  const campaign = await getCampaignOrThrow(db, input);
  const plan = readStoredPlan(campaign.commissionRules);
  return { campaign, plan, notes: ruleNotes(plan.rules), updatedAt: campaign.commissionRulesUpdatedAt };
}

/**
 * "Apply from now on": saves the rules for the orders the campaign credits from now on (orders
 * already credited keep the terms they were credited under until a what-if is applied to them).
 * Audited with the rules before and after.
 */
export async function saveCampaignRules(db: Db, input: { workspaceId: string; campaignId: string; plan: CommissionPlan; actor: Actor; now?: Date }): Promise<CampaignRules> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const current = await getCampaignOrThrow(tx, input);
    const now = input.now ?? new Date();
    const [row] = await tx
      .update(campaigns)
      .set({ commissionRules: input.plan as unknown as Record<string, unknown>, commissionRulesUpdatedAt: now, updatedAt: now })
      .where(and(eq(campaigns.workspaceId, input.workspaceId), eq(campaigns.id, current.id), isNull(campaigns.deletedAt)))
      .returning();
    if (!row) throw new AppError("not_found", "Campaign not found.");
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: "campaign.commission_rules_saved",
      targetType: "campaign",
      targetId: row.id,
      data: { before: readStoredPlan(current.commissionRules), after: input.plan },
    });
    return { campaign: row, plan: input.plan, notes: ruleNotes(input.plan.rules), updatedAt: now };
  });
}
