import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { campaigns, conversions, creators, orders, refunds } from "@/db/schema";
import { decodeJsonCursor, encodeJsonCursor } from "@/lib/json-cursor";
import { EXACT_INSTANT, exactInstant, keysetBefore, type QueueCursor } from "@/lib/review-queue/query";
import { orderFilterWhere, orderState, type OrderFilters } from "./order-filters";

/**
 * The brand's orders list: orders matching a filter set, newest first, a page at a time by keyset
 * on (shopify_created_at, id), exact to the microsecond (see lib/review-queue/query.ts), so a page
 * never shifts while orders arrive and a URL with a cursor shows the same rows again.
 * Index: orders_workspace_created_idx, read backwards from the cursor; each row's refunds come
 * from refunds_workspace_order_idx and its conversion from conversions_workspace_order_key.
 */

const ZOrderCursor = z.object({ t: z.string().regex(EXACT_INSTANT), id: z.string().regex(/^ord_[0-9A-Za-z_]{1,64}$/) }).strict();
export const encodeOrderCursor = (c: QueueCursor) => encodeJsonCursor({ t: c.t, id: c.id });
/** Throws AppError("bad_request") for a cursor that does not decode. */
export const decodeOrderCursor = (cursor: string): QueueCursor => decodeJsonCursor(cursor, ZOrderCursor);

const refundedCents = sql<string>`(select coalesce(sum(${refunds.subtotalCents}), 0) from ${refunds} where ${refunds.workspaceId} = ${orders.workspaceId} and ${refunds.shopifyOrderId} = ${orders.shopifyOrderId})`;
const refundCount = sql<number>`(select count(*)::int from ${refunds} where ${refunds.workspaceId} = ${orders.workspaceId} and ${refunds.shopifyOrderId} = ${orders.shopifyOrderId})`;

/** One page's query (exported for the query-plan test). */
export function orderQueuePageQuery(db: Db, input: OrderFilters & { after?: QueueCursor | undefined; limit: number }) {
  const where = orderFilterWhere(input);
  return db
    .select({
      id: orders.id,
      name: orders.name,
      email: orders.email,
      currency: orders.currency,
      subtotalCents: orders.subtotalCents,
      discountCodes: orders.discountCodes,
      cancelledAt: orders.cancelledAt,
      financialStatus: orders.financialStatus,
      test: orders.test,
      createdAt: orders.shopifyCreatedAt,
      placedAtExact: exactInstant(orders.shopifyCreatedAt),
      redactedAt: orders.redactedAt,
      refundedCents,
      refundCount,
      attributionStatus: orders.attributionStatus,
      conversionId: conversions.id,
      creatorId: conversions.creatorId,
      creditedTo: creators.fullName,
      campaignName: campaigns.name,
    })
    .from(orders)
    .leftJoin(conversions, and(eq(conversions.workspaceId, orders.workspaceId), eq(conversions.orderId, orders.id)))
    .leftJoin(creators, eq(creators.id, conversions.creatorId))
    .leftJoin(campaigns, eq(campaigns.id, conversions.campaignId))
    .where(input.after ? and(where, keysetBefore(orders.shopifyCreatedAt, orders.id, input.after)) : where)
    .orderBy(desc(orders.shopifyCreatedAt), desc(orders.id))
    .limit(input.limit + 1);
}

export type OrderQueueRow = Omit<Awaited<ReturnType<typeof orderQueuePageQuery>>[number], "placedAtExact" | "refundedCents"> & {
  refundedCents: number;
  state: ReturnType<typeof orderState>;
};

export async function listOrderQueuePage(db: Db, input: OrderFilters & { after?: QueueCursor | undefined; limit: number }): Promise<{ rows: OrderQueueRow[]; next: string | null }> {
  const rows = await orderQueuePageQuery(db, input);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ placedAtExact: _, ...r }) => {
      const row = { ...r, refundedCents: Number(r.refundedCents), refundCount: Number(r.refundCount) };
      return { ...row, state: orderState(row) };
    }),
    next: rows.length > input.limit && last ? encodeOrderCursor({ t: last.placedAtExact, id: last.id }) : null,
  };
}

export type OrderQueueTotals = {
  currency: string;
  count: number;
  /** Merchandise of the set after discounts, before refunds. */
  subtotalCents: number;
  /** Merchandise refunded on those orders. */
  refundedCents: number;
  /** Orders of the set credited to a creator. */
  credited: number;
};

/** The totals query (exported for the query-plan test). */
export function orderQueueTotalsQuery(db: Db, filters: OrderFilters) {
  return db
    .select({
      currency: orders.currency,
      count: sql<number>`count(*)::int`,
      subtotalCents: sql<string>`coalesce(sum(${orders.subtotalCents}), 0)`,
      refundedCents: sql<string>`coalesce(sum(${refundedCents}), 0)`,
      credited: sql<number>`count(*) filter (where ${orders.attributionStatus} = 'attributed')::int`,
    })
    .from(orders)
    .where(orderFilterWhere(filters))
    .groupBy(orders.currency)
    .orderBy(orders.currency);
}

/** Totals of the whole filtered set (every page), one row per currency: money is never summed across currencies. */
export async function orderQueueTotals(db: Db, filters: OrderFilters): Promise<OrderQueueTotals[]> {
  const rows = await orderQueueTotalsQuery(db, filters);
  return rows.map((r) => ({ currency: r.currency, count: Number(r.count), subtotalCents: Number(r.subtotalCents), refundedCents: Number(r.refundedCents), credited: Number(r.credited) }));
}
