import { withBrand } from "@/lib/api/with-session";
import { getCampaignOrThrow } from "@/lib/campaigns/get-campaign";
import { resolveRange } from "@/lib/dashboard/date-range";
import { csvResponse, payoutCsv } from "@/lib/dashboard/export-csv";

/** Net commission per creator for a range (refunds netted), as CSV. */
export const GET = withBrand<{ workspace: string; campaign_id: string }>(async ({ req, db, access, params }) => {
  const q = req.nextUrl.searchParams;
  const campaign = await getCampaignOrThrow(db, { workspaceId: access.workspace.id, campaignId: params.campaign_id });
  const range = resolveRange({ range: q.get("range"), from: q.get("from"), to: q.get("to") }, new Date(), campaign.timezone);
  const lines = payoutCsv(db, { workspaceId: access.workspace.id, campaignId: campaign.id, currency: campaign.currency, range });
  const period = range.from || range.to ? `${range.from ?? "start"}_${range.to ?? "today"}` : "to-date";
  return csvResponse(lines, `${campaign.name}-payouts-${period}.csv`);
});
