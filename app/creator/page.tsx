import type { Metadata } from "next";
import { formatDiscount, STATUS_TONE } from "@/components/campaigns/format";
import { formatPercent } from "@/components/ui/format";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { formatDate } from "@/components/ui/format";
import { ClickAnalyticsPanel } from "@/components/clicks/click-analytics-panel";
import { requireCreator } from "@/lib/auth/guards";
import { getClickAnalytics, lastDays } from "@/lib/clicks/click-analytics";
import { listCreatorCampaigns } from "@/lib/creators/list-creator-campaigns";
import { listCreatorBrands } from "@/lib/creators/get-creator-for-user";

export const metadata: Metadata = { title: "Creator home" };

export default async function CreatorHomePage() {
  const { db, creator } = await requireCreator();
  const [brands, campaigns] = await Promise.all([listCreatorBrands(db, creator.id), listCreatorCampaigns(db, creator.id)]);
  const brandsWithoutCampaigns = brands.filter((b) => !campaigns.some((c) => c.brand === b.name));
  // Clicks on the creator's own link only (scoped by creator), for the campaigns running now or lately.
  const now = new Date();
  const clickPanels = await Promise.all(
    campaigns
      .filter((c) => c.status !== "scheduled")
      .slice(0, 5)
      .map(async (c) => ({
        campaign: c,
        analytics: await getClickAnalytics(db, { workspaceId: c.workspaceId, campaignId: c.campaignId, creatorId: creator.id, timeZone: c.timezone, ...lastDays(now, c.timezone) }),
      })),
  );
  return (
    <>
      <PageHeader title={`Hi ${creator.fullName.split(" ")[0]}`} description="Your codes and links for every brand you work with. Share them: every sale they bring is credited to you." />
      {campaigns.length === 0 && brands.length === 0 ? (
        <EmptyState title="No brands yet">When a brand invites you, it appears here with your codes and links.</EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {campaigns.map((c) => (
            <Card key={c.enrollmentId} title={c.campaignName} description={c.brand} actions={<Badge tone={STATUS_TONE[c.status]}>{c.status}</Badge>}>
              <div className="space-y-3 text-sm" data-testid="creator-campaign">
                <dl className="space-y-3">
                  <div>
                    <dt className="text-slate-500">Your code</dt>
                    <dd className="mt-0.5 flex items-center gap-2">
                      <span className={`font-mono text-base font-semibold ${c.codeStatus === "deactivated" ? "text-slate-500 line-through" : ""}`}>{c.code ?? "—"}</span>
                      {c.code && c.codeStatus !== "deactivated" && <CopyButton value={c.code} label="Copy code" />}
                      {c.codeStatus === "pending" && <Badge tone="amber">being created</Badge>}
                      {c.codeStatus === "deactivated" && <Badge>no longer works</Badge>}
                    </dd>
                  </div>
                  <div>
                    <dt className="text-slate-500">Your link</dt>
                    <dd className="mt-0.5 flex items-center gap-2">
                      <code className="min-w-0 truncate text-xs">{c.referralUrl}</code>
                      <CopyButton value={c.referralUrl} label="Copy link" />
                    </dd>
                  </div>
                </dl>
                <div className="flex flex-wrap gap-x-6 gap-y-1 text-slate-600">
                  <span>Your audience gets {formatDiscount(c)}</span>
                  <span>You earn {formatPercent(c.commissionRateBps)}</span>
                  <span>
                    {formatDate(c.startsAt)} – {c.endsAt ? formatDate(c.endsAt) : "no end date"}
                  </span>
                </div>
              </div>
            </Card>
          ))}
          {clickPanels.map(({ campaign, analytics }) => (
            <div key={`clicks-${campaign.enrollmentId}`} className="md:col-span-2">
              <ClickAnalyticsPanel analytics={analytics} showCreators={false} title={`Clicks on your link · ${campaign.campaignName}, last 30 days`} />
            </div>
          ))}
          {brandsWithoutCampaigns.map((b) => (
            <Card key={b.workspaceId} title={b.name} actions={<Badge tone={b.status === "active" ? "green" : "amber"}>{b.status === "active" ? "Working together" : "Invited"}</Badge>}>
              <p className="text-sm text-slate-600">Your codes and referral links appear here once {b.name} adds you to a campaign.</p>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
