import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { CampaignControls } from "@/components/campaigns/campaign-controls";
import { formatDiscount, STATUS_TONE } from "@/components/campaigns/format";
import { formatPercent } from "@/components/ui/format";
import { RosterPanel } from "@/components/campaigns/roster-panel";
import { CampaignDashboard } from "@/components/dashboard/campaign-dashboard";
import { ClickAnalyticsPanel } from "@/components/clicks/click-analytics-panel";
import { getClickAnalytics, lastDays } from "@/lib/clicks/click-analytics";
import { getCampaignDashboard } from "@/lib/dashboard/get-campaign-dashboard";
import { dashboardLive } from "@/lib/dashboard/dashboard-version";
import { campaignDashboardView, DEFAULT_CREATOR_TABLE, parseCreatorTableQuery } from "@/lib/dashboard/creator-table";
import { dayIn, resolveRange } from "@/lib/dashboard/date-range";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { formatDateTimeIn } from "@/components/ui/format";
import { requireBrand, requireCampaign } from "@/lib/auth/guards";
import { campaignStatus } from "@/lib/campaigns/campaign-status";
import { getLandingPage } from "@/lib/campaigns/get-landing-page";
import { codeProgress, listRoster } from "@/lib/campaigns/list-roster";
import { utcToZonedInput } from "@/lib/campaigns/zoned-time";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import { addCreatorAction, endCampaignNowAction, moveCampaignEndAction, removeCreatorAction, retryFailedCodesAction, setApplyCodeFromLinksAction, uploadRosterAction } from "../actions";
import { ApplyCodeToggle } from "@/components/campaigns/apply-code-toggle";

export const metadata: Metadata = { title: "Campaign" };

/** Roster rows in the server render: the panel, far below the fold, fetches the whole roster at once and then shows 50 at a time (a 500-creator roster was ~230 KB of the page). */
const ROSTER_FIRST_PAINT = 20;

type Search = { range?: string; from?: string; to?: string; sort?: string; dir?: string; q?: string; page?: string; size?: string };

export default async function CampaignPage({ params, searchParams }: { params: Promise<{ workspace: string; campaign_id: string }>; searchParams: Promise<Search> }) {
  const { workspace: slug, campaign_id: campaignId } = await params;
  const search = await searchParams;
  const { db, access } = await requireBrand(slug);
  const campaign = await requireCampaign(slug, campaignId);
  const scope = { workspaceId: access.workspace.id, campaignId: campaign.id };
  // A range the URL gets wrong falls back to "campaign to date" here; the picker explains bad input.
  const range = (() => {
    try {
      return resolveRange(search, new Date(), campaign.timezone);
    } catch {
      return resolveRange({}, new Date(), campaign.timezone);
    }
  })();
  // Likewise a table view it gets wrong shows the default view (the JSON route answers 422).
  const table = (() => {
    try {
      return parseCreatorTableQuery(search);
    } catch {
      return DEFAULT_CREATOR_TABLE;
    }
  })();
  // The version is read before the figures (a change in between makes the page's first poll fetch them again).
  const live = await dashboardLive(db, { slug, ...scope });
  const [roster, progress, dashboard, landing, clicks] = await Promise.all([
    listRoster(db, scope),
    codeProgress(db, scope),
    getCampaignDashboard(db, { ...scope, currency: campaign.currency, range }),
    getLandingPage(db, campaign),
    getClickAnalytics(db, { ...scope, timeZone: campaign.timezone, ...lastDays(new Date(), campaign.timezone) }),
  ]);
  const status = campaignStatus(campaign);
  const canEdit = roleAtLeast(access.role, "admin");
  const fmt = (d: Date) => formatDateTimeIn(d, campaign.timezone);
  return (
    <>
      <PageHeader
        title={campaign.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={STATUS_TONE[status]}>{status}</Badge>
            <span data-testid="campaign-dates">
              {fmt(campaign.startsAt)} – {campaign.endsAt ? fmt(campaign.endsAt) : "open-ended"}
              {campaign.endedAt && <> (ended by hand {fmt(campaign.endedAt)})</>}
            </span>
          </span>
        }
      />
      <div className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Fact label="Customer discount" value={formatDiscount(campaign)} />
          <Fact label="Creator commission" value={`${formatPercent(campaign.commissionRateBps)} of net sales`}>
            <Link href={`/brand/${slug}/campaigns/${campaign.id}/rules`} className="mt-2 inline-block text-xs font-medium text-brand-700 hover:underline">
              Commission rules and preview
            </Link>
          </Fact>
          <Fact label="Code template" value={campaign.codeTemplate} mono />
          <div className="min-w-0 rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm" data-testid="landing-page">
            <p className="text-sm text-slate-500">Referral links land on</p>
            {/* Only a URL that passes the landing rules again now is ever rendered as a link. */}
            {landing.url ? (
              <a href={landing.url} target="_blank" rel="noopener noreferrer" className="mt-1 block truncate text-sm font-semibold text-brand-700 hover:underline">
                {landing.url}
              </a>
            ) : (
              <p className="mt-1 text-sm font-semibold">
                {landing.storeHome ?? "the store's home page"}
                {landing.fallback && <span className="block text-xs font-normal text-amber-700">The landing URL set for this campaign is not on your store&apos;s domains, so links go to the store&apos;s home page.</span>}
              </p>
            )}
            <p className="mt-2 text-xs text-slate-600" data-testid="apply-code-from-links">
              {campaign.applyCodeFromLinks ? "Links apply the creator's code." : "Links do not apply the creator's code."}
            </p>
            {canEdit && status !== "ended" && <ApplyCodeToggle workspace={slug} campaignId={campaign.id} on={campaign.applyCodeFromLinks} action={setApplyCodeFromLinksAction} />}
          </div>
        </div>
        <CampaignDashboard
          workspace={slug}
          campaignId={campaign.id}
          timeZone={campaign.timezone}
          startDay={dayIn(campaign.startsAt, campaign.timezone)}
          endDay={(campaign.endedAt ?? campaign.endsAt) ? dayIn((campaign.endedAt ?? campaign.endsAt)!, campaign.timezone) : null}
          hasCreators={roster.length > 0}
          initial={{ ...campaignDashboardView(dashboard, table), live }}
        />
        <ClickAnalyticsPanel analytics={clicks} title="Referral link clicks, last 30 days" />
        {canEdit && status !== "ended" && (
          <Card title="Schedule" description={`Times in ${campaign.timezone}. Codes carry the end date in Shopify, and are deactivated when it comes.`}>
            <CampaignControls
              workspace={slug}
              campaignId={campaign.id}
              timezone={campaign.timezone}
              endsAtInput={campaign.endsAt ? utcToZonedInput(campaign.endsAt, campaign.timezone) : ""}
              moveEndAction={moveCampaignEndAction}
              endNowAction={endCampaignNowAction}
            />
          </Card>
        )}
        <RosterPanel
          workspace={slug}
          campaignId={campaign.id}
          ended={status === "ended"}
          canEdit={canEdit}
          initial={JSON.parse(JSON.stringify({ roster: roster.slice(0, ROSTER_FIRST_PAINT), progress, total: roster.length }))}
          addCreatorAction={addCreatorAction}
          uploadRosterAction={uploadRosterAction}
          removeCreatorAction={removeCreatorAction}
          retryFailedAction={retryFailedCodesAction}
        />
      </div>
    </>
  );
}

function Fact({ label, value, mono = false, children }: { label: string; value: string; mono?: boolean; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm">
      <p className="text-sm text-slate-500">{label}</p>
      <p className={`mt-1 text-base font-semibold ${mono ? "font-mono text-sm" : ""}`}>{value}</p>
      {children}
    </div>
  );
}
