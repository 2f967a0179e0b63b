import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { campaigns, conversions, creators } from "@/db/schema";
import { decodeJsonCursor, encodeJsonCursor } from "@/lib/json-cursor";
import { EXACT_INSTANT, exactInstant, keysetBefore, type QueueCursor } from "@/lib/review-queue/query";
import { conversionFilterWhere, type ConversionFilters } from "./conversion-filters";

/**
 * The brand's review queue: conversions matching a filter set, newest orders first, one page at a
 * time by keyset on (order_created_at, id) — a cursor is the last row's key, so a page never
 * shifts when conversions arrive or change status while a brand reviews, and a URL with a cursor
 * shows the same rows again (back/forward).
 *
 * The cursor holds `order_created_at` as Postgres's exact text (microseconds): a JS Date holds
 * milliseconds, and two orders within one millisecond would otherwise be skipped or repeated.
 * The comparison is done by Postgres on the row value `(order_created_at, id) < (t, id)`.
 *
 * Indexes (db/schema/conversions.ts): conversions_workspace_placed_idx (no filter or dates),
 * conversions_workspace_status_placed_idx (status), conversions_workspace_code_placed_idx (code),
 * conversions_workspace_campaign_created_idx / conversions_workspace_creator_created_idx (campaign,
 * creator), each read backwards from the cursor.
 */

export type { QueueCursor };

const ZQueueCursor = z.object({ t: z.string().regex(EXACT_INSTANT), id: z.string().regex(/^cnv_[0-9A-Za-z]{1,64}$/) }).strict();

export const encodeQueueCursor = (c: QueueCursor) => encodeJsonCursor({ t: c.t, id: c.id });
/** Throws AppError("bad_request") for a cursor that does not decode. */
export const decodeQueueCursor = (cursor: string): QueueCursor => decodeJsonCursor(cursor, ZQueueCursor);

const exactPlacedAt = exactInstant(conversions.orderCreatedAt);

/** One page's query (exported for the query-plan test). */
export function conversionQueuePageQuery(db: Db, input: ConversionFilters & { after?: QueueCursor | undefined; limit: number }) {
  const after = input.after ? keysetBefore(conversions.orderCreatedAt, conversions.id, input.after) : undefined;
  return db
    .select({
      conversion: conversions,
      placedAtExact: exactPlacedAt,
      creatorName: creators.fullName,
      campaignName: campaigns.name,
    })
    .from(conversions)
    .innerJoin(creators, eq(creators.id, conversions.creatorId))
    .innerJoin(campaigns, eq(campaigns.id, conversions.campaignId))
    .where(after ? and(conversionFilterWhere(input), after) : conversionFilterWhere(input))
    .orderBy(desc(conversions.orderCreatedAt), desc(conversions.id))
    .limit(input.limit + 1);
}

export async function listConversionQueuePage(db: Db, input: ConversionFilters & { after?: QueueCursor | undefined; limit: number }) {
  const rows = await conversionQueuePageQuery(db, input);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ placedAtExact: _, ...r }) => r),
    next: rows.length > input.limit && last ? encodeQueueCursor({ t: last.placedAtExact, id: last.conversion.id }) : null,
  };
}

export type QueueTotals = {
  currency: string;
  count: number;
  /** Sales of the set net of refunds (paid orders), plus what awaits payment. */
  netSalesCents: number;
  refundsCents: number;
  /** Commission earned net of reversals. */
  netCommissionCents: number;
  /** Commission that pending (unpaid) orders will earn once paid; not earned yet. */
  awaitingCommissionCents: number;
};

/** The totals query (exported for the query-plan test). */
export function conversionQueueTotalsQuery(db: Db, filters: ConversionFilters) {
  return db
    .select({
      currency: conversions.currency,
      count: sql<number>`count(*)::int`,
      netSalesCents: sql<string>`coalesce(sum(${conversions.orderAmountCents} + ${conversions.pendingAmountCents} - ${conversions.refundAmountCents}), 0)`,
      refundsCents: sql<string>`coalesce(sum(${conversions.refundAmountCents}), 0)`,
      netCommissionCents: sql<string>`coalesce(sum(${conversions.commissionCents} - ${conversions.refundedCommissionCents}), 0)`,
      awaitingCommissionCents: sql<string>`coalesce(sum(${conversions.pendingCommissionCents}), 0)`,
    })
    .from(conversions)
    .where(conversionFilterWhere(filters))
    .groupBy(conversions.currency)
    .orderBy(conversions.currency);
}

/** Totals of the whole filtered set (every page), one row per currency: money is never summed across currencies. */
export async function conversionQueueTotals(db: Db, filters: ConversionFilters): Promise<QueueTotals[]> {
  const rows = await conversionQueueTotalsQuery(db, filters);
  return rows.map((r) => ({
    currency: r.currency,
    count: Number(r.count),
    netSalesCents: Number(r.netSalesCents),
    refundsCents: Number(r.refundsCents),
    netCommissionCents: Number(r.netCommissionCents),
    awaitingCommissionCents: Number(r.awaitingCommissionCents),
  }));
}
