import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaignCreatorPending, campaignCreatorTotals, campaigns, creators } from "@/db/schema";
import { campaignStatus } from "@/lib/campaigns/campaign-status";

type Sums = { orders: number; grossCents: number; refundCents: number; netCents: number; netCommissionCents: number };

const totals = (t: typeof campaignCreatorTotals) => ({
  orders: sql<number>`coalesce(sum(${t.orders}), 0)::bigint`,
  gross: sql<number>`coalesce(sum(${t.grossCents}), 0)::bigint`,
  refund: sql<number>`coalesce(sum(${t.refundCents}), 0)::bigint`,
  netCommission: sql<number>`coalesce(sum(${t.commissionCents} - ${t.reversedCommissionCents}), 0)::bigint`,
});

function toSums(r: { orders: number; gross: number; refund: number; netCommission: number }): Sums {
  return {
    orders: Number(r.orders),
    grossCents: Number(r.gross),
    refundCents: Number(r.refund),
    netCents: Number(r.gross) - Number(r.refund),
    netCommissionCents: Number(r.netCommission),
  };
}

/**
 * The workspace overview: every campaign with its net figures to date and status, and the top
 * creators across campaigns by net commission (per currency: amounts are never added across
 * currencies). Both read campaign_creator_totals through its workspace-leading indexes.
 */
export function workspaceQueries(db: Db, input: { workspaceId: string; topCreators?: number }) {
  const t = campaignCreatorTotals;
  return [
    db
      .select({ id: campaigns.id, name: campaigns.name, currency: campaigns.currency, startsAt: campaigns.startsAt, endsAt: campaigns.endsAt, endedAt: campaigns.endedAt })
      .from(campaigns)
      .where(and(eq(campaigns.workspaceId, input.workspaceId), isNull(campaigns.deletedAt)))
      .orderBy(desc(campaigns.startsAt)),
    db
      .select({ campaignId: t.campaignId, currency: t.currency, ...totals(t) })
      .from(t)
      .where(eq(t.workspaceId, input.workspaceId))
      .groupBy(t.campaignId, t.currency),
    db
      .select({ creatorId: t.creatorId, name: creators.fullName, handle: creators.handle, currency: t.currency, campaigns: sql<number>`count(distinct ${t.campaignId})::int`, ...totals(t) })
      .from(t)
      .innerJoin(creators, eq(creators.id, t.creatorId))
      .where(eq(t.workspaceId, input.workspaceId))
      .groupBy(t.creatorId, creators.fullName, creators.handle, t.currency)
      .orderBy(desc(sql`sum(${t.commissionCents} - ${t.reversedCommissionCents})`), desc(sql`sum(${t.grossCents} - ${t.refundCents})`))
      .limit(input.topCreators ?? 10),
    // awaiting payment per campaign: campaign_creator_pending's primary key leads on workspace_id
    db
      .select({ campaignId: campaignCreatorPending.campaignId, orders: sql<number>`coalesce(sum(${campaignCreatorPending.orders}), 0)::bigint`, commission: sql<number>`coalesce(sum(${campaignCreatorPending.commissionCents}), 0)::bigint` })
      .from(campaignCreatorPending)
      .where(eq(campaignCreatorPending.workspaceId, input.workspaceId))
      .groupBy(campaignCreatorPending.campaignId),
  ] as const;
}

export async function getWorkspaceResults(db: Db, input: { workspaceId: string; now?: Date; topCreators?: number }) {
  const [campaignRows, campaignSums, top, awaiting] = await Promise.all(workspaceQueries(db, input));
  const now = input.now ?? new Date();
  const sumsByCampaign = new Map(campaignSums.map((s) => [s.campaignId, s]));
  const awaitingByCampaign = new Map(awaiting.map((a) => [a.campaignId, { orders: Number(a.orders), commissionCents: Number(a.commission) }]));
  return {
    campaigns: campaignRows.map((c) => {
      const s = sumsByCampaign.get(c.id);
      return {
        id: c.id,
        name: c.name,
        currency: c.currency,
        status: campaignStatus(c, now),
        startsAt: c.startsAt.toISOString(),
        endsAt: c.endsAt?.toISOString() ?? null,
        ...(s ? toSums(s) : { orders: 0, grossCents: 0, refundCents: 0, netCents: 0, netCommissionCents: 0 }),
        awaitingPayment: awaitingByCampaign.get(c.id) ?? { orders: 0, commissionCents: 0 },
      };
    }),
    topCreators: top.map((r) => ({ creatorId: r.creatorId, name: r.name, handle: r.handle, currency: r.currency, campaigns: r.campaigns, ...toSums(r) })),
  };
}

export type WorkspaceResults = Awaited<ReturnType<typeof getWorkspaceResults>>;
