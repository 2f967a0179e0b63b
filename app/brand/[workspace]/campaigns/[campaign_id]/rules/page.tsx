import type { Metadata } from "next";
import Link from "next/link";
import { RulesEditor } from "@/components/campaigns/rules-editor";
import { PageHeader } from "@/components/ui/card";
import { requireBrand, requireCampaign } from "@/lib/auth/guards";
import { getCampaignRules } from "@/lib/commission-rules/campaign-rules";
import { rulesFormFromOutput } from "@/lib/commission-rules/rule-form";
import { planToOutput } from "@/lib/commission-rules/schema";
import { addDays, dayIn } from "@/lib/dashboard/date-range";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import { applyRulesAction, previewRulesAction, saveRulesAction } from "./actions";

export const metadata: Metadata = { title: "Commission rules" };

export default async function CampaignRulesPage({ params }: { params: Promise<{ workspace: string; campaign_id: string }> }) {
  const { workspace: slug, campaign_id: campaignId } = await params;
  const { db, access } = await requireBrand(slug);
  const campaign = await requireCampaign(slug, campaignId);
  const rules = await getCampaignRules(db, { workspaceId: access.workspace.id, campaignId: campaign.id });
  const today = dayIn(new Date(), campaign.timezone);
  const start = dayIn(campaign.startsAt, campaign.timezone);
  const from = [addDays(today, -29), start].sort()[1]!;
  return (
    <>
      <PageHeader
        title="Commission rules"
        description={
          <>
            <Link href={`/brand/${slug}/campaigns/${campaign.id}`} className="text-brand-700 underline">
              {campaign.name}
            </Link>{" "}
            · what each order line earns, previewed on past orders before it applies
          </>
        }
      />
      <RulesEditor
        workspace={slug}
        campaignId={campaign.id}
        currency={campaign.currency}
        timeZone={campaign.timezone}
        campaignRateBps={campaign.commissionRateBps}
        canEdit={roleAtLeast(access.role, "admin")}
        initial={rulesFormFromOutput(planToOutput(rules.plan), campaign.currency)}
        defaultRange={{ from: from > today ? today : from, to: today }}
        saveAction={saveRulesAction}
        previewAction={previewRulesAction}
        applyAction={applyRulesAction}
      />
    </>
  );
}
