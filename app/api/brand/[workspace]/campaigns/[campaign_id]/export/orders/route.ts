import { withBrand } from "@/lib/api/with-session";
import { getCampaignOrThrow } from "@/lib/campaigns/get-campaign";
import { resolveRange } from "@/lib/dashboard/date-range";
import { csvResponse, orderCsv } from "@/lib/dashboard/export-csv";

/** One line per attributed order with its movements in the range, streamed as CSV. */
export const GET = withBrand<{ workspace: string; campaign_id: string }>(async ({ req, db, access, params }) => {
  const q = req.nextUrl.searchParams;
  const campaign = await getCampaignOrThrow(db, { workspaceId: access.workspace.id, campaignId: params.campaign_id });
  const range = resolveRange({ range: q.get("range"), from: q.get("from"), to: q.get("to") }, new Date(), campaign.timezone);
  const lines = orderCsv(db, { workspaceId: access.workspace.id, campaignId: campaign.id, currency: campaign.currency, range });
  const period = range.from || range.to ? `${range.from ?? "start"}_${range.to ?? "today"}` : "to-date";
  return csvResponse(lines, `${campaign.name}-orders-${period}.csv`);
});
