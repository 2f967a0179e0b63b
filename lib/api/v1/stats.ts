import { z } from "zod";
import type { CampaignDashboard, CreatorRow, Figures } from "@/lib/dashboard/get-campaign-dashboard";

/**
 * `GET /api/v1/campaigns/{id}/stats`: the campaign dashboard's per-creator figures for one range,
 * with the dashboard's range parameters. Request and response are zod schemas here (one place), so
 * that the OpenAPI generator can describe them; money is integer minor units of `currency`.
 */
export const ZCampaignStatsQuery = z.object({
  range: z.enum(["campaign", "7d", "30d", "90d", "custom"]).default("campaign").describe("Days of the campaign's time zone; `custom` needs `from` and `to`."),
  from: z.string().optional().describe("First day, YYYY-MM-DD (custom ranges)."),
  to: z.string().optional().describe("Last day, YYYY-MM-DD, inclusive (custom ranges)."),
});

const money = z.number().int();
const rate = z.number().nullable().describe("Refunds ÷ gross (0.125 = 12.5 %); null without sales.");

const ZFigures = z.object({
  orders: z.number().int(),
  gross_amount: money.describe("Sales in the range, minor units."),
  refund_amount: money.describe("Refunds made in the range (on the day they happen)."),
  net_amount: money,
  commission_amount: money.describe("Commission earned on the sales in the range, before reversals."),
  reversed_commission_amount: money.describe("Commission taken back by refunds in the range."),
  net_commission: money,
  refund_rate: rate,
});

export const ZCampaignStatsCreator = ZFigures.extend({
  creator_id: z.string(),
  name: z.string(),
  handle: z.string().nullable(),
  code: z.string().nullable(),
  on_roster: z.boolean().describe("false when the creator has left the campaign (their past sales still count)."),
  last_sale_at: z.string().datetime().nullable(),
});

export const ZCampaignStats = z.object({
  campaign_id: z.string(),
  currency: z.string().length(3),
  range: z.object({
    kind: ZCampaignStatsQuery.shape.range.removeDefault(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    time_zone: z.string().describe("Days are days of the campaign's time zone."),
  }),
  totals: ZFigures.extend({ roi: z.number().nullable().describe("Net sales ÷ net commission.") }),
  creators: z.array(ZCampaignStatsCreator),
  days: z.array(z.object({ day: z.string(), gross_amount: money, refund_amount: money, net_amount: money })).describe("Days with movements in the range."),
  generated_at: z.string().datetime(),
});
export type TCampaignStats = z.infer<typeof ZCampaignStats>;

const figuresJson = (f: Figures & { refundRate: number | null }) => ({
  orders: f.orders,
  gross_amount: f.grossCents,
  refund_amount: f.refundCents,
  net_amount: f.netCents,
  commission_amount: f.commissionCents,
  reversed_commission_amount: f.reversedCommissionCents,
  net_commission: f.netCommissionCents,
  refund_rate: f.refundRate,
});

const creatorJson = (r: CreatorRow) => ({
  creator_id: r.creatorId,
  name: r.name,
  handle: r.handle,
  code: r.code,
  on_roster: r.onRoster,
  ...figuresJson(r),
  last_sale_at: r.lastSaleAt,
});

export function campaignStatsJson(campaign: { id: string; timezone: string }, d: CampaignDashboard): TCampaignStats {
  return {
    campaign_id: campaign.id,
    currency: d.currency,
    range: { kind: d.range.kind, from: d.range.from, to: d.range.to, time_zone: campaign.timezone },
    totals: { ...figuresJson(d.tiles), roi: d.tiles.roi },
    creators: d.creators.map(creatorJson),
    days: d.series.map((p) => ({ day: p.day, gross_amount: p.grossCents, refund_amount: p.refundCents, net_amount: p.netCents })),
    generated_at: d.generatedAt,
  };
}
