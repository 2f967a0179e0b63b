import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, workspaces } from "@/db/schema";
import { creatorVisible as shown, num } from "./creator-visible";
import type { CurrencyTotals, EarningsTotals } from "./earnings-types";

/** Totals per brand and currency, from the conversions' maintained totals (sums of the ledger). */
export async function getCreatorEarningsTotals(db: Db, creatorId: string): Promise<EarningsTotals[]> {
  const counts = sql`${conversions.status} <> 'flagged'`;
  const ordered = sql`${conversions.status} NOT IN ('pending', 'voided')`;
  const rows = await db
    .select({
      workspaceId: conversions.workspaceId,
      brand: workspaces.name,
      currency: conversions.currency,
      orders: sql`count(*) filter (where ${ordered})`.mapWith(Number),
      salesCents: num(sql`sum(${conversions.orderAmountCents})`),
      refundedSalesCents: num(sql`sum(${conversions.refundAmountCents})`),
      earnedCents: num(sql`sum(${conversions.commissionCents}) filter (where ${counts})`),
      reversedCents: num(sql`sum(${conversions.refundedCommissionCents}) filter (where ${counts})`),
      pendingCents: num(sql`sum(${conversions.commissionCents} - ${conversions.refundedCommissionCents}) filter (where ${conversions.status} = 'flagged')`),
      pendingOrders: sql`count(*) filter (where ${conversions.status} = 'flagged')`.mapWith(Number),
      deniedOrders: sql`count(*) filter (where ${conversions.status} = 'denied')`.mapWith(Number),
      deniedSalesCents: num(sql`sum(${conversions.orderAmountCents} - ${conversions.refundAmountCents}) filter (where ${conversions.status} = 'denied')`),
      awaitingPaymentCents: num(sql`sum(${conversions.pendingCommissionCents}) filter (where ${conversions.status} = 'pending')`),
      awaitingPaymentOrders: sql`count(*) filter (where ${conversions.status} = 'pending')`.mapWith(Number),
    })
    .from(conversions)
    .innerJoin(workspaces, eq(workspaces.id, conversions.workspaceId))
    .where(and(eq(conversions.creatorId, creatorId), shown))
    .groupBy(conversions.workspaceId, workspaces.name, conversions.currency)
    .orderBy(asc(workspaces.name), asc(conversions.currency));
  return rows.map((r) => ({ ...r, netCents: r.earnedCents - r.reversedCents }));
}

/** The same totals per currency, across brands (never across currencies). */
/** The figures that add up across brands (in one currency). */
const SUMMED = [
  "orders",
  "salesCents",
  "refundedSalesCents",
  "earnedCents",
  "reversedCents",
  "netCents",
  "pendingCents",
  "pendingOrders",
  "deniedOrders",
  "deniedSalesCents",
  "awaitingPaymentCents",
  "awaitingPaymentOrders",
] as const satisfies readonly (keyof CurrencyTotals)[];

export function totalsByCurrency(totals: EarningsTotals[]): CurrencyTotals[] {
  const map = new Map<string, CurrencyTotals>();
  for (const t of totals) {
    const acc = map.get(t.currency) ?? ({ currency: t.currency, brands: 0, ...Object.fromEntries(SUMMED.map((k) => [k, 0])) } as CurrencyTotals);
    acc.brands += 1;
    for (const k of SUMMED) acc[k] += t[k];
    map.set(t.currency, acc);
  }
  return [...map.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
