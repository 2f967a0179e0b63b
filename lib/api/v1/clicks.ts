import { z } from "zod";
import type { ClickAnalytics } from "@/lib/clicks/click-analytics";
import { addDays, dayIn } from "@/lib/dashboard/date-range";
import { validationError } from "@/lib/errors";

/**
 * `GET /api/v1/campaigns/{id}/clicks`: click analytics of a campaign for a range of days of the
 * campaign's time zone, grouped by day or by creator. Bots, link previews and prefetches are counted
 * apart (`not_counted`), never in `clicks`; a visitor's repeat within 30 minutes is one click.
 */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "A day, YYYY-MM-DD.");

export const ZClicksQuery = z.object({
  from: day.optional().describe("First day, YYYY-MM-DD (default: 29 days before `to`)."),
  to: day.optional().describe("Last day, YYYY-MM-DD, inclusive (default: today in the campaign's time zone)."),
  group_by: z.enum(["day", "creator"]).default("day").describe("`day`: one row per day of the range; `creator`: one row per creator with clicks."),
}).strict();

const ZFigures = z.object({
  clicks: z.number().int().describe("People's clicks; a visitor's repeat within 30 minutes is the same click."),
  unique_visitors: z.number().int(),
  orders: z.number().int().describe("Orders credited through one of these clicks."),
  conversion_rate: z.number().nullable().describe("orders ÷ clicks (0.05 = 5 %); null without clicks."),
});

export const ZClicksDayRow = ZFigures.extend({ day: z.string() });
export const ZClicksCreatorRow = ZFigures.extend({ creator_id: z.string(), name: z.string() });

export const ZCampaignClicks = z.object({
  campaign_id: z.string(),
  from: z.string(),
  to: z.string(),
  time_zone: z.string().describe("Days are days of the campaign's time zone."),
  group_by: z.enum(["day", "creator"]),
  totals: ZFigures.extend({
    not_counted: z
      .record(z.string(), z.number().int())
      .describe("Visits that were not clicks, by reason (`bot`, `prefetch`, `head`, `no_user_agent`, `rate_limited`) and `total`; counted per UTC day."),
  }),
  rows: z.array(z.union([ZClicksDayRow, ZClicksCreatorRow])),
  top_landing_pages: z.array(z.object({ path: z.string(), clicks: z.number().int() })),
});
export type TCampaignClicks = z.infer<typeof ZCampaignClicks>;

const figuresJson = (f: { clicks: number; uniqueVisitors: number; orders: number; conversionRate: number | null }) => ({
  clicks: f.clicks,
  unique_visitors: f.uniqueVisitors,
  orders: f.orders,
  conversion_rate: f.conversionRate,
});

export function campaignClicksJson(campaignId: string, groupBy: "day" | "creator", a: ClickAnalytics): TCampaignClicks {
  return {
    campaign_id: campaignId,
    from: a.from,
    to: a.to,
    time_zone: a.timeZone,
    group_by: groupBy,
    totals: { ...figuresJson(a.totals), not_counted: a.totals.notCounted },
    rows: groupBy === "day" ? a.days.map((d) => ({ day: d.day, ...figuresJson(d) })) : a.creators.map((c) => ({ creator_id: c.creatorId, name: c.name, ...figuresJson(c) })),
    top_landing_pages: a.topLandingPages,
  };
}

const MAX_DAYS = 366;

/** The range's days: defaults (the last 30 days to today, in the campaign's zone) and its bounds; a bad range is a 422 naming the field. */
export function resolveClickRange(query: { from?: string; to?: string }, now: Date, timeZone: string): { from: string; to: string } {
  const valid = (d: string) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
  for (const key of ["from", "to"] as const) {
    const value = query[key];
    if (value !== undefined && !valid(value)) throw validationError([{ path: [key], message: "Not a day of the calendar." }]);
  }
  const to = query.to ?? dayIn(now, timeZone);
  const from = query.from ?? addDays(to, -29);
  if (from > to) throw validationError([{ path: ["from"], message: "`from` is after `to`." }]);
  if (addDays(from, MAX_DAYS - 1) < to) throw validationError([{ path: ["from"], message: `At most ${MAX_DAYS} days at a time.` }]);
  return { from, to };
}
