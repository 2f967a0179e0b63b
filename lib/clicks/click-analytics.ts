import { and, count, countDistinct, desc, eq, gte, isNotNull, lt, lte, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clicks, conversions, creators, skippedLinkVisits } from "@/db/schema";
import { addDays, dayIn } from "@/lib/dashboard/date-range";

export type ClickGroupBy = "day" | "creator";

export type ClickFigures = {
  /** People's clicks (a visitor's repeat within 30 minutes is the same click). */
  clicks: number;
  /** Distinct visitors (first-party visitor cookie) among them. */
  uniqueVisitors: number;
  /** Orders credited through one of these clicks (link, or the same creator's code and link); voided orders left out. */
  orders: number;
  /** orders ÷ clicks; null without clicks. */
  conversionRate: number | null;
};

export type ClickAnalytics = {
  from: string;
  to: string;
  timeZone: string;
  totals: ClickFigures & {
    /** Visits that were not clicks, by reason (known bots and link previews, prefetches, HEAD, no user agent, over the per-address limit); UTC days. */
    notCounted: Record<string, number> & { total: number };
  };
  days: ({ day: string } & ClickFigures)[];
  creators: ({ creatorId: string; name: string } & ClickFigures)[];
  topLandingPages: { path: string; clicks: number }[];
};

const rate = (orders: number, n: number) => (n > 0 ? Math.round((orders / n) * 10_000) / 10_000 : null);
const figures = (c: number, v: number, o: number): ClickFigures => ({ clicks: c, uniqueVisitors: v, orders: o, conversionRate: rate(o, c) });

/**
 * Click analytics of one campaign for the days `from`..`to` (inclusive) of `timeZone`: totals, one row
 * per day (every day of the range, zeros included) and per creator (creators with clicks), the top
 * landing pages, and the visits counted apart. Scoped by workspace; optionally to one creator (the
 * creator portal). Reads `clicks` on (workspace_id, campaign_id, clicked_at) and the campaign's link
 * conversions on (workspace_id, campaign_id, order_created_at).
 */
export async function getClickAnalytics(
  db: Db,
  input: { workspaceId: string; campaignId: string; from: string; to: string; timeZone: string; creatorId?: string },
): Promise<ClickAnalytics> {
  // Bounds wide enough for any time zone (±14 h) for the index; the zone's own days decide exactly.
  const start = new Date(`${addDays(input.from, -1)}T00:00:00Z`);
  const end = new Date(`${addDays(input.to, 2)}T00:00:00Z`);
  const dayOf = sql<string>`((${clicks.clickedAt} AT TIME ZONE ${input.timeZone})::date)::text`;
  const inRange = and(
    eq(clicks.workspaceId, input.workspaceId),
    eq(clicks.campaignId, input.campaignId),
    gte(clicks.clickedAt, start),
    lt(clicks.clickedAt, end),
    sql`(${clicks.clickedAt} AT TIME ZONE ${input.timeZone})::date BETWEEN ${input.from}::date AND ${input.to}::date`,
    input.creatorId ? eq(clicks.creatorId, input.creatorId) : undefined,
  );

  // Orders credited through a click in the range: the campaign's conversions that name a click (their
  // orders come at or after the click, so from the range's start on), joined to that click.
  const orderRows = await db
    .select({ day: dayOf, creatorId: clicks.creatorId, n: count() })
    .from(conversions)
    .innerJoin(clicks, eq(clicks.id, conversions.clickId))
    .where(
      and(
        eq(conversions.workspaceId, input.workspaceId),
        eq(conversions.campaignId, input.campaignId),
        gte(conversions.orderCreatedAt, start),
        isNotNull(conversions.clickId),
        ne(conversions.status, "voided"),
        inRange,
      ),
    )
    .groupBy(sql`1`, clicks.creatorId);

  const [byDay, byCreator, [total], pages, skipped] = await Promise.all([
    db.select({ day: dayOf, clicks: count(), visitors: countDistinct(clicks.visitorId) }).from(clicks).where(inRange).groupBy(sql`1`),
    db
      .select({ creatorId: clicks.creatorId, name: creators.fullName, clicks: count(), visitors: countDistinct(clicks.visitorId) })
      .from(clicks)
      .innerJoin(creators, eq(creators.id, clicks.creatorId))
      .where(inRange)
      .groupBy(clicks.creatorId, creators.fullName)
      .orderBy(desc(count()), creators.fullName),
    db.select({ clicks: count(), visitors: countDistinct(clicks.visitorId) }).from(clicks).where(inRange),
    db
      .select({ path: sql<string>`coalesce(${clicks.landingPath}, '/')`, clicks: count() })
      .from(clicks)
      .where(inRange)
      .groupBy(sql`1`)
      .orderBy(desc(count()), sql`1`)
      .limit(10),
    db
      .select({ reason: skippedLinkVisits.reason, visits: sql<number>`sum(${skippedLinkVisits.visits})::int` })
      .from(skippedLinkVisits)
      .where(
        and(
          eq(skippedLinkVisits.workspaceId, input.workspaceId),
          eq(skippedLinkVisits.campaignId, input.campaignId),
          gte(skippedLinkVisits.day, input.from),
          lte(skippedLinkVisits.day, input.to),
          input.creatorId ? eq(skippedLinkVisits.creatorId, input.creatorId) : undefined,
        ),
      )
      .groupBy(skippedLinkVisits.reason),
  ]);

  const ordersByDay = new Map<string, number>();
  const ordersByCreator = new Map<string, number>();
  for (const r of orderRows) {
    ordersByDay.set(r.day, (ordersByDay.get(r.day) ?? 0) + r.n);
    ordersByCreator.set(r.creatorId, (ordersByCreator.get(r.creatorId) ?? 0) + r.n);
  }
  const clicksByDay = new Map(byDay.map((d) => [d.day, d]));
  const days: ClickAnalytics["days"] = [];
  for (let day = input.from; day <= input.to; day = addDays(day, 1)) {
    const d = clicksByDay.get(day);
    days.push({ day, ...figures(d?.clicks ?? 0, d?.visitors ?? 0, ordersByDay.get(day) ?? 0) });
  }
  const notCounted = Object.fromEntries(skipped.map((s) => [s.reason, s.visits])) as Record<string, number>;
  const totalOrders = orderRows.reduce((s, r) => s + r.n, 0);
  return {
    from: input.from,
    to: input.to,
    timeZone: input.timeZone,
    totals: {
      ...figures(total?.clicks ?? 0, total?.visitors ?? 0, totalOrders),
      notCounted: { ...notCounted, total: skipped.reduce((s, r) => s + r.visits, 0) },
    },
    days,
    creators: byCreator.map((c) => ({ creatorId: c.creatorId, name: c.name, ...figures(c.clicks, c.visitors, ordersByCreator.get(c.creatorId) ?? 0) })),
    topLandingPages: pages,
  };
}


/** The last `days` days up to today in `timeZone` (the pages' default range). */
export function lastDays(now: Date, timeZone: string, days = 30): { from: string; to: string } {
  const to = dayIn(now, timeZone);
  return { from: addDays(to, -(days - 1)), to };
}
