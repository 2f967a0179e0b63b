import { and, asc, desc, eq, gte, lte, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { campaignCreatorDays, campaignCreatorPending, campaignCreatorTotals, campaignDayDeltas, campaignDays, creators, discountCodes, enrollments } from "@/db/schema";
import { getCampaignOrThrow } from "@/lib/campaigns/get-campaign";
import { resolveRange, type DashboardRange } from "./date-range";

/** Money in integer minor units of `currency`; rates are fractions (0.125 = 12.5 %), null when undefined. */
export type Figures = {
  orders: number;
  grossCents: number;
  refundCents: number;
  netCents: number;
  commissionCents: number;
  reversedCommissionCents: number;
  netCommissionCents: number;
};

/** Orders not paid yet in Shopify (`pending` conversions): what they will earn once paid. Not ledger money, never in the other figures. */
export type AwaitingPayment = { orders: number; amountCents: number; commissionCents: number };

export type CreatorRow = Figures & {
  creatorId: string;
  name: string;
  handle: string | null;
  code: string | null;
  /** false when the creator has left the campaign (their past sales still count). */
  onRoster: boolean;
  refundRate: number | null;
  lastSaleAt: string | null;
  /** Now, whatever the range: awaiting payment is a present state, not a movement of a day. */
  awaitingPayment: AwaitingPayment;
};

export type Tiles = Figures & { refundRate: number | null; roi: number | null; awaitingPayment: AwaitingPayment };
export type SeriesPoint = { day: string; grossCents: number; refundCents: number; netCents: number };

export type CampaignDashboard = {
  currency: string;
  range: DashboardRange;
  tiles: Tiles;
  series: SeriesPoint[];
  creators: CreatorRow[];
  generatedAt: string;
};

const ZERO: Figures = { orders: 0, grossCents: 0, refundCents: 0, netCents: 0, commissionCents: 0, reversedCommissionCents: 0, netCommissionCents: 0 };

type Sums = { orders: number; gross: number; refund: number; commission: number; reversed: number };

function figures(s: Sums): Figures {
  const gross = Number(s.gross);
  const refund = Number(s.refund);
  const commission = Number(s.commission);
  const reversed = Number(s.reversed);
  return {
    orders: Number(s.orders),
    grossCents: gross,
    refundCents: refund,
    netCents: gross - refund,
    commissionCents: commission,
    reversedCommissionCents: reversed,
    netCommissionCents: commission - reversed,
  };
}

export function refundRate(f: Pick<Figures, "grossCents" | "refundCents">): number | null {
  return f.grossCents > 0 ? f.refundCents / f.grossCents : null;
}

/** ROI as the issue defines it: net sales ÷ net commission owed (sales per unit of commission). */
export function roi(f: Pick<Figures, "netCents" | "netCommissionCents">): number | null {
  return f.netCommissionCents > 0 ? f.netCents / f.netCommissionCents : null;
}

export function addFigures(a: Figures, b: Figures): Figures {
  return {
    orders: a.orders + b.orders,
    grossCents: a.grossCents + b.grossCents,
    refundCents: a.refundCents + b.refundCents,
    netCents: a.netCents + b.netCents,
    commissionCents: a.commissionCents + b.commissionCents,
    reversedCommissionCents: a.reversedCommissionCents + b.reversedCommissionCents,
    netCommissionCents: a.netCommissionCents + b.netCommissionCents,
  };
}

type Scope = { workspaceId: string; campaignId: string; currency: string };

/** A creator's running totals at the last day on or before (`lte`) / before (`lt`) `day`: one primary-key probe. */
function runningAt(db: Db, t: typeof campaignCreatorTotals, day: string, op: "lte" | "lt", alias: string) {
  const d = campaignCreatorDays;
  return db
    .select({
      orders: sql<number>`${d.cumOrders}`.as(`${alias}_orders`),
      gross: sql<number>`${d.cumGrossCents}`.as(`${alias}_gross`),
      refund: sql<number>`${d.cumRefundCents}`.as(`${alias}_refund`),
      commission: sql<number>`${d.cumCommissionCents}`.as(`${alias}_commission`),
      reversed: sql<number>`${d.cumReversedCommissionCents}`.as(`${alias}_reversed`),
      lastSaleAt: sql<Date | null>`${d.cumLastSaleAt}`.as(`${alias}_last_sale_at`),
    })
    .from(d)
    .where(and(eq(d.workspaceId, t.workspaceId), eq(d.campaignId, t.campaignId), eq(d.creatorId, t.creatorId), eq(d.currency, t.currency), op === "lte" ? lte(d.day, day) : sql`${d.day} < ${day}`))
    .orderBy(desc(d.day))
    .limit(1)
    .as(alias);
}

/**
 * Per-creator sums for the range, from the rollups (db/schema/dashboard.ts), in time independent
 * of the range's length: "campaign to date" reads campaign_creator_totals (≤ 1 row per creator,
 * primary-key range scan); a range [from, to] takes, for each of those creators, the running
 * totals at `to` minus those before `from` (two primary-key probes of campaign_creator_days; one
 * for a preset, which ends today: its end is the creator's totals).
 * The last sale in the range is the last sale through `to` when it is later than the last one
 * before `from` (campaign-local days run in time order).
 */
export function creatorSums(db: Db, scope: Scope, range: DashboardRange) {
  const t = campaignCreatorTotals;
  const where = and(eq(t.workspaceId, scope.workspaceId), eq(t.campaignId, scope.campaignId), eq(t.currency, scope.currency));
  if (!range.from && !range.to) {
    return db.select({ creatorId: t.creatorId, lastSaleAt: t.lastSaleAt, orders: t.orders, gross: t.grossCents, refund: t.refundCents, commission: t.commissionCents, reversed: t.reversedCommissionCents }).from(t).where(where);
  }
  const lo = runningAt(db, t, range.from ?? "0001-01-01", "lt", "lo");
  const minus = (a: SQLWrapper, b: SQL.Aliased<number>) => sql<number>`(${a} - coalesce(${b}, 0))::bigint`;
  if (range.kind !== "custom") {
    // A preset ends today: the creator's totals are the running totals at its end (one probe per creator).
    return db
      .select({
        creatorId: t.creatorId,
        lastSaleAt: sql<Date | null>`CASE WHEN ${t.lastSaleAt} > ${lo.lastSaleAt} OR ${lo.lastSaleAt} IS NULL THEN ${t.lastSaleAt} END`,
        orders: minus(t.orders, lo.orders),
        gross: minus(t.grossCents, lo.gross),
        refund: minus(t.refundCents, lo.refund),
        commission: minus(t.commissionCents, lo.commission),
        reversed: minus(t.reversedCommissionCents, lo.reversed),
      })
      .from(t)
      .leftJoinLateral(lo, sql`true`)
      .where(where);
  }
  const hi = runningAt(db, t, range.to ?? "9999-12-31", "lte", "hi");
  return db
    .select({
      creatorId: t.creatorId,
      lastSaleAt: sql<Date | null>`CASE WHEN ${hi.lastSaleAt} > ${lo.lastSaleAt} OR ${lo.lastSaleAt} IS NULL THEN ${hi.lastSaleAt} END`,
      orders: minus(hi.orders, lo.orders),
      gross: minus(hi.gross, lo.gross),
      refund: minus(hi.refund, lo.refund),
      commission: minus(hi.commission, lo.commission),
      reversed: minus(hi.reversed, lo.reversed),
    })
    .from(t)
    .innerJoinLateral(hi, sql`true`)
    .leftJoinLateral(lo, sql`true`)
    .where(where);
}

/**
 * Gross, refunds and net per campaign day in the range (days without movements are absent):
 * campaign_days (one row per day, primary-key range scan) plus the deltas the folder has not
 * folded yet (campaign_day_deltas by its campaign index; a few seconds' worth of entries).
 */
export function dailySeriesQuery(db: Db, scope: Scope, range: DashboardRange) {
  const d = campaignDays;
  const x = campaignDayDeltas;
  const folded = db
    .select({ day: d.day, gross: d.grossCents, refund: d.refundCents })
    .from(d)
    .where(and(eq(d.workspaceId, scope.workspaceId), eq(d.campaignId, scope.campaignId), eq(d.currency, scope.currency), range.from ? gte(d.day, range.from) : undefined, range.to ? lte(d.day, range.to) : undefined));
  const pending = db
    .select({ day: x.day, gross: x.grossCents, refund: x.refundCents })
    .from(x)
    .where(and(eq(x.workspaceId, scope.workspaceId), eq(x.campaignId, scope.campaignId), eq(x.currency, scope.currency), range.from ? gte(x.day, range.from) : undefined, range.to ? lte(x.day, range.to) : undefined));
  const u = unionAll(folded, pending).as("u");
  return db
    .select({ day: u.day, gross: sql<number>`sum(${u.gross})::bigint`, refund: sql<number>`sum(${u.refund})::bigint` })
    .from(u)
    .groupBy(u.day)
    .orderBy(asc(u.day));
}

export async function dailySeries(db: Db, scope: Scope, range: DashboardRange): Promise<SeriesPoint[]> {
  const rows = await dailySeriesQuery(db, scope, range);
  return rows.map((r) => ({ day: r.day, grossCents: Number(r.gross), refundCents: Number(r.refund), netCents: Number(r.gross) - Number(r.refund) }));
}

/** Orders awaiting payment per creator, from campaign_creator_pending (≤ 1 row per creator, primary-key range scan). */
export function awaitingPaymentSums(db: Db, scope: Scope) {
  const p = campaignCreatorPending;
  return db
    .select({ creatorId: p.creatorId, orders: p.orders, amountCents: p.amountCents, commissionCents: p.commissionCents })
    .from(p)
    .where(and(eq(p.workspaceId, scope.workspaceId), eq(p.campaignId, scope.campaignId), eq(p.currency, scope.currency)));
}

const NO_AWAITING: AwaitingPayment = { orders: 0, amountCents: 0, commissionCents: 0 };

/** Everyone who is or was on the roster, with their code in this campaign (the newest one). */
export function campaignRoster(db: Db, scope: Omit<Scope, "currency">) {
  return db
    .selectDistinctOn([enrollments.creatorId], {
      creatorId: enrollments.creatorId,
      name: creators.fullName,
      handle: creators.handle,
      code: discountCodes.code,
      onRoster: sql<boolean>`bool_or(${enrollments.status} = 'active') over (partition by ${enrollments.creatorId})`,
    })
    .from(enrollments)
    .innerJoin(creators, eq(creators.id, enrollments.creatorId))
    .leftJoin(discountCodes, and(eq(discountCodes.enrollmentId, enrollments.id), eq(discountCodes.campaignId, scope.campaignId)))
    .where(and(eq(enrollments.workspaceId, scope.workspaceId), eq(enrollments.campaignId, scope.campaignId)))
    .orderBy(enrollments.creatorId, sql`${enrollments.status} = 'active' desc`, sql`${discountCodes.createdAt} desc nulls last`);
}

/**
 * Everything the campaign dashboard shows, for one range: tiles, the daily series and one row per
 * creator (every creator on the roster, with zeros when they have not sold). Tiles are the sum of
 * the rows, so the page, the payout CSV and the tiles always agree. Three small queries on
 * maintained rollups, run in parallel.
 */
export async function getCampaignDashboard(db: Db, input: Scope & { range: DashboardRange; now?: Date }): Promise<CampaignDashboard> {
  const scope = { workspaceId: input.workspaceId, campaignId: input.campaignId, currency: input.currency };
  const [roster, perCreator, series, awaiting] = await Promise.all([
    campaignRoster(db, scope),
    creatorSums(db, scope, input.range),
    dailySeries(db, scope, input.range),
    awaitingPaymentSums(db, scope),
  ]);
  const byCreator = new Map(perCreator.map((r) => [r.creatorId, r]));
  const awaitingOf = new Map(awaiting.map((a) => [a.creatorId, { orders: Number(a.orders), amountCents: Number(a.amountCents), commissionCents: Number(a.commissionCents) }]));
  const rows: CreatorRow[] = roster.map((c) => {
    const s = byCreator.get(c.creatorId);
    const f = s ? figures(s) : ZERO;
    return {
      creatorId: c.creatorId,
      name: c.name,
      handle: c.handle,
      code: c.code,
      onRoster: Boolean(c.onRoster),
      ...f,
      refundRate: refundRate(f),
      lastSaleAt: s?.lastSaleAt ? new Date(s.lastSaleAt).toISOString() : null,
      awaitingPayment: awaitingOf.get(c.creatorId) ?? NO_AWAITING,
    };
  });
  const total = rows.reduce<Figures>((acc, r) => addFigures(acc, r), ZERO);
  const awaitingTotal = rows.reduce<AwaitingPayment>(
    (acc, r) => ({ orders: acc.orders + r.awaitingPayment.orders, amountCents: acc.amountCents + r.awaitingPayment.amountCents, commissionCents: acc.commissionCents + r.awaitingPayment.commissionCents }),
    NO_AWAITING,
  );
  return {
    currency: input.currency,
    range: input.range,
    tiles: { ...total, refundRate: refundRate(total), roi: roi(total), awaitingPayment: awaitingTotal },
    series,
    creators: rows.sort((a, b) => b.netCommissionCents - a.netCommissionCents || a.name.localeCompare(b.name)),
    generatedAt: (input.now ?? new Date()).toISOString(),
  };
}

/** The dashboard of a campaign of this workspace (another workspace's campaign is "not found"). */
export async function loadCampaignDashboard(db: Db, input: { workspaceId: string; campaignId: string; query: { range?: string | null; from?: string | null; to?: string | null }; now?: Date }) {
  const now = input.now ?? new Date();
  const campaign = await getCampaignOrThrow(db, input);
  const range = resolveRange(input.query, now, campaign.timezone);
  return getCampaignDashboard(db, { workspaceId: input.workspaceId, campaignId: campaign.id, currency: campaign.currency, range, now });
}
