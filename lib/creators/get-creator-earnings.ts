import { and, asc, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, ledgerEntries, workspaces } from "@/db/schema";

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

export const CHART_DAYS = 90;
export const ORDERS_LIMIT = 100;

export type EarningsTotals = {
  workspaceId: string;
  brand: string;
  currency: string;
  orders: number;
  /** Attributed sales (order amounts), and the part of them refunded. */
  salesCents: number;
  refundedSalesCents: number;
  /** Commission on sales that count (approved, and fully refunded ones), and what refunds took back. */
  earnedCents: number;
  reversedCents: number;
  /** earned − reversed: what the creator is owed for this brand in this currency. */
  netCents: number;
  /** Commission (net of refunds) on orders the brand still has to review. */
  pendingCents: number;
  pendingOrders: number;
  /** Orders not paid yet in Shopify: the commission they will earn once paid (never payable before). */
  awaitingPaymentCents: number;
  awaitingPaymentOrders: number;
  /** Orders the brand denied (no commission), and their sales net of refunds. */
  deniedOrders: number;
  deniedSalesCents: number;
};

export type CurrencyTotals = Omit<EarningsTotals, "workspaceId" | "brand"> & { brands: number };

export type EarningsDay = { day: string; earnedCents: number; reversedCents: number; netCents: number };
export type EarningsSeries = { currency: string; days: EarningsDay[] };

export type CreatorExplanation = {
  via: "code" | "link" | "code_and_link";
  code: string | null;
  rateBps: number;
  /** The commissionable amount and commission as computed when the order came in. */
  amountCents: number;
  commissionCents: number;
  /** Why the brand reviews (flagged) or denied it, when that is the reason; never the matched identity. */
  review: "self_referral" | "new_creator" | null;
  /** Gift cards in the order, left out of the commissionable amount. */
  giftCardsCents: number;
};

export type CreatorOrderRefund = { at: string; kind: "refund" | "cancel" | "rounding"; amountCents: number; commissionCents: number };

/** pending = awaiting payment; voided = never paid (nothing earned). */
export type CreatorOrderStatus = "approved" | "flagged" | "denied" | "reversed" | "pending" | "voided";

export type CreatorOrder = {
  id: string;
  orderName: string;
  orderCreatedAt: string;
  brand: string;
  currency: string;
  status: CreatorOrderStatus;
  /** The order's commissionable amount and commission (for a pending order: what it will earn once paid). */
  amountCents: number;
  commissionCents: number;
  refundAmountCents: number;
  refundedCommissionCents: number;
  netCommissionCents: number;
  refundAt: string | null;
  refunds: CreatorOrderRefund[];
  explanation: CreatorExplanation;
};

export type CreatorEarnings = {
  totals: EarningsTotals[];
  currencies: CurrencyTotals[];
  series: EarningsSeries[];
  orders: CreatorOrder[];
  ordersTruncated: boolean;
  chartDays: number;
  generatedAt: string;
};

const num = (column: ReturnType<typeof sql>) => sql`coalesce(${column}, 0)`.mapWith(Number);

/**
 * What a creator's figures leave out: test orders credited before Tally left them out (corrected
 * since). Voided orders (never paid) count nowhere but in the list; pending ones only as awaiting
 * payment.
 */
const shown = sql`${conversions.testOrder} = false`;

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
export function totalsByCurrency(totals: EarningsTotals[]): CurrencyTotals[] {
  const map = new Map<string, CurrencyTotals>();
  for (const t of totals) {
    const acc = map.get(t.currency) ?? {
      currency: t.currency,
      brands: 0,
      orders: 0,
      salesCents: 0,
      refundedSalesCents: 0,
      earnedCents: 0,
      reversedCents: 0,
      netCents: 0,
      pendingCents: 0,
      pendingOrders: 0,
      deniedOrders: 0,
      deniedSalesCents: 0,
      awaitingPaymentCents: 0,
      awaitingPaymentOrders: 0,
    };
    acc.brands += 1;
    acc.orders += t.orders;
    acc.salesCents += t.salesCents;
    acc.refundedSalesCents += t.refundedSalesCents;
    acc.earnedCents += t.earnedCents;
    acc.reversedCents += t.reversedCents;
    acc.netCents += t.netCents;
    acc.pendingCents += t.pendingCents;
    acc.pendingOrders += t.pendingOrders;
    acc.deniedOrders += t.deniedOrders;
    acc.deniedSalesCents += t.deniedSalesCents;
    acc.awaitingPaymentCents += t.awaitingPaymentCents;
    acc.awaitingPaymentOrders += t.awaitingPaymentOrders;
    map.set(t.currency, acc);
  }
  return [...map.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/**
 * Net earnings per UTC day over the last `days` days, one series per currency, from the ledger:
 * positive commission movements (sales, upward adjustments) and negative ones (refund reversals,
 * downward adjustments). Orders under review are left out, as in the net total.
 */
export async function getCreatorEarningsSeries(db: Db, creatorId: string, opts: { days?: number; now?: Date } = {}): Promise<EarningsSeries[]> {
  const days = opts.days ?? CHART_DAYS;
  const now = opts.now ?? new Date();
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  const day = sql<string>`to_char(${ledgerEntries.occurredAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      currency: ledgerEntries.currency,
      day,
      earnedCents: num(sql`sum(greatest(${ledgerEntries.commissionCents}, 0))`),
      reversedCents: num(sql`sum(least(${ledgerEntries.commissionCents}, 0))`),
    })
    .from(ledgerEntries)
    .innerJoin(conversions, eq(conversions.id, ledgerEntries.conversionId))
    .where(and(eq(conversions.creatorId, creatorId), ne(conversions.status, "flagged"), shown, gte(ledgerEntries.occurredAt, since)))
    .groupBy(ledgerEntries.currency, day)
    .orderBy(asc(ledgerEntries.currency), asc(day));
  const byCurrency = new Map<string, EarningsDay[]>();
  for (const r of rows) {
    if (r.earnedCents === 0 && r.reversedCents === 0) continue;
    const list = byCurrency.get(r.currency) ?? [];
    list.push({ day: r.day, earnedCents: r.earnedCents, reversedCents: r.reversedCents, netCents: r.earnedCents + r.reversedCents });
    byCurrency.set(r.currency, list);
  }
  return [...byCurrency.entries()].map(([currency, list]) => ({ currency, days: list }));
}

/** The creator's latest orders, newest first, with their refunds (dates and amounts only). */
export async function listCreatorOrders(db: Db, creatorId: string, opts: { limit?: number } = {}): Promise<{ orders: CreatorOrder[]; truncated: boolean }> {
  const limit = opts.limit ?? ORDERS_LIMIT;
  const rows = await db
    .select({
      id: conversions.id,
      orderName: conversions.orderName,
      orderCreatedAt: conversions.orderCreatedAt,
      brand: workspaces.name,
      currency: conversions.currency,
      status: conversions.status,
      type: conversions.type,
      code: conversions.code,
      commissionRateBps: conversions.commissionRateBps,
      amountCents: conversions.orderAmountCents,
      commissionCents: conversions.commissionCents,
      pendingAmountCents: conversions.pendingAmountCents,
      pendingCommissionCents: conversions.pendingCommissionCents,
      refundAmountCents: conversions.refundAmountCents,
      refundedCommissionCents: conversions.refundedCommissionCents,
      refundAt: conversions.refundAt,
      explanation: conversions.explanation,
    })
    .from(conversions)
    .innerJoin(workspaces, eq(workspaces.id, conversions.workspaceId))
    .where(and(eq(conversions.creatorId, creatorId), shown))
    .orderBy(desc(conversions.orderCreatedAt), desc(conversions.id))
    .limit(limit + 1);
  const truncated = rows.length > limit;
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.id);
  const reversals =
    ids.length === 0
      ? []
      : await db
          .select({
            conversionId: ledgerEntries.conversionId,
            kind: ledgerEntries.kind,
            amountCents: ledgerEntries.amountCents,
            commissionCents: ledgerEntries.commissionCents,
            occurredAt: ledgerEntries.occurredAt,
          })
          .from(ledgerEntries)
          .innerJoin(conversions, eq(conversions.id, ledgerEntries.conversionId))
          .where(and(eq(conversions.creatorId, creatorId), inArray(ledgerEntries.conversionId, ids), inArray(ledgerEntries.kind, ["refund", "cancellation", "rounding"])))
          .orderBy(asc(ledgerEntries.occurredAt), asc(ledgerEntries.createdAt));
  const refundsOf = new Map<string, CreatorOrderRefund[]>();
  for (const e of reversals) {
    const list = refundsOf.get(e.conversionId) ?? [];
    list.push({
      at: e.occurredAt.toISOString(),
      kind: e.kind === "cancellation" ? "cancel" : e.kind === "rounding" ? "rounding" : "refund",
      amountCents: -e.amountCents,
      commissionCents: -e.commissionCents,
    });
    refundsOf.set(e.conversionId, list);
  }
  const orders = page.map((r) => ({
    id: r.id,
    orderName: r.orderName,
    orderCreatedAt: r.orderCreatedAt.toISOString(),
    brand: r.brand,
    currency: r.currency,
    status: r.status,
    amountCents: r.status === "pending" ? r.pendingAmountCents : r.amountCents,
    commissionCents: r.status === "pending" ? r.pendingCommissionCents : r.commissionCents,
    refundAmountCents: r.refundAmountCents,
    refundedCommissionCents: r.refundedCommissionCents,
    netCommissionCents: r.commissionCents - r.refundedCommissionCents,
    refundAt: r.refundAt ? r.refundAt.toISOString() : null,
    refunds: refundsOf.get(r.id) ?? [],
    explanation: creatorExplanation(r),
  }));
  return { orders, truncated };
}

/**
 * The explanation as a creator may see it: how the commission was computed, from amounts and the
 * creator's own code only. The stored summary is not passed on (it can name other creators and the
 * customer's Shopify id).
 */
export function creatorExplanation(c: {
  type: "coupon" | "link";
  code: string | null;
  commissionRateBps: number;
  amountCents: number;
  commissionCents: number;
  explanation: Record<string, unknown>;
}): CreatorExplanation {
  const e = c.explanation ?? {};
  const amount = isRecord(e.amount) ? e.amount : {};
  const int = (v: unknown, fallback: number) => (typeof v === "number" && Number.isSafeInteger(v) ? v : fallback);
  const via = e.rule === "code_and_link_same_creator" ? "code_and_link" : c.type === "link" ? "link" : "code";
  return {
    via,
    code: via === "link" ? null : c.code,
    rateBps: int(amount.rateBps, c.commissionRateBps),
    amountCents: int(amount.amountCents, c.amountCents),
    commissionCents: int(amount.commissionCents, c.commissionCents),
    review: isRecord(e.selfReferral) ? "self_referral" : isRecord(e.newCreator) ? "new_creator" : null,
    giftCardsCents: Array.isArray(amount.excludedLines) ? amount.excludedLines.reduce((s: number, l: unknown) => s + (isRecord(l) ? int(l.amountCents, 0) : 0), 0) : 0,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Everything the Earnings page shows, for the signed-in creator only. */
export async function getCreatorEarnings(db: Db, creatorId: string, opts: { now?: Date; ordersLimit?: number } = {}): Promise<CreatorEarnings> {
  const now = opts.now ?? new Date();
  const [totals, series, orders] = await Promise.all([
    getCreatorEarningsTotals(db, creatorId),
    getCreatorEarningsSeries(db, creatorId, { now }),
    listCreatorOrders(db, creatorId, { limit: opts.ordersLimit }),
  ]);
  return {
    totals,
    currencies: totalsByCurrency(totals),
    series,
    orders: orders.orders,
    ordersTruncated: orders.truncated,
    chartDays: CHART_DAYS,
    generatedAt: now.toISOString(),
  };
}
