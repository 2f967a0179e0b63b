import type { Db } from "@/db/client";
import { CHART_DAYS, type CreatorEarnings } from "./earnings-types";
import { getCreatorEarningsSeries } from "./get-creator-earnings-series";
import { getCreatorEarningsTotals, totalsByCurrency } from "./get-creator-earnings-totals";
import { listCreatorOrders } from "./list-creator-orders";
import { getCreatorPayouts } from "./get-creator-payouts";

/**
 * The creator portal's Earnings page (and its live JSON): every figure is scoped by the creator id in
 * the WHERE clause, so one creator can never read another's conversions. Money stays integer minor
 * units with its currency; nothing is ever summed across currencies. Dates are ISO strings so that the
 * page and the JSON route share one shape.
 *
 * What a creator sees is deliberately narrower than what the brand sees: no customer data at all (no
 * email, name, address, Shopify customer id), no refund notes (free text typed in Shopify), no other
 * creator's name or code (the stored explanation summary names tie-break losers and other creators'
 * clicks, and a self-referral's Shopify customer id) — the explanation is rebuilt from amounts only.
 */

/** Everything the Earnings page shows, for the signed-in creator only. */
export async function getCreatorEarnings(db: Db, creatorId: string, opts: { now?: Date; ordersLimit?: number } = {}): Promise<CreatorEarnings> {
  const now = opts.now ?? new Date();
  const [totals, series, orders] = await Promise.all([
    getCreatorEarningsTotals(db, creatorId),
    getCreatorEarningsSeries(db, creatorId, { now }),
    listCreatorOrders(db, creatorId, { limit: opts.ordersLimit }),
  ]);
  const payouts = await getCreatorPayouts(db, creatorId, { orders: orders.orders, brands: totals, now });
  return {
    balances: payouts.balances,
    payouts: payouts.items,
    totals,
    currencies: totalsByCurrency(totals),
    series,
    orders: payouts.orders,
    ordersTruncated: orders.truncated,
    chartDays: CHART_DAYS,
    generatedAt: now.toISOString(),
  };
}
