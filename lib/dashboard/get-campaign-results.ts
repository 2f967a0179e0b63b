import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, creators } from "@/db/schema";

export type CreatorResult = {
  creatorId: string;
  creatorName: string;
  code: string | null;
  orders: number;
  grossCents: number;
  refundCents: number;
  netCents: number;
  commissionCents: number;
  netCommissionCents: number;
  lastSaleAt: string | null;
};

/**
 * A campaign's refund-adjusted results per creator and in total, from the conversions' maintained
 * totals (denied conversions excluded: they pay nothing). One grouped query on
 * conversions_workspace_campaign_created_idx; issue 7 moves the dashboard to maintained rollups.
 */
export async function getCampaignResults(db: Db, input: { workspaceId: string; campaignId: string }) {
  const rows = await db
    .select({
      creatorId: conversions.creatorId,
      creatorName: creators.fullName,
      code: sql<string | null>`max(${conversions.code})`,
      orders: sql<number>`count(*)::int`,
      grossCents: sql<number>`sum(${conversions.orderAmountCents})::bigint`,
      refundCents: sql<number>`sum(${conversions.refundAmountCents})::bigint`,
      commissionCents: sql<number>`sum(${conversions.commissionCents})::bigint`,
      refundedCommissionCents: sql<number>`sum(${conversions.refundedCommissionCents})::bigint`,
      lastSaleAt: sql<string | null>`max(${conversions.orderCreatedAt})`,
    })
    .from(conversions)
    .innerJoin(creators, eq(creators.id, conversions.creatorId))
    .where(and(eq(conversions.workspaceId, input.workspaceId), eq(conversions.campaignId, input.campaignId), ne(conversions.status, "denied")))
    .groupBy(conversions.creatorId, creators.fullName)
    .orderBy(desc(sql`sum(${conversions.commissionCents}) - sum(${conversions.refundedCommissionCents})`));
  const creatorsResults: CreatorResult[] = rows.map((r) => {
    const gross = Number(r.grossCents);
    const refund = Number(r.refundCents);
    const commission = Number(r.commissionCents);
    return {
      creatorId: r.creatorId,
      creatorName: r.creatorName,
      code: r.code,
      orders: r.orders,
      grossCents: gross,
      refundCents: refund,
      netCents: gross - refund,
      commissionCents: commission,
      netCommissionCents: commission - Number(r.refundedCommissionCents),
      lastSaleAt: r.lastSaleAt ? new Date(r.lastSaleAt).toISOString() : null,
    };
  });
  const sum = (k: keyof Pick<CreatorResult, "orders" | "grossCents" | "refundCents" | "netCents" | "commissionCents" | "netCommissionCents">) =>
    creatorsResults.reduce((s, r) => s + r[k], 0);
  const totals = {
    orders: sum("orders"),
    grossCents: sum("grossCents"),
    refundCents: sum("refundCents"),
    netCents: sum("netCents"),
    commissionCents: sum("commissionCents"),
    netCommissionCents: sum("netCommissionCents"),
  };
  return { creators: creatorsResults, totals };
}
